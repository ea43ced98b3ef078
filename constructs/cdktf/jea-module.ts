import { Construct } from 'constructs';
import { defineJeaModule, JeaModuleModel, moduleFiles } from '../../src/jea/jea-module';
import { writeAtSynth } from './stack-files';
import { JeaModulePropsOf } from '../../src/jea/props';
import { RoleCapability } from './role-capability';

/** Props of {@link JeaModule}. */
export type JeaModuleProps = JeaModulePropsOf<RoleCapability>;

const owners = new WeakMap<RoleCapability, JeaModule>();

/**
 * The PowerShell module that carries role capabilities to a host:
 * `<Name>/<Version>/<Name>.psd1`, `<Name>.psm1` and `RoleCapabilities/<Role>.psrc`. Each endpoint
 * that uses it carries a copy; the module itself is also written to
 * `cdktf.out/stacks/<stack>/modules/<Name>/<Version>/`, ready for Publish-Module to a feed.
 */
export class JeaModule extends Construct {
  /** The module containing a role capability, or undefined. */
  static of(role: RoleCapability): JeaModule | undefined {
    return owners.get(role);
  }

  /** The validated model. */
  readonly model: JeaModuleModel;

  constructor(scope: Construct, id: string, props: JeaModuleProps) {
    super(scope, id);
    const { roleCapabilities, ...rest } = props;
    this.model = defineJeaModule(this.node.path, {
      ...rest,
      roles: roleCapabilities.map((r) => ({ roleName: r.roleName, model: r.model, declared: r.declared })),
    });
    for (const role of roleCapabilities) {
      const other = owners.get(role);
      if (other)
        throw new Error(
          `${this.node.path}: roleCapabilities: role '${role.roleName}' (${role.node.path}) is already carried by module ${other.node.path}; a role belongs to one module`,
        );
      owners.set(role, this);
    }
    writeAtSynth(this, () => moduleFiles(this.model).map((f) => ({ path: `modules/${f.path}`, content: f.content })));
  }
}
