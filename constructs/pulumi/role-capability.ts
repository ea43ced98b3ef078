import { Declared, declared } from '../../src/jea/declared-at';
import { RoleCapabilityModel } from '../../src/jea/model';
import { RoleCapabilityProps } from '../../src/jea/props';
import { defineRoleCapability } from '../../src/jea/role-capability';
import { JeaComponent, JeaComponentOptions } from './component';

/** Props of {@link RoleCapability}, as the cdktf RoleCapability takes them. */
export type { RoleCapabilityProps };

/**
 * A JEA role capability (.psrc): the cmdlets, functions, external commands, providers and
 * definitions one role may use. Validated when constructed (messages start with the component's
 * path); its GUID derives from the path. Carried to hosts by a {@link JeaModule}.
 */
export class RoleCapability extends JeaComponent {
  /** The role name (the .psrc file name without extension). */
  readonly roleName: string;
  /** The validated, normalized model (what the .psrc holds). */
  readonly model: RoleCapabilityModel;
  /** Where the role was declared (component path, and file:line of the code that made it). */
  readonly declared: Declared;

  constructor(name: string, props: RoleCapabilityProps = {}, opts?: JeaComponentOptions) {
    super('jeajit:jea:RoleCapability', name, opts);
    this.declared = declared(this.path);
    const { roleName, ...content } = props;
    const defined = defineRoleCapability(this.path, { roleName: roleName ?? name, ...content });
    this.roleName = defined.roleName;
    this.model = defined.model;
    this.registerOutputs({ roleName: this.roleName, guid: this.model.guid });
  }
}
