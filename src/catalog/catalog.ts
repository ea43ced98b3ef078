/**
 * The command metadata catalog: every cmdlet and function of Windows PowerShell 5.1, PowerShell 7
 * and the Windows Server modules, with its parameter sets and typed parameters, as generated into
 * commands.json by scripts/catalog/generate.ts. Read on first use, indexed by name once; every
 * lookup after that is a map access.
 */
import * as fs from 'fs';
import * as path from 'path';
import { splitCommand } from '../jea/names';
import { hasWildcard, wildcardMatch } from '../jea/wildcard';

/** One parameter of a catalog command (common parameters, WhatIf and Confirm are not listed). */
export interface CatalogParameter {
  readonly name: string;
  /** The .NET type without namespace as the docs print it (`String[]`, `ScriptBlock`); Windows PowerShell 5.1's where both versions have it. */
  readonly type: string;
  /** PowerShell 7's type, only where it differs from {@link type}. */
  readonly type7?: string;
  /** The parameter sets it belongs to; empty for every set. */
  readonly sets: readonly string[];
  /** The lowest position of any set, when positional. */
  readonly position?: number;
  /** True when mandatory in at least one set. */
  readonly mandatory?: boolean;
  /** Pipeline input it accepts, when any. */
  readonly pipeline?: 'ByValue' | 'ByPropertyName' | 'ByValue,ByPropertyName';
  readonly aliases?: readonly string[];
  /** For a command both versions have: the version that alone has this parameter. */
  readonly only?: '5.1' | '7';
}

/** One cmdlet or function of the catalog. */
export interface CatalogCommand {
  readonly module: string;
  readonly name: string;
  /** The part of the name before the first `-`, or '' for a one-word name. */
  readonly verb: string;
  /** The part of the name after the first `-`, or '' for a one-word name. */
  readonly noun: string;
  /** Windows PowerShell 5.1's kind where it has the command (what JEA's VisibleCmdlets/VisibleFunctions need). */
  readonly kind: 'Cmdlet' | 'Function';
  /** PowerShell 7's kind, only where it differs from {@link kind}. */
  readonly kind7?: 'Cmdlet' | 'Function';
  /** The parameter set names; empty for a command with one unnamed set. */
  readonly sets: readonly string[];
  readonly defaultSet?: string;
  /** In declaration order. */
  readonly parameters: readonly CatalogParameter[];
  /** Ids of the {@link CatalogSource}s that describe it. */
  readonly sources: readonly string[];
}

/** Where part of the catalog came from: pwsh itself, or a docs repository at a commit. */
export interface CatalogSource {
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
  /** What the source was used for, when not for everything it has. */
  readonly use?: string;
  /** The modules it gave. */
  readonly modules: readonly string[];
  /** Module versions, for the engine source. */
  readonly moduleVersions?: Readonly<Record<string, string>>;
  /** How many catalog commands name it. */
  readonly commands: number;
}

/** The catalog as read, with its indexes. */
interface Loaded {
  readonly commands: readonly CatalogCommand[];
  readonly sources: readonly CatalogSource[];
  /** Lower-case command name to the commands of that name (several when modules share it). */
  readonly byName: ReadonlyMap<string, readonly CatalogCommand[]>;
  /** Lower-case module name to its commands. */
  readonly byModule: ReadonlyMap<string, readonly CatalogCommand[]>;
}

/** The stored form of a parameter: `sets` left out for every set. */
type StoredParameter = Omit<CatalogParameter, 'sets'> & { readonly sets?: readonly string[] };
/** The stored form of a command: no verb/noun, `sets` left out for one unnamed set. */
type StoredCommand = Omit<CatalogCommand, 'verb' | 'noun' | 'sets' | 'parameters'> & {
  readonly sets?: readonly string[];
  readonly parameters: readonly StoredParameter[];
};

let loaded: Loaded | undefined;

/**
 * The catalog file: next to this module in the sources, and from the compiled `dist/src/catalog`
 * the one in `src/catalog` (tsc does not copy it).
 */
function catalogFile(): string {
  const candidates = [
    path.join(__dirname, 'commands.json'),
    path.resolve(__dirname, '../../../src/catalog/commands.json'),
  ];
  const found = candidates.find((f) => fs.existsSync(f));
  if (!found)
    throw new Error(
      `the command catalog is missing (looked for ${candidates.join(', ')}); regenerate it as scripts/catalog/README.md says`,
    );
  return found;
}

