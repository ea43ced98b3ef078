import { JeaComponent, JeaComponentOptions } from './component';

/**
 * A grouping component that gives its children a path, as a cdktf stack does: components
 * created with `{ parent: scope }` get paths `<scope>/<name>`. Name it like the cdktf stack
 * (`contoso`) to get the same GUIDs, and so the same files, as the cdktf estate. Checks that hold
 * per estate (one PIM activation policy per role and scope) hold per root scope.
 */
export class JeaScope extends JeaComponent {
  constructor(name: string, opts: JeaComponentOptions = {}) {
    super('jeajit:index:Scope', name, opts, true);
    this.registerOutputs({ path: this.path });
  }
}
