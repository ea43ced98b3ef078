import { PolicySource } from '../policy/policy-set';
import { Rule, RuleFinding } from './rule';
import { finding } from './helpers';

/** JIT005: a PIM role or group eligibility that never expires (expiry 'none'). */
export const JIT005: Rule = {
  id: 'JIT005',
  severity: 'warning',
  title: 'An eligibility that never expires',
  help: 'A permanent eligibility is never reviewed and outlives the job it was given for. Set an expiry (P90D, P180D, P365D) and renew it deliberately.',
  check(policy) {
    const out: RuleFinding[] = [];
    const check = (source: PolicySource, what: string, expiry: string | undefined) => {
      if (expiry !== 'none') return;
      out.push(
        finding(
          source,
          ['expiry'],
          `${what} never expires (expiry 'none'); set an expiry such as 'P180D' and renew it when still needed`,
        ),
      );
    };
    for (const e of policy.pim ?? [])
      check(
        e.source,
        `the eligibility '${e.name}' for ${e.model?.roleName ?? e.model?.roleDefinitionGuid}`,
        e.model?.expiry,
      );
    for (const e of policy.groups ?? []) check(e.source, `the group eligibility '${e.name}'`, e.model?.expiry);
    return out;
  },
};
