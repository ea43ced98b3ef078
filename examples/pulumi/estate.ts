import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  EndpointAcl,
  JeaModule,
  JeaScope,
  JeaVmDeployment,
  JitGroupEligibility,
  MachineConfiguration,
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
  /** Where the Machine Configuration packages were written (`<outDir>/guestconfig/...`), and are uploaded from. */
  readonly outDir: string;
}

/**
 * Contoso's JEA estate (examples/contoso.ts, the declaration the cdktf stack uses too) as Pulumi
 * components under a root scope named like the cdktf stack, so the endpoint files and packages
 * are byte for byte the same (test/pulumi checks it). The Machine Configuration packages are
 * written at once to `outDir` (the program passes `jeajit:outDir`, where it writes the endpoint
 * files too; by default a new temporary folder).
 */
export function declareEstate(
  name = 'contoso',
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-estate-')),
): Estate {
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
    machineConfiguration: (id, props) => new MachineConfiguration(id, { ...props, outDir }, opts),
  });
  return { scope, endpoints, outDir };
}
