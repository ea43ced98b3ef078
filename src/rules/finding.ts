import { Declared } from '../jea/declared-at';
import { Severity } from './rule';

/** A located finding, as reports show it (and the JSON of `jeajit lint`). */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
  /** The path of the value in the file, as text (`VisibleCmdlets[2].Name`). */
  readonly path: string;
  /** Present when a suppression covers the finding: it is reported, but fails nothing. */
  readonly suppressed?: { readonly reason: string };
  /** The construct that declared what the finding is about, and where in the TypeScript (synth outputs). */
  readonly declared?: Declared;
}

/** `contoso/DnsOperator at examples/estate.ts:26 (via examples/contoso.ts:53)`. */
export function declaredText(d: Declared): string {
  return `${d.construct}${d.at ? ` at ${d.at}` : ''}${d.via?.length ? ` (via ${d.via.join(', ')})` : ''}`;
}

/** A suppression: a rule id, optionally limited to files (substring match), with its reason. */
export interface Suppression {
  /** The rule whose findings are accepted (`JEA002`). */
  readonly ruleId: string;
  /** Why the finding is accepted. Required. */
  readonly reason: string;
  /** Only findings whose file contains this text. @default every file */
  readonly file?: string;
  /** Only findings whose path starts with this text. @default every path */
  readonly path?: string;
}
