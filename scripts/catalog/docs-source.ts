/**
 * Reads one folder of a platyPS docs repository (`reference/5.1`, `docset/winserver2025-ps`), laid
 * out as `<folder>/<Module>/<Command>.md`, into raw commands, and keeps count of what it could
 * not read, for the catalog's README.
 */
import { readFolder } from './git-tree';
import { RawCommand } from './model';
import { parsePlatyPs, PlatyPsPage } from './platyps';

/** What one docs folder gave. */
export interface DocsReading {
  readonly commit: string;
  /** The folder read, e.g. `reference/5.1`. */
  readonly path: string;
  /** Module names (as the pages spell them), sorted. */
  readonly modules: readonly string[];
  /** In path order. */
  readonly commands: readonly RawCommand[];
  /** Cmdlet pages that could not be read, with why. */
  readonly unparsable: readonly { readonly path: string; readonly reason: string }[];
  /** Pages the mirror lists but does not hold. */
  readonly missing: readonly string[];
  /** Commands documented twice in the folder (the first page by path is kept). */
  readonly duplicates: readonly string[];
  /** `Module\Command -Parameter` for parameters typed from the syntax block only (no yaml). */
  readonly fromSyntaxOnly: readonly string[];
  /** `Module\Command -Parameter` whose yaml named parameter sets the syntax does not have. */
  readonly setsRepaired: readonly string[];
}

/** Reads every `<folder>/<Module>/<Command>.md` of a bare git directory at its HEAD `commit`. */
export function readDocs(gitDir: string, commit: string, folder: string): DocsReading {
  const prefix = `${folder.replace(/\/$/, '')}/`;
  const tree = readFolder(gitDir, commit, folder, (p) => /^[^/]+\/[^/]+\.md$/i.test(p.slice(prefix.length)));
  const pages = new Map<string, { path: string; page: PlatyPsPage }[]>();
  const unparsable: { path: string; reason: string }[] = [];
  for (const [path, text] of tree.files) {
    const moduleFolder = path.slice(prefix.length).split('/')[0];
    const file = path.slice(path.lastIndexOf('/') + 1).replace(/\.md$/i, '');
    try {
      const page = parsePlatyPs(text, file);
      if ('skip' in page) {
        if (page.skip === 'unparsable') unparsable.push({ path, reason: page.reason });
        continue;
      }
      const list = pages.get(moduleFolder) ?? pages.set(moduleFolder, []).get(moduleFolder)!;
      list.push({ path, page });
    } catch (e) {
      unparsable.push({ path, reason: (e as Error).message });
    }
  }
  const commands: RawCommand[] = [];
  const modules = new Set<string>();
  const duplicates: string[] = [];
  const fromSyntaxOnly: string[] = [];
  const setsRepaired: string[] = [];
  const seen = new Set<string>();
  for (const [moduleFolder, list] of [...pages].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const module = moduleName(
      moduleFolder,
      list.map((l) => l.page.moduleName),
    );
    modules.add(module);
    for (const { page } of list) {
      const key = `${module}\\${page.command.name}`.toLowerCase();
      if (seen.has(key)) {
        duplicates.push(`${module}\\${page.command.name}`);
        continue;
      }
      seen.add(key);
      const kind = kindOf(page.helpFile);
      commands.push({ module, ...page.command, ...(kind && { kind }) });
      for (const p of page.fromSyntaxOnly) fromSyntaxOnly.push(`${module}\\${page.command.name} -${p}`);
      for (const p of page.setsRepaired) setsRepaired.push(`${module}\\${page.command.name} -${p}`);
    }
  }
  return {
    commit,
    path: folder,
    modules: [...modules].sort(),
    commands,
    unparsable,
    missing: tree.missing,
    duplicates,
    fromSyntaxOnly,
    setsRepaired,
  };
}

/**
 * The module's name: the `Module Name:` most of its pages give (the docs spell some in several
 * casings: PKI/pki), ties to the folder's own spelling, then the first in order; the folder when
 * no page names it.
 */
function moduleName(folder: string, named: readonly (string | undefined)[]): string {
  const counts = new Map<string, number>();
  for (const n of named) if (n && n.toLowerCase() === folder.toLowerCase()) counts.set(n, (counts.get(n) ?? 0) + 1);
  const ranked = [...counts].sort(
    ([a, x], [b, y]) => y - x || (a === folder ? -1 : b === folder ? 1 : a < b ? -1 : a > b ? 1 : 0),
  );
  return ranked[0]?.[0] ?? folder;
}

/**
 * Cmdlet or Function from the page's help file: a compiled module's `X.dll-Help.xml` holds
 * cmdlets; CDXML (`X.cdxml-help.xml`) and script modules (`X.psm1-help.xml`, `X-help.xml`)
 * hold functions. Undefined without a help file.
 */
function kindOf(helpFile: string | undefined): 'Cmdlet' | 'Function' | undefined {
  if (!helpFile) return undefined;
  return /\.dll-help\.xml$/i.test(helpFile) ? 'Cmdlet' : 'Function';
}
