/**
 * Reads one platyPS cmdlet page (the markdown of Microsoft's cmdlet reference): the front matter,
 * the `## SYNTAX` section (one code block per parameter set under `### SetName (Default)`), and the
 * `## PARAMETERS` section (`### -Name` with one ```yaml block per group of sets). Only facts are
 * taken: names, types, sets, positions, pipeline input, aliases; never the prose.
 */
import { ALL_SETS, isCommonParameter, RawCommand, RawParameter, RawSetUse } from './model';
import { normalizeTypeName } from './type-name';

/** A parsed page: the command, without its module when the page does not name one. */
export interface PlatyPsPage {
  /** `Module Name:` of the front matter, when present. */
  readonly moduleName?: string;
  /** `external help file:` of the front matter, when present. */
  readonly helpFile?: string;
  readonly command: Omit<RawCommand, 'module'>;
  /** Parameters found only in the syntax blocks (no yaml), typed from the syntax. */
  readonly fromSyntaxOnly: readonly string[];
  /** Parameters whose yaml named sets the syntax does not have (see reconcile). */
  readonly setsRepaired: readonly string[];
}

/** A command name: a word, or Verb-Noun. */
const COMMAND_NAME = /^[A-Za-z][\w.]*(-[\w.]+)*$/;

/** Why a page is not read: not a cmdlet page at all (a module page, an about topic), or broken. */
export type PlatyPsSkip =
  { readonly skip: 'not-a-cmdlet-page' } | { readonly skip: 'unparsable'; readonly reason: string };

/**
 * Parses a platyPS cmdlet page. The command's name is the first word of its syntax, else the
 * `# Heading`, the `title:`, and last `fallbackName` (the file name).
 */
export function parsePlatyPs(markdown: string, fallbackName: string): PlatyPsPage | PlatyPsSkip {
  const text = markdown.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const front = frontMatter(text);
  const sections = splitSections(text);
  const syntax = sections.get('SYNTAX');
  if (syntax === undefined) return { skip: 'not-a-cmdlet-page' };
  const blocks = syntaxBlocks(syntax);
  if (!blocks.length) return { skip: 'unparsable', reason: 'no code block in ## SYNTAX' };
  // the syntax shows the command as typed; headings and titles are sometimes copied from a sibling
  const candidates = [
    /^\s*(\S+)/.exec(blocks[0].code)?.[1],
    /^# (.+)$/m.exec(text)?.[1],
    front.get('title'),
    fallbackName,
  ];
  const name = candidates.map((c) => c?.trim()).find((c) => c && COMMAND_NAME.test(c));
  if (!name) return { skip: 'unparsable', reason: `no command name (title '${front.get('title') ?? ''}')` };
  const documented = parameterSections(sections.get('PARAMETERS') ?? '');
  const sets = unique(blocks.map((b) => b.set));
  const defaultSet = blocks.find((b) => b.isDefault)?.set;
  const { parameters, fromSyntaxOnly, setsRepaired } = combine(blocks, documented);
  return {
    moduleName: front.get('Module Name') || undefined,
    helpFile: front.get('external help file') || undefined,
    command: { name, sets, ...(defaultSet && { defaultSet }), parameters },
    fromSyntaxOnly,
    setsRepaired,
  };
}

/** The `key: value` lines of the leading `---` block. */
function frontMatter(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const m = /^---\n([\s\S]*?)\n---\n/.exec(text);
  for (const line of m ? m[1].split('\n') : []) {
    const kv = /^([A-Za-z][\w .-]*):\s*(.*)$/.exec(line);
    if (kv && !out.has(kv[1])) out.set(kv[1], kv[2].trim());
  }
  return out;
}

