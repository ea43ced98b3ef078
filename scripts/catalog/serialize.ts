/**
 * Writes the catalog document diff-friendly: one source and one command per line, keys in a fixed
 * order, so that a regeneration shows as one changed line per changed command.
 */
import { CatalogSource } from '../../src/catalog/catalog';
import { Entry } from './entry';

/** Where a part of the catalog came from: the same record the catalog's reader gives (src/catalog). */
export type SourceRecord = CatalogSource;

/** The whole document, as text ending in a newline. */
export function serializeCatalog(sources: readonly SourceRecord[], commands: readonly Entry[]): string {
  const lines = (items: readonly unknown[]) => items.map((i) => JSON.stringify(i)).join(',\n');
  return `{"version":1,\n"sources":[\n${lines(sources)}\n],\n"commands":[\n${lines(commands)}\n]}\n`;
}
