import { Construct } from 'constructs';
import { Declared, declared } from '../../src/jea/declared-at';
import { defineRoleCapability } from '../../src/jea/role-capability';
import { RoleCapabilityModel } from '../../src/jea/model';
import { RoleCapabilityProps } from '../../src/jea/props';

/** Props of {@link RoleCapability} (shared with the Pulumi engine). */
export type { RoleCapabilityProps };

/**
 * A JEA role capability (.psrc): the cmdlets, functions, external commands, providers and
 * definitions one role may use. Validated when constructed; its GUID derives from the construct
 * path. Carried to hosts by a {@link JeaModule}.
 */
export class RoleCapability extends Construct {
  /** The role name (the .psrc file name without extension). */
  readonly roleName: string;
  /** The validated, normalized model (what the .psrc holds). */
  readonly model: RoleCapabilityModel;
  /** Where the role was declared (construct path, and file:line of the code that made it). */
  readonly declared: Declared;

  constructor(scope: Construct, id: string, props: RoleCapabilityProps = {}) {
    super(scope, id);
    this.declared = declared(this.node.path);
    const { roleName, ...content } = props;
    const defined = defineRoleCapability(this.node.path, { roleName: roleName ?? id, ...content });
    this.roleName = defined.roleName;
    this.model = defined.model;
  }
}
