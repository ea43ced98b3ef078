import { Issues } from '../../src/jea/issues';
import { IsToken } from '../../src/jit/model';

const VM_ID = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Compute\/virtualMachines\/[^/]+$/i;

/**
 * Checks the VMs and region of a deployment with the messages of the cdktf JeaVmDeployment:
 * at least one VM, VM resource IDs, a region name. Deploy-time values are skipped.
 */
export function checkVmTargets(virtualMachineIds: readonly string[], location: string, issues: Issues, isToken: IsToken): void {
  if (virtualMachineIds.length === 0) issues.at('virtualMachineIds').add([], 'at least one VM');
  virtualMachineIds.forEach((vm, i) => {
    if (!isToken(vm) && !VM_ID.test(vm)) {
      issues.at('virtualMachineIds').at(i).add(vm, 'not a VM resource ID (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.Compute/virtualMachines/<name>)');
    }
  });
  if (!isToken(location) && !/^[a-z0-9]+$/i.test(location)) issues.at('location').add(location, 'not an Azure region name (westeurope)');
}
