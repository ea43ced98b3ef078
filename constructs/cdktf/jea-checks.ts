import { Annotations, IAspect, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { Suppression } from '../../src/rules/finding';
import { findingNotes, runRules } from '../../src/rules/run';
import { policyOf } from './policy-of-stack';

/** Props of {@link JeaChecks}. */
export interface JeaChecksProps {
  /** Accepted findings, each with its reason (shown as info annotations). @default none */
  readonly suppressions?: readonly Suppression[];
}

/**
 * The security rules at synth, like cdk-nag: `Aspects.of(stack).add(new JeaChecks())` (cdktf
 * invokes the aspects of each stack, not those added to the App). Errors
 * fail `cdktf synth` before any file is written (they are stack validations); warnings and
 * suppressed findings become annotations on the construct they concern.
 */
export class JeaChecks implements IAspect {
  private readonly checked = new WeakSet<TerraformStack>();

  constructor(private readonly props: JeaChecksProps = {}) {}

  visit(node: IConstruct): void {
    if (!(node instanceof TerraformStack) || this.checked.has(node)) return;
    this.checked.add(node);
    const stack = node;
    node.node.addValidation({
      validate: () => {
        const findings = runRules(policyOf(stack), { suppressions: this.props.suppressions ?? [] });
        const byPath = new Map(stack.node.findAll().map((c) => [c.node.path, c]));
        const errors: string[] = [];
        for (const note of findingNotes(findings)) {
          const target = byPath.get(note.path) ?? stack;
          if (note.level === 'info') Annotations.of(target).addInfo(note.text);
          else if (note.level === 'warning') Annotations.of(target).addWarning(note.text);
          else errors.push(note.text);
        }
        return errors;
      },
    });
  }
}
