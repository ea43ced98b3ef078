import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { PolicySet } from '../../src/policy/policy-set';
import { SUPPRESSIONS_PATH, SUPPRESSIONS_SCHEMA } from '../../src/policy/load-synth';
import { Finding, Suppression } from '../../src/rules/finding';
import { writeAtSynth } from './stack-files';

/**
 * The files of the synth output (relative to the stack folder) that carry what each construct
 * path declares: an endpoint's `jea/<endpoint>/<endpoint>.pssc`, and a role's
 * `jea/<endpoint>/<Module>/RoleCapabilities/<Role>.psrc` in every endpoint that carries it.
 */
export function synthFilesOf(policy: PolicySet): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (construct: string, file: string) => out.set(construct, [...(out.get(construct) ?? []), file]);
  for (const ep of policy.endpoints) {
    add(ep.source.file, `jea/${ep.name}/${ep.name}.pssc`);
    for (const r of ep.roles)
      if (r.module) add(r.source.file, `jea/${ep.name}/${r.module}/RoleCapabilities/${r.name}.psrc`);
  }
  return out;
}

const compare = (a: Suppression, b: Suppression) =>
  a.ruleId.localeCompare(b.ruleId) ||
  (a.file ?? '').localeCompare(b.file ?? '') ||
  (a.path ?? '').localeCompare(b.path ?? '') ||
  a.reason.localeCompare(b.reason);

/**
 * The accepted (suppressed) findings of a synth as suppressions of its output: one per finding
 * and file it is in (a construct path where synth writes no file, as for JIT resources), with its
 * field path and reason; sorted, each once.
 */
export function acceptedSuppressions(findings: readonly Finding[], policy: PolicySet): Suppression[] {
  const files = synthFilesOf(policy);
  const out = new Map<string, Suppression>();
  for (const f of findings) {
    if (!f.suppressed || !f.file) continue;
    for (const file of files.get(f.file) ?? [f.file]) {
      const s: Suppression = {
        ruleId: f.ruleId,
        reason: f.suppressed.reason,
        file,
        ...(f.path ? { path: f.path } : {}),
      };
      out.set(JSON.stringify(s), s);
    }
  }
  return [...out.values()].sort(compare);
}

/** The bytes of `jeajit/suppressions.json` (schema `jeajit.suppressions/v1`): the same for the same list. */
export function suppressionsJson(list: readonly Suppression[]): Uint8Array {
  const sorted = [...new Map(list.map((s) => [JSON.stringify(s), s])).values()].sort(compare);
  const entries = sorted.map((s) => ({
    ruleId: s.ruleId,
    reason: s.reason,
    ...(s.file !== undefined ? { file: s.file } : {}),
    ...(s.path !== undefined ? { path: s.path } : {}),
  }));
  return Buffer.from(JSON.stringify({ schema: SUPPRESSIONS_SCHEMA, suppressions: entries }, null, 2) + '\n', 'utf8');
}

/**
 * What synth prints: a heading, then one line per warning and per accepted finding (nothing when
 * there are none). `at` gives the TypeScript `file:line` that declared a construct path, when known.
 *
 * ```
 * jeajit: 2 warning(s), 1 accepted finding(s) in stack contoso
 *   warning JEA019 contoso/DnsOperator VisibleCmdlets[3] at examples/estate.ts:26: ...
 *   accepted JEA002 contoso/DnsOperator VisibleCmdlets[0] at examples/estate.ts:26: ... [accepted: reason]
 * ```
 */
export function synthReport(
  stack: string,
  findings: readonly Finding[],
  at: (constructPath: string) => string | undefined = () => undefined,
): string {
  const errors = findings.filter((f) => f.severity === 'error' && !f.suppressed);
  const warnings = findings.filter((f) => f.severity !== 'error' && !f.suppressed);
  const accepted = findings.filter((f) => f.suppressed);
  if (!warnings.length && !accepted.length) return '';
  const line = (label: string, f: Finding) => {
    const where = at(f.file);
    const suffix = f.suppressed ? ` [accepted: ${f.suppressed.reason}]` : '';
    return `  ${label} ${f.ruleId} ${f.file}${f.path ? ` ${f.path}` : ''}${where ? ` at ${where}` : ''}: ${f.message}${suffix}`;
  };
  const counts = [
    ...(errors.length ? [`${errors.length} error(s) (synth fails)`] : []),
    `${warnings.length} warning(s)`,
    `${accepted.length} accepted finding(s)`,
  ];
  return (
    [
      `jeajit: ${counts.join(', ')} in stack ${stack}`,
      ...warnings.map((f) => line(f.severity, f)),
      ...accepted.map((f) => line('accepted', f)),
    ].join('\n') + '\n'
  );
}

/** The construct id of {@link AcceptedFindingsFile} in its stack. */
const ID = 'JeajitAcceptedFindings';

/**
 * Writes `cdktf.out/stacks/<stack>/jeajit/suppressions.json` when the stack synthesizes (never
 * when a check fails it): the accepted findings of every JeaChecks on the stack, so that
 * `jeajit lint` and `jeajit diff` over the synth output honour them.
 */
export class AcceptedFindingsFile extends Construct {
  /** The one of a stack, created on first use. */
  static of(stack: TerraformStack): AcceptedFindingsFile {
    return (stack.node.tryFindChild(ID) as AcceptedFindingsFile | undefined) ?? new AcceptedFindingsFile(stack, ID);
  }

  private readonly sources: (() => readonly Suppression[])[] = [];

  private constructor(scope: Construct, id: string) {
    super(scope, id);
    writeAtSynth(this, () => [
      { path: SUPPRESSIONS_PATH, content: suppressionsJson(this.sources.flatMap((s) => s())) },
    ]);
  }

  /** Adds a source of accepted findings, called at synth. */
  add(source: () => readonly Suppression[]): void {
    this.sources.push(source);
  }
}
