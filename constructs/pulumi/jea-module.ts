import { defineJeaModule, JeaModuleModel } from '../../src/jea/jea-module';
import { JeaComponent, JeaComponentOptions } from './component';
import { JeaModulePropsOf } from '../../src/jea/props';
import { RoleCapability } from './role-capability';

/** Props of {@link JeaModule}, as the cdktf JeaModule takes them. */
export type JeaModuleProps = JeaModulePropsOf<RoleCapability>;

const owners = new WeakMap<RoleCapability, JeaModule>();

/**
 * The PowerShell module that carries role capabilities to a host:
 * `<Name>/<Version>/<Name>.psd1`, `<Name>.psm1` and `RoleCapabilities/<Role>.psrc`.
 */
export class JeaModule extends JeaComponent {
  /** The module containing a role capability, or undefined. */
  static of(role: RoleCapability): JeaModule | undefined {
    return owners.get(role);
  }

  /** The validated model. */
  readonly model: JeaModuleModel;

  constructor(name: string, props: JeaModuleProps, opts?: JeaComponentOptions) {
    super('jeajit:jea:JeaModule', name, opts);
    const { roleCapabilities, ...rest } = props;
    this.model = defineJeaModule(this.path, {
      ...rest,
      roles: roleCapabilities.map((r) => ({ roleName: r.roleName, model: r.model, declared: r.declared })),
    });
    for (const role of roleCapabilities) {
      const other = owners.get(role);
      if (other)
        throw new Error(
          `${this.path}: roleCapabilities: role '${role.roleName}' (${role.path}) is already carried by module ${other.path}; a role belongs to one module`,
        );
      owners.set(role, this);
    }
    this.registerOutputs({
      name: this.model.name,
      version: this.model.version,
      guid: this.model.guid,
      roles: this.model.roles.map((r) => r.roleName),
    });
  }
}
