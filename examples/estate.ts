import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import {
  EndpointAcl,
  JeaModule,
  JeaVmDeployment,
  JitGroupEligibility,
  MachineConfiguration,
  PimRoleEligibility,
  RoleCapability,
  SessionConfiguration,
  VmJitAccessPolicy,
} from '../constructs/cdktf';
import { declareContoso, VMS } from './contoso';

export { VMS };

/**
 * Contoso's JEA estate (examples/contoso.ts) as a cdktf stack, with the azurerm and azuread
 * providers; synth writes the endpoints under `jea/` and the Machine Configuration packages under
 * `guestconfig/` of the stack's folder.
 */
export class JeaEstate extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AzurermProvider(this, 'azurerm', { features: [{}] });
    new AzureadProvider(this, 'azuread', {});
    declareContoso({
      role: (i, props) => new RoleCapability(this, i, props),
      module: (i, props) => new JeaModule(this, i, props),
      acl: (i, props) => new EndpointAcl(this, i, props),
      endpoint: (i, props) => new SessionConfiguration(this, i, props),
      groupEligibility: (i, props) => new JitGroupEligibility(this, i, props),
      vmJit: (i, props) => new VmJitAccessPolicy(this, i, props),
      pim: (i, props) => new PimRoleEligibility(this, i, props),
      deploy: (i, props) => new JeaVmDeployment(this, i, props),
      machineConfiguration: (i, props) => new MachineConfiguration(this, i, props),
    });
  }
}
