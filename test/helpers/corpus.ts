import * as fs from 'fs';
import * as path from 'path';

/** The real JEA files of ../shared/corpus (beside the repository), as [kind, name, absolute path]. */
export const CORPUS_DIR = path.resolve(__dirname, '../../../shared/corpus');

/** Every corpus file; throws when the corpus is missing so that tests never pass vacuously. */
export function corpusFiles(): Array<{ kind: 'psrc' | 'pssc'; name: string; file: string }> {
  if (!fs.existsSync(CORPUS_DIR)) throw new Error(`corpus not found at ${CORPUS_DIR}`);
  const out: Array<{ kind: 'psrc' | 'pssc'; name: string; file: string }> = [];
  for (const kind of ['psrc', 'pssc'] as const) {
    for (const name of fs.readdirSync(path.join(CORPUS_DIR, kind)).sort()) {
      out.push({ kind, name, file: path.join(CORPUS_DIR, kind, name) });
    }
  }
  return out;
}

/** Reads one corpus file by its saved name. */
export function corpusFile(kind: 'psrc' | 'pssc', name: string): Buffer {
  return fs.readFileSync(path.join(CORPUS_DIR, kind, name));
}
