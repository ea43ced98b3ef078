import { doubleClaimMessage, doublyClaimedVms, policyNameProblem, PORTAL_POLICY_NAME } from '../jit/vm-jit-ownership';
import { Rule, RuleFinding } from './rule';
import { finding } from './helpers';

/**
 * JIT007: a VM JIT policy that overwrites entries it does not own: the portal's `default` policy
 * (writing it replaces every VM it does not declare), or a VM declared in two policies (each write
 * replaces the other's). The constructs refuse both at synth (src/jit/vm-jit-ownership.ts); this
 * rule says it of synth outputs and declarations made elsewhere.
 */
export const JIT007: Rule = {
  id: 'JIT007',
  severity: 'error',
  title: 'A VM JIT policy that overwrites entries it does not own',
  help:
    "A just-in-time policy is one object per resource group and location: writing it replaces all of its VM entries. The portal's policy is " +
    "named 'default' (azure-docs#36343), and a VM in two policies gets whichever is written last. Give jeajit's policies their own names and put each VM in one.",
  check(policy) {
    const entries = policy.vmJit ?? [];
    const out: RuleFinding[] = [];
    for (const e of entries) {
      if (e.model?.name?.toLowerCase() === PORTAL_POLICY_NAME)
        out.push(finding(e.source, ['name'], `JIT policy '${e.name}': ${policyNameProblem(e.model.name)}`));
    }
    for (const d of doublyClaimedVms(entries.filter((e) => e.model).map((e) => ({ path: e.name, model: e.model })))) {
      out.push(
        finding(
          entries[d.policy].source,
          ['virtualMachines', d.index, 'id'],
          `JIT policy '${entries[d.policy].name}': ${doubleClaimMessage(d.vmId, d.paths[0])}`,
        ),
      );
    }
    return out;
  },
};
