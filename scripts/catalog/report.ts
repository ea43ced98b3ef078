/**
 * What a catalog generation read and could not read: counts per source, the pages that did not
 * parse, what the merge noticed. Written in full with `--report`, summed up on stdout; the
 * numbers of scripts/catalog/README.md come from it.
 */
import { DocsReading } from './docs-source';
import { Entry } from './entry';
import { Merged } from './merge';
import { RawCommand } from './model';

/** One source as read, before the merge. */
export interface SourceReading {
  readonly id: string;
  readonly commands: readonly RawCommand[];
  /** For a docs source: what it could not read. */
  readonly docs?: DocsReading;
}

/** The full report. */
export interface Report {
  readonly output: {
    readonly file: string;
    readonly bytes: number;
    readonly commands: number;
    readonly parameters: number;
    readonly modules: number;
  };
  readonly readings: readonly {
    readonly id: string;
    readonly commands: number;
    readonly parameters: number;
    readonly modules: number;
    /** How many catalog entries name the source. */
    readonly used: number;
    readonly unparsable?: DocsReading['unparsable'];
    readonly missing?: readonly string[];
    readonly duplicates?: readonly string[];
    readonly fromSyntaxOnly?: readonly string[];
    readonly setsRepaired?: readonly string[];
  }[];
  readonly typeDifferences: readonly string[];
  readonly supplemented: readonly string[];
}

const parameters = (commands: readonly { parameters: readonly unknown[] }[]) =>
  commands.reduce((n, c) => n + c.parameters.length, 0);
const modules = (commands: readonly { module: string }[]) => new Set(commands.map((c) => c.module)).size;

/** The report of one generation. */
export function buildReport(file: string, bytes: number, readings: readonly SourceReading[], merged: Merged): Report {
  const entries: readonly Entry[] = merged.entries;
  return {
    output: { file, bytes, commands: entries.length, parameters: parameters(entries), modules: modules(entries) },
    readings: readings.map((r) => ({
      id: r.id,
      commands: r.commands.length,
      parameters: parameters(r.commands),
      modules: modules(r.commands),
      used: entries.filter((e) => e.sources.includes(r.id)).length,
      ...(r.docs && {
        unparsable: r.docs.unparsable,
        missing: r.docs.missing,
        duplicates: r.docs.duplicates,
        fromSyntaxOnly: r.docs.fromSyntaxOnly,
        setsRepaired: r.docs.setsRepaired,
      }),
    })),
    typeDifferences: merged.typeDifferences,
    supplemented: merged.supplemented,
  };
}

/** The report with every list replaced by its length, as JSON text. */
export function summarize(report: Report): string {
  const count = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.length
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, count(v)]))
        : value;
  return JSON.stringify(
    {
      ...report,
      readings: report.readings.map((r) => count(r)),
      typeDifferences: report.typeDifferences.length,
      supplemented: report.supplemented.length,
    },
    null,
    2,
  );
}
