import { VmJitPolicyModel } from './model';

/** The kind of the just-in-time policies jeajit writes. */
export const JIT_POLICY_KIND = 'Basic';

/**
 * The ARM template of a VM just-in-time policy. There is no native azurerm resource for it
 * (terraform-provider-azurerm#3661), so it is deployed with `azurerm_resource_group_template_deployment`
 * as `Microsoft.Security/locations/jitNetworkAccessPolicies@2020-01-01`. The policy itself comes
 * in as the `virtualMachines` parameter, so that VM IDs known only at deploy time work.
 */
export const JIT_TEMPLATE = {
  $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
  contentVersion: '1.0.0.0',
  parameters: {
    location: { type: 'string' },
    policyName: { type: 'string' },
    virtualMachines: { type: 'array' },
  },
  resources: [
    {
      type: 'Microsoft.Security/locations/jitNetworkAccessPolicies',
      apiVersion: '2020-01-01',
      name: "[format('{0}/{1}', parameters('location'), parameters('policyName'))]",
      kind: JIT_POLICY_KIND,
      properties: { virtualMachines: "[parameters('virtualMachines')]" },
    },
  ],
  outputs: {
    policyId: {
      type: 'string',
      value:
        "[resourceId('Microsoft.Security/locations/jitNetworkAccessPolicies', parameters('location'), parameters('policyName'))]",
    },
  },
} as const;

/** A port of a VM in a policy, as the API takes it: one source prefix, or a list of several. */
export interface JitPortBody {
  readonly number: number;
  readonly protocol: 'TCP' | 'UDP' | '*';
  readonly allowedSourceAddressPrefix?: string;
  readonly allowedSourceAddressPrefixes?: string[];
  readonly maxRequestAccessDuration: string;
}

/** A VM of a policy, as the API takes it. */
export interface JitVirtualMachineBody {
  readonly id: string;
  readonly ports: JitPortBody[];
}

/** The `virtualMachines` of the policy as the API takes them. */
export function jitVirtualMachines(model: VmJitPolicyModel): JitVirtualMachineBody[] {
  return model.virtualMachines.map((vm) => ({
    id: vm.id,
    ports: vm.ports.map((p) => ({
      number: p.number,
      protocol: p.protocol,
      // the API takes one prefix or a list; a list of one is written as the single form
      ...(p.allowedSourceAddressPrefixes.length === 1
        ? { allowedSourceAddressPrefix: p.allowedSourceAddressPrefixes[0] }
        : { allowedSourceAddressPrefixes: [...p.allowedSourceAddressPrefixes] }),
      maxRequestAccessDuration: p.maxRequestAccessDuration,
    })),
  }));
}

/** The deployment parameters of a policy. */
export function jitParameters(model: VmJitPolicyModel): object {
  return {
    location: { value: model.location },
    policyName: { value: model.name },
    virtualMachines: { value: jitVirtualMachines(model) },
  };
}
