/**
 * Who owns a VM's just-in-time settings. A JIT network access policy is one object per resource
 * group and location; writing it replaces every VM entry it holds, and the portal's is named
 * `default` (azure-docs#36343: infrastructure as code overwrote other VMs' entries). So jeajit
 * writes policies of its own names, never `default`, and a VM belongs to at most one of them.
 */
import { VmJitPolicyModel } from './model';

/** The portal's policy name, which jeajit never writes. */
export const PORTAL_POLICY_NAME = 'default';

/** The name jeajit gives a policy it owns: `jeajit-<construct id>`, in the characters ARM allows. */
export function ownedPolicyName(constructPath: string): string {
  const id = constructPath.split('/').pop() ?? constructPath;
  return `jeajit-${id.replace(/[^A-Za-z0-9_-]/g, '-')}`.slice(0, 80);
}

/** Why a policy name is refused, or undefined. */
export function policyNameProblem(name: string): string | undefined {
  if (name.toLowerCase() === PORTAL_POLICY_NAME) {
    return "'default' is the portal's policy: writing it replaces the entries of every VM it does not declare (azure-docs#36343); leave name unset for a policy of jeajit's own (jeajit-<id>)";
  }
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/.test(name)) return 'not a policy name (letters, digits, _ . -, up to 80)';
  return undefined;
}

/** Resource IDs compare case-insensitively. */
const key = (vmId: string) => vmId.trim().toLowerCase();

/**
 * The VMs a set of policies puts in more than one policy: for each such VM, the policies (by
 * their construct paths) that claim it, in declaration order. A VM in two policies gets the
 * settings of whichever ARM writes last.
 */
export function doublyClaimedVms(
  policies: readonly { readonly path: string; readonly model: VmJitPolicyModel }[],
): { vmId: string; paths: string[]; index: number; policy: number }[] {
  const claims = new Map<string, { vmId: string; paths: string[]; index: number; policy: number }>();
  const out: { vmId: string; paths: string[]; index: number; policy: number }[] = [];
  policies.forEach((p, policy) =>
    p.model.virtualMachines.forEach((vm, index) => {
      const seen = claims.get(key(vm.id));
      if (!seen) {
        claims.set(key(vm.id), { vmId: vm.id, paths: [p.path], index, policy });
        return;
      }
      if (seen.paths.includes(p.path)) return;
      seen.paths.push(p.path);
      out.push({ vmId: vm.id, paths: [...seen.paths], index, policy });
    }),
  );
  return out;
}

/** The VM JIT policies declared so far in one stack (or Pulumi estate): a VM may be in only one. */
export type VmJitClaims = { readonly path: string; readonly model: VmJitPolicyModel }[];

/** The message for a VM a second policy claims. */
export function doubleClaimMessage(vmId: string, first: string): string {
  return `VM '${vmId.split('/').pop() ?? vmId}' is already in JIT policy ${first}: a VM's just-in-time settings live in one policy, and two would overwrite each other; declare its ports in ${first}`;
}
