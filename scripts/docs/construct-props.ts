/**
 * Generates docs/constructs.md, the reference of every cdktf construct's props, from the TSDoc of
 * the props types, so that it cannot go stale.
 *
 *   npx ts-node --transpile-only scripts/docs/construct-props.ts            # (re)write docs/constructs.md
 *   npx ts-node --transpile-only scripts/docs/construct-props.ts --check    # exit 1 and print the diff when stale
 *   npx ts-node --transpile-only scripts/docs/construct-props.ts --missing  # list props without a summary or @default
 */
import { createTwoFilesPatch } from 'diff';
import * as fs from 'fs';
import * as path from 'path';
import { ConstructsModel, PropDoc, readConstructs } from './props-model';

/** The repository root. */
export const ROOT = path.resolve(__dirname, '..', '..');
/** The generated file, relative to the root. */
export const OUTPUT = 'docs/constructs.md';
/** The command that regenerates {@link OUTPUT}. */
export const REGENERATE = 'npx ts-node --transpile-only scripts/docs/construct-props.ts';

/** The Markdown of docs/constructs.md for the constructs of a repository. */
export function constructPropsMarkdown(root = ROOT): string {
  return renderMarkdown(
    readConstructs(root),
    importPath(root, 'constructs/cdktf/index'),
    importPath(root, 'constructs/pulumi/index'),
  );
}

/**
 * The module specifier users import a source module by: the package.json `exports` entry whose
 * types are its compiled .d.ts (`jeajit/cdktf`), else the package name.
 */
export function importPath(root: string, module: string): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    name: string;
    exports?: Record<string, unknown>;
  };
  const entry = Object.entries(pkg.exports ?? {}).find(([, target]) =>
    JSON.stringify(target).includes(`/${module}.d.ts`),
  );
  return entry ? path.posix.join(pkg.name, entry[0]) : pkg.name;
}

/** Renders the model: one section per construct, then the types their props use; `from` and `pulumi` are import paths. */
export function renderMarkdown(model: ConstructsModel, from: string, pulumi: string): string {
  const documented = new Set([...model.constructs.map((c) => c.name), ...model.types.map((t) => t.name)]);
  const out = [
    '# Construct props',
    '',
    `<!-- Generated from the TSDoc of the props types by scripts/docs/construct-props.ts; do not edit. Regenerate with: ${REGENERATE} -->`,
    '',
    `Every construct of \`constructs/cdktf\` (imported from \`${from}\`), with its props. The Pulumi components of`,
    `\`constructs/pulumi\` (\`${pulumi}\`) take the same props (the types are shared from \`src/jea/props.ts\` and \`src/jit/props.ts\`),`,
    'where IDs may also be Pulumi outputs. A prop marked *yes* under "required" must be given; the others default as listed.',
    '',
    ...model.constructs.map((c) => `- [${c.name}](#${anchor(c.name)})`),
    '- [Types used by the props](#types-used-by-the-props)',
    '',
  ];
  for (const c of model.constructs) {
    out.push(
      `## ${c.name}`,
      '',
      c.summary,
      '',
      `\`import { ${c.name} } from '${from}';\` (source: [${c.file}](../${c.file})); props: \`${c.propsType}\`.`,
      '',
    );
    out.push(...table(c.props, documented));
  }
  out.push('## Types used by the props', '');
  for (const t of model.types) {
    out.push(`### ${t.name}`, '', ...(t.summary ? [t.summary, ''] : []), `Declared in [${t.file}](../${t.file}).`, '');
    if (t.variants) out.push('One of:', '', ...t.variants.map((v) => `- ${code(v)}`), '');
    if (t.props) out.push(...table(t.props, documented));
  }
  return out.join('\n');
}

/** A props table, followed by the sub-tables of anonymous object types. */
function table(props: readonly PropDoc[], documented: ReadonlySet<string>, title?: string): string[] {
  const out = [
    ...(title ? [title, ''] : []),
    '| prop | type | required | default | description |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const p of props) {
    const see = p.see.filter((n) => documented.has(n)).map((n) => `[${n}](#${anchor(n)})`);
    const description = [
      links(p.summary, documented),
      see.length ? `See ${see.join(', ')}.` : '',
      p.entries ? `Entries: see below.` : '',
    ]
      .filter(Boolean)
      .join(' ');
    out.push(
      `| \`${p.name}\` | ${code(p.type)} | ${p.required ? 'yes' : 'no'} | ${p.required ? '' : cell(p.default ?? '')} | ${cell(description)} |`,
    );
  }
  out.push('');
  for (const p of props) if (p.entries) out.push(...table(p.entries, documented, `Entries of \`${p.name}\`:`));
  return out;
}

/** `{@link X}` as a link when X is documented here, else as X. */
function links(text: string, documented: ReadonlySet<string>): string {
  return text.replace(/\{@link\s+([^}\s|]+)(?:\s*\|?\s*([^}]*))?\}/g, (_, name: string, label: string) =>
    documented.has(name) ? `[${label || name}](#${anchor(name)})` : label || name,
  );
}

/** A code span in a table cell. */
function code(text: string): string {
  return `\`${text.replace(/\|/g, '\\|')}\``;
}

/** Text in a table cell: pipes escaped. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** The anchor GitHub gives a heading. */
function anchor(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, '')
    .replace(/ /g, '-');
}

/**
 * The properties without a TSDoc summary, and the optional construct props without `@default`,
 * one line per declaration (`src/jea/model.ts:72 modulesToImport (RoleCapability, ...): no summary`).
 */
export function missingDocs(model: ConstructsModel): string[] {
  const found = new Map<string, { name: string; users: Set<string>; problems: Set<string> }>();
  const check = (owner: string, props: readonly PropDoc[], top: boolean) => {
    for (const p of props) {
      const problems = [
        ...(p.summary ? [] : ['no summary']),
        ...(top && !p.required && p.default === undefined ? ['optional without @default'] : []),
      ];
      if (problems.length) {
        const entry = found.get(p.declared) ?? { name: p.name, users: new Set<string>(), problems: new Set<string>() };
        entry.users.add(owner);
        problems.forEach((x) => entry.problems.add(x));
        found.set(p.declared, entry);
      }
      if (p.entries) check(`${owner}.${p.name}[]`, p.entries, top);
    }
  };
  for (const c of model.constructs) check(c.name, c.props, true);
  for (const t of model.types) if (t.props) check(t.name, t.props, false);
  return [...found].map(([at, e]) => `${at} ${e.name} (${[...e.users].join(', ')}): ${[...e.problems].join(', ')}`);
}

/** Writes, checks (`--check`: exit 1 with the diff when stale) or lists missing docs (`--missing`). */
function main(args: readonly string[]): number {
  const target = path.join(ROOT, OUTPUT);
  if (args.includes('--missing')) {
    const missing = missingDocs(readConstructs(ROOT));
    console.log(missing.length ? missing.join('\n') : 'every prop has a summary, and every optional one a @default');
    return 0;
  }
  const markdown = constructPropsMarkdown();
  if (args.includes('--check')) {
    const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
    if (current === markdown) return 0;
    console.error(createTwoFilesPatch(OUTPUT, `${OUTPUT} (generated)`, current, markdown));
    console.error(`${OUTPUT} is stale; regenerate it with: ${REGENERATE}`);
    return 1;
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, markdown);
  console.log(`wrote ${OUTPUT}`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
