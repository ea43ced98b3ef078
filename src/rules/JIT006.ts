import { ActivationPolicy } from '../jit/model';
import { PolicySource } from '../policy/policy-set';
import { Rule, RuleFinding } from './rule';
import { finding } from './helpers';

/** JIT006: a PIM role or group eligibility activatable without a justification (requireJustification false; absent means true). */
export const JIT006: Rule = {
  id: 'JIT006',
  severity: 'warning',
  title: 'Activation without justification',
  help: 'Without a justification the audit log says who activated, never why, so reviews cannot tell use from misuse. Leave requireJustification at its default, true.',
  check(policy) {
    const out: RuleFinding[] = [];
    const check = (source: PolicySource, what: string, activation: ActivationPolicy | undefined) => {
      if (activation?.requireJustification !== false) return;
      out.push(
        finding(
          source,
          ['activation', 'requireJustification'],
          `${what} can be activated without a justification (requireJustification false); set activation.requireJustification = true or leave it out`,
        ),
      );
    };
    for (const e of policy.pim ?? [])
      check(
        e.source,
        `the eligibility '${e.name}' for ${e.model?.roleName ?? e.model?.roleDefinitionGuid}`,
        e.model?.activation,
      );
    for (const e of policy.groups ?? []) check(e.source, `the group eligibility '${e.name}'`, e.model?.activation);
    return out;
  },
};
