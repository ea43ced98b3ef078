import { Construct } from 'constructs';
import { defineRoleCapability } from '../../src/jea/role-capability';
import { PolicyException } from '../../src/jea/capability-policy';
import { CapabilityModel, RoleCapabilityModel } from '../../src/jea/model';

/** Props of {@link RoleCapability}: every .psrc key, typed (see CapabilityModel for each field). */
export interface RoleCapabilityProps extends CapabilityModel {
  /** The role name that RoleDefinitions use; the file is `RoleCapabilities/<roleName>.psrc`. @default the construct id */
  readonly roleName?: string;
  /** What the role is for. @default none */
  readonly description?: string;
  /** @default none */
  readonly author?: string;
  /** @default none */
  readonly companyName?: string;
  /** @default none */
  readonly copyright?: string;
  /** The file's GUID. @default derived from the construct path (keep the GUID of an imported file) */
  readonly guid?: string;
  /** Checks deferred to their rules (JEA003, JEA006, JEA008), each with a reason, as for imported files. @default none */
  readonly policyExceptions?: readonly PolicyException[];
}

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

  constructor(scope: Construct, id: string, props: RoleCapabilityProps = {}) {
    super(scope, id);
    const { roleName, ...content } = props;
    const defined = defineRoleCapability(this.node.path, { roleName: roleName ?? id, ...content });
    this.roleName = defined.roleName;
    this.model = defined.model;
  }
}
