import { ActivationPolicy } from '../jit/model';
import { PolicySource } from '../policy/policy-set';
import { Rule, RuleFinding } from './rule';
import { finding } from './helpers';

/** JIT003: a PIM role or group eligibility activatable without MFA or a Conditional Access authentication context. */
export const JIT003: Rule = {
  id: 'JIT003',
  severity: 'warning',
  title: 'PIM activation without MFA or a Conditional Access context',
  help: 'A stolen password is then enough to activate the role. Set requireMfa, or a conditionalAccessContext whose policy requires MFA (or a compliant device).',
  check(policy) {
    const out: RuleFinding[] = [];
    const check = (source: PolicySource, what: string, activation: ActivationPolicy | undefined) => {
      if (activation?.requireMfa === true || (activation?.conditionalAccessContext ?? '').trim() !== '') return;
      out.push(
        finding(
          source,
          ['activation', 'requireMfa'],
          `${what} can be activated without MFA or a Conditional Access context; set activation.requireMfa = true or activation.conditionalAccessContext`,
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
