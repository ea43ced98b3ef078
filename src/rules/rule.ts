import { PolicySet, PolicySource } from '../policy/policy-set';
import { Psd1PathStep } from '../psd1';

/** How bad a finding is: an error fails synth and `jeajit lint`; a warning is reported. */
export type Severity = 'error' | 'warning';

/** What a rule reports: where (a source and a path in it) and what. */
export interface RuleFinding {
  readonly source: PolicySource;
  /** The path of the offending value in the file (`['VisibleCmdlets', 2]`). */
  readonly path: readonly Psd1PathStep[];
  readonly message: string;
  /** Overrides the rule's severity (JEA002 is an error when the wildcard matches a JEA001 command). */
  readonly severity?: Severity;
}

/** A security rule: one file each under src/rules, the file name is the rule id. */
export interface Rule {
  /** `JEA001`, `JIT004`, ... */
  readonly id: string;
  readonly severity: Severity;
  /** One line: what the rule looks for. */
  readonly title: string;
  /** Why it matters and what to do instead (shown in SARIF rule help). */
  readonly help: string;
  /** Looks at the policy and returns what it finds; must not throw. */
  check(policy: PolicySet): RuleFinding[];
}
