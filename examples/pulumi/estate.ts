import {
  EndpointAcl,
  JeaModule,
  JeaScope,
  JeaVmDeployment,
  JitGroupEligibility,
  PimRoleEligibility,
  RoleCapability,
  SessionConfiguration,
  VmJitAccessPolicy,
} from '../../constructs/pulumi';
import { declareContoso, VMS } from '../contoso';

export { VMS };

/** What {@link declareEstate} declares: the root scope and the endpoints whose files the program writes. */
export interface Estate {
  readonly scope: JeaScope;
  readonly endpoints: readonly SessionConfiguration[];
}

/**
 * Contoso's JEA estate (examples/contoso.ts, the declaration the cdktf stack uses too) as Pulumi
 * components under a root scope named like the cdktf stack, so the endpoint files are byte for
 * byte the same (test/pulumi checks it).
 */
export function declareEstate(name = 'contoso'): Estate {
  const scope = new JeaScope(name);
  const opts = { parent: scope };

  const endpoints = declareContoso({
    role: (id, props) => new RoleCapability(id, props, opts),
    module: (id, props) => new JeaModule(id, props, opts),
    acl: (id, props) => new EndpointAcl(id, props, opts),
    endpoint: (id, props) => new SessionConfiguration(id, props, opts),
    groupEligibility: (id, props) => new JitGroupEligibility(id, props, opts),
    vmJit: (id, props) => new VmJitAccessPolicy(id, props, opts),
    pim: (id, props) => new PimRoleEligibility(id, props, opts),
    deploy: (id, props) => new JeaVmDeployment(id, props, opts),
  });
  return { scope, endpoints };
}