/** The `## NAME` sections by upper-case name, code fences respected. */
function splitSections(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let current: string | undefined;
  let lines: string[] = [];
  let fenced = false;
  const flush = () => current !== undefined && !out.has(current) && out.set(current, lines.join('\n'));
  for (const line of text.split('\n')) {
    if (/^\s*```/.test(line)) fenced = !fenced;
    const h = fenced ? null : /^## (.+?)\s*$/.exec(line);
    if (h) {
      flush();
      current = h[1].toUpperCase();
      lines = [];
    } else lines.push(line);
  }
  flush();
  return out;
}

/** One parameter set of the syntax section. */
interface SyntaxBlock {
  readonly set: string;
  readonly isDefault: boolean;
  readonly code: string;
}

/** The code blocks of `## SYNTAX`, each with the `### Set` header above it. */
function syntaxBlocks(section: string): SyntaxBlock[] {
  const out: SyntaxBlock[] = [];
  let header: string | undefined;
  let code: string[] | undefined;
  for (const line of section.split('\n')) {
    if (code) {
      if (/^\s*```/.test(line)) {
        // provider cmdlets show a set once per provider: `### Path (Default) - FileSystem provider`
        const raw = (header ?? ALL_SETS).replace(/\s+-\s+[\w ]+ providers?$/i, '');
        const isDefault = /\s\(Default\)$/.test(raw);
        out.push({ set: raw.replace(/\s\(Default\)$/, '').trim() || ALL_SETS, isDefault, code: code.join('\n') });
        header = undefined;
        code = undefined;
      } else code.push(line);
    } else if (/^\s*```/.test(line)) code = [];
    else {
      const h = /^###\s+(.+?)\s*$/.exec(line);
      if (h) header = h[1];
    }
  }
  return out;
}

/** A `### -Name` section: its yaml blocks as key/value maps. */
interface DocumentedParameter {
  readonly name: string;
  readonly yaml: readonly Map<string, string>[];
}

/** The `### -Name` sections of `## PARAMETERS` with their yaml blocks, in page order. */
function parameterSections(section: string): DocumentedParameter[] {
  const out: DocumentedParameter[] = [];
  let current: { name: string; yaml: Map<string, string>[] } | undefined;
  let yaml: Map<string, string> | undefined;
  let fenced = false;
  for (const line of section.split('\n')) {
    if (/^\s*```/.test(line)) {
      if (!fenced && current && /^\s*```\s*ya?ml\s*$/i.test(line)) yaml = new Map();
      else if (fenced && yaml) {
        current?.yaml.push(yaml);
        yaml = undefined;
      }
      fenced = !fenced;
      continue;
    }
    if (yaml) {
      const kv = /^([A-Za-z][A-Za-z ]*):\s*(.*?)\s*$/.exec(line);
      if (kv && !yaml.has(kv[1].toLowerCase())) yaml.set(kv[1].toLowerCase(), kv[2]);
      continue;
    }
    if (fenced) continue;
    const h = /^###\s+(.+?)\s*$/.exec(line);
    if (h) {
      const p = /^-([A-Za-z_][\w]*)$/.exec(h[1]);
      current = p ? { name: p[1], yaml: [] } : undefined;
      if (current) out.push(current);
    }
  }
  return out;
}

/** A parameter as one syntax block shows it. */
interface SyntaxUse extends RawSetUse {
  readonly name: string;
  readonly type: string;
}

/**
 * The parameters of one syntax block: `-Name <Type>` mandatory at bracket depth 0, `[-Name]` a
 * positional name (positions counted in order), a name without `<Type>` a switch.
 */
function syntaxParameters(code: string): SyntaxUse[] {
  const out: SyntaxUse[] = [];
  let depth = 0;
  let positional = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === '[') depth++;
    else if (c === ']') depth--;
    else if (c === '<') {
      const close = code.indexOf('>', i);
      if (close > 0) i = close;
    } else if (c === '-' && (i === 0 || /[\s[]/.test(code[i - 1]))) {
      const m = /^-([A-Za-z_]\w*)(\])?(\s*<([^>]*)>)?/.exec(code.slice(i));
      if (!m) continue;
      const named = m[2] === undefined;
      const level = named ? depth : depth - 1;
      const position = named ? undefined : positional++;
      out.push({
        name: m[1],
        type: m[4] ? normalizeTypeName(m[4]) : 'SwitchParameter',
        mandatory: level === 0,
        ...(position !== undefined && { position }),
        byValue: false,
        byPropertyName: false,
      });
      i += m[1].length;
    }
  }
  return out;
}

/** The parameters of a page: yaml facts where documented, syntax facts otherwise; syntax order first. */
function combine(
  blocks: readonly SyntaxBlock[],
  documented: readonly DocumentedParameter[],
): { parameters: RawParameter[]; fromSyntaxOnly: string[]; setsRepaired: string[] } {
  const byName = new Map(documented.map((d) => [d.name.toLowerCase(), d]));
  const seen = new Map<string, { name: string; uses: Map<string, SyntaxUse> }>();
  for (const block of blocks) {
    for (const use of syntaxParameters(block.code)) {
      const key = use.name.toLowerCase();
      const entry = seen.get(key) ?? seen.set(key, { name: use.name, uses: new Map() }).get(key)!;
      if (!entry.uses.has(block.set)) entry.uses.set(block.set, use);
    }
  }
  const commandSets = unique(blocks.map((b) => b.set));
  const order = [...seen.keys(), ...documented.map((d) => d.name.toLowerCase())];
  const parameters: RawParameter[] = [];
  const fromSyntaxOnly: string[] = [];
  const setsRepaired: string[] = [];
  for (const key of unique(order)) {
    const doc = byName.get(key);
    const syn = seen.get(key);
    const name = doc?.name ?? syn!.name;
    if (isCommonParameter(name)) continue;
    const fromSyntax =
      syn &&
      Object.fromEntries(
        [...syn.uses].map(([set, u]) => [
          set,
          {
            mandatory: u.mandatory,
            ...(u.position !== undefined && { position: u.position }),
            byValue: false,
            byPropertyName: false,
          },
        ]),
      );
    if (doc && doc.yaml.length) {
      const p = fromYaml(name, doc.yaml);
      const sets = reconcile(p.sets, commandSets, fromSyntax);
      if (sets !== p.sets) setsRepaired.push(name);
      parameters.push({ ...p, type: p.type || (syn && [...syn.uses.values()][0].type) || 'Object', sets });
    } else if (syn && fromSyntax) {
      fromSyntaxOnly.push(name);
      parameters.push({ name, type: [...syn.uses.values()][0].type, aliases: [], sets: fromSyntax, syntaxOnly: true });
    }
  }
  return { parameters, fromSyntaxOnly, setsRepaired };
}

/**
 * A parameter's yaml sets made to agree with the syntax's: spelled as the syntax headers spell
 * them (set names are case-insensitive), every set of a command with one unnamed set, and sets
 * the syntax does not have dropped; when none is left, the sets the syntax shows it in (else
 * every set). The same object when nothing needed repair.
 */
function reconcile(
  sets: Record<string, RawSetUse>,
  commandSets: readonly string[],
  fromSyntax: Record<string, RawSetUse> | undefined,
): Record<string, RawSetUse> {
  const keys = Object.keys(sets);
  if (keys.includes(ALL_SETS) || keys.every((k) => commandSets.includes(k))) return sets;
  const first = Object.values(sets)[0];
  if (commandSets.length === 1 && commandSets[0] === ALL_SETS) return { [ALL_SETS]: first };
  const spelled = new Map(commandSets.map((s) => [s.toLowerCase(), s]));
  const known = Object.entries(sets)
    .filter(([k]) => spelled.has(k.toLowerCase()))
    .map(([k, u]) => [spelled.get(k.toLowerCase())!, u] as const);
  if (known.length) return Object.fromEntries(known);
  return fromSyntax ?? { [ALL_SETS]: first };
}

/** A documented parameter from its yaml blocks (one per group of sets); type '' when none is given. */
function fromYaml(name: string, blocks: readonly Map<string, string>[]): RawParameter {
  let type = '';
  const aliases: string[] = [];
  const sets: Record<string, RawSetUse> = {};
  for (const y of blocks) {
    type ||= normalizeTypeName(y.get('type') ?? '');
    for (const a of (y.get('aliases') ?? '').split(','))
      if (a.trim() && !aliases.includes(a.trim())) aliases.push(a.trim());
    const use = setUse(y);
    const listed = (y.get('parameter sets') ?? '(All)')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    for (const set of listed.length ? listed : ['(All)']) {
      const key = /^\(all\)$/i.test(set) ? ALL_SETS : set;
      if (!(key in sets)) sets[key] = use;
    }
  }
  return { name, type, aliases, sets };
}

/** Mandatory, position and pipeline input of one yaml block. */
function setUse(y: Map<string, string>): RawSetUse {
  const required = y.get('required') ?? '';
  const position = /^\d+$/.test(y.get('position') ?? '') ? Number(y.get('position')) : undefined;
  const pipeline = y.get('accept pipeline input') ?? '';
  const accepts = (kind: RegExp) =>
    /true/i.test(pipeline) && kind.test(pipeline) && !new RegExp(`(${kind.source})\\s*\\(False\\)`, 'i').test(pipeline);
  return {
    mandatory: /\btrue\b/i.test(required),
    ...(position !== undefined && { position }),
    byValue: accepts(/ByValue/i),
    byPropertyName: accepts(/ByPropertyName|ByName/i),
  };
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}
