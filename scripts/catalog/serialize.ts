/**
 * Writes the catalog document diff-friendly: one source and one command per line, keys in a fixed
 * order, so that a regeneration shows as one changed line per changed command.
 */
import { Entry } from './entry';

/** Where a part of the catalog came from (the `sources` of commands.json). */
export interface SourceRecord {
  /** The id commands name in their `sources`. */
  readonly id: string;
  /** The pwsh version, for the engine source. */
  readonly version?: string;
  /** `owner/name` on GitHub, for a docs source. */
  readonly repository?: string;
  /** The commit read, for a docs source. */
  readonly commit?: string;
  /** The folder read, for a docs source. */
  readonly path?: string;
  /** What this source was used for, when it is not everything it has. */
  readonly use?: string;
  /** The modules it gave, sorted. */
  readonly modules: readonly string[];
  /** Module versions, for the engine source. */
  readonly moduleVersions?: Readonly<Record<string, string>>;
  /** How many catalog commands name this source. */
  readonly commands: number;
}

/** The whole document, as text ending in a newline. */
export function serializeCatalog(sources: readonly SourceRecord[], commands: readonly Entry[]): string {
  const lines = (items: readonly unknown[]) => items.map((i) => JSON.stringify(i)).join(',\n');
  return `{"version":1,\n"sources":[\n${lines(sources)}\n],\n"commands":[\n${lines(commands)}\n]}\n`;
}
