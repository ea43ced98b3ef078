import * as pulumi from '@pulumi/pulumi';
import { Issues } from '../../src/jea/issues';
import { checkVmTargets } from '../../src/jit/props';
import { Text } from './inputs';

/** How azure-native addresses a VM: its resource group and name (the subscription is the provider's). */
export interface VmAddress {
  readonly resourceGroupName: string;
  readonly vmName: string;
}

/**
 * The resource group and name of each VM of a deployment, from the VM resource IDs and region
 * (outputs allowed). Values known only at deploy time are checked once known, with the checks
 * and messages of declaration time (`<path>: virtualMachineIds[1] = 'vm1': not a VM resource ID
 * (...)`), and a bad one fails the deployment.
 */
export function vmAddresses(path: string, ids: readonly Text[], location: Text): pulumi.Output<VmAddress>[] {
  const checked = pulumi.all([pulumi.all([...ids]), pulumi.output(location)]).apply(([resolved, region]) => {
    const issues = new Issues(path);
    checkVmTargets(resolved, region, issues, () => false);
    issues.throwIfAny();
    // /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Compute/virtualMachines/<name>
    return resolved.map((id) => {
      const parts = id.split('/');
      return { resourceGroupName: parts[4], vmName: parts[8] };
    });
  });
  return ids.map((_, i) => checked.apply((all) => all[i]));
}
