import { Annotations, IAspect, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { Declared } from '../../src/jea/declared-at';
import { Finding, Suppression } from '../../src/rules/finding';
import { findingNotes, runRules } from '../../src/rules/run';
import { policyOf } from './policy-of-stack';
import { acceptedSuppressions, AcceptedFindingsFile, synthReport } from './synth-findings';

/** Props of {@link JeaChecks}. */
export interface JeaChecksProps {
  /**
   * Accepted findings, each with its reason: shown at synth, as info annotations, and written
   * into the synth output (`stacks/<stack>/jeajit/suppressions.json`) for lint and diff. @default none
   */
  readonly suppressions?: readonly Suppression[];
}

/** What the rules found in one stack, and which of it synth writes as accepted. */
interface StackResult {
  readonly findings: readonly Finding[];
  readonly accepted: readonly Suppression[];
}

/**
 * The security rules at synth, like cdk-nag: `Aspects.of(stack).add(new JeaChecks())` (cdktf
 * invokes the aspects of each stack, not those added to the App). Errors fail `cdktf synth`
 * before any file is written (they are stack validations). Warnings and accepted findings are
 * printed on stderr (`jeajit: 2 warning(s), 1 accepted finding(s) in stack contoso`, then one line
 * each), become annotations on the construct they concern, and the accepted ones, with their
 * reasons, are written to `cdktf.out/stacks/<stack>/jeajit/suppressions.json`, which
 * `jeajit lint` and `jeajit diff` over the synth output honour.
 */
export class JeaChecks implements IAspect {
  private readonly checked = new WeakSet<TerraformStack>();
  private readonly results = new WeakMap<TerraformStack, StackResult>();

  constructor(private readonly props: JeaChecksProps = {}) {}

  visit(node: IConstruct): void {
    if (!(node instanceof TerraformStack) || this.checked.has(node)) return;
    const stack = node;
    this.checked.add(stack);
    AcceptedFindingsFile.of(stack).add(() => this.check(stack).accepted);
    stack.node.addValidation({
      validate: () => {
        const { findings } = this.check(stack);
        const byPath = new Map(stack.node.findAll().map((c) => [c.node.path, c]));
        const errors: string[] = [];
        for (const note of findingNotes(findings)) {
          const target = byPath.get(note.path) ?? stack;
          if (note.level === 'info') Annotations.of(target).addInfo(note.text);
          else if (note.level === 'warning') Annotations.of(target).addWarning(note.text);
          else errors.push(note.text);
        }
        process.stderr.write(
          synthReport(
            stack.node.id,
            findings,
            (p) => (byPath.get(p) as { declared?: Declared } | undefined)?.declared?.at,
          ),
        );
        return errors;
      },
    });
  }

  /** The rules over the stack, run once (at validation, or at synth when validation is skipped). */
  private check(stack: TerraformStack): StackResult {
    const done = this.results.get(stack);
    if (done) return done;
    const policy = policyOf(stack);
    const findings = runRules(policy, { suppressions: this.props.suppressions ?? [] });
    const result = { findings, accepted: acceptedSuppressions(findings, policy) };
    this.results.set(stack, result);
    return result;
  }
}