function load(): Loaded {
  if (loaded) return loaded;
  const doc = JSON.parse(fs.readFileSync(catalogFile(), 'utf8')) as {
    sources: CatalogSource[];
    commands: StoredCommand[];
  };
  const commands = doc.commands.map(toCommand);
  const byName = new Map<string, CatalogCommand[]>();
  const byModule = new Map<string, CatalogCommand[]>();
  for (const c of commands) {
    push(byName, c.name.toLowerCase(), c);
    push(byModule, c.module.toLowerCase(), c);
  }
  loaded = { commands, sources: doc.sources, byName, byModule };
  return loaded;
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function toCommand(c: StoredCommand): CatalogCommand {
  const dash = c.name.indexOf('-');
  return {
    ...c,
    verb: dash < 0 ? '' : c.name.slice(0, dash),
    noun: dash < 0 ? '' : c.name.slice(dash + 1),
    sets: c.sets ?? [],
    parameters: c.parameters.map((p) => ({ ...p, sets: p.sets ?? [] })),
  };
}

/** Every command whose name (optionally `Module\Name`) matches, case-insensitive; several when modules share a name. */
export function findCommands(name: string): readonly CatalogCommand[] {
  const { module, command } = splitCommand(name);
  const found = load().byName.get(command.toLowerCase()) ?? [];
  return module === undefined ? found : found.filter((c) => c.module.toLowerCase() === module.toLowerCase());
}

/**
 * Every command a JEA wildcard name (`Get-*`, `DnsServer\*`, `DnsServer\Get-*`) takes in, in
 * catalog order (module, then name). A name without wildcards is {@link findCommands}.
 */
export function matchCommands(pattern: string): readonly CatalogCommand[] {
  const { module, command } = splitCommand(pattern);
  if (!hasWildcard(command) && (module === undefined || !hasWildcard(module))) return findCommands(pattern);
  const catalog = load();
  const scope =
    module === undefined
      ? catalog.commands
      : hasWildcard(module)
        ? catalog.commands.filter((c) => wildcardMatch(module, c.module))
        : (catalog.byModule.get(module.toLowerCase()) ?? []);
  return scope.filter((c) => wildcardMatch(command, c.name));
}

/**
 * The common parameters (and their aliases) every Windows PowerShell 5.1 command has: not in the
 * catalog, but a prefix they share makes a parameter name ambiguous (`-V`: -Verb or -Verbose?).
 */
const COMMON: readonly string[] = [
  'Verbose',
  'vb',
  'Debug',
  'db',
  'ErrorAction',
  'ea',
  'WarningAction',
  'wa',
  'InformationAction',
  'infa',
  'ErrorVariable',
  'ev',
  'WarningVariable',
  'wv',
  'InformationVariable',
  'iv',
  'OutVariable',
  'ov',
  'OutBuffer',
  'ob',
  'PipelineVariable',
  'pv',
].map((n) => n.toLowerCase());

/**
 * The parameter `name` (with or without its `-`) binds to, as PowerShell binds it: a name or
 * alias exactly, else the one parameter whose name or an alias starts with it (`-Comp` for
 * -ComputerName). Undefined when nothing matches, when the prefix is ambiguous, or when it names
 * a common parameter.
 */
export function findParameter(command: CatalogCommand, name: string): CatalogParameter | undefined {
  const wanted = name.replace(/^-/, '').toLowerCase();
  if (!wanted) return undefined;
  const names = (p: CatalogParameter) => [p.name, ...(p.aliases ?? [])].map((n) => n.toLowerCase());
  const exact = command.parameters.find((p) => names(p).includes(wanted));
  if (exact || COMMON.includes(wanted)) return exact;
  const matches = command.parameters.filter((p) => names(p).some((n) => n.startsWith(wanted)));
  return matches.length === 1 && !COMMON.some((n) => n.startsWith(wanted)) ? matches[0] : undefined;
}

/** Where the catalog came from: pwsh's version, the docs repositories with their commits. */
export function catalogSources(): readonly CatalogSource[] {
  return load().sources;
}

/** Every command of the catalog, sorted by module, then name. */
export function allCommands(): readonly CatalogCommand[] {
  return load().commands;
}
