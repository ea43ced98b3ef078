/**
 * Merges the sources into one entry per command. Two sides: PowerShell 7 (pwsh itself, then the
 * 7.6 reference for what a pwsh on Linux lacks: Windows-only commands, and Windows-only parameters
 * such as the FileSystem provider's -Stream) and Windows PowerShell 5.1 (the 5.1 reference, then
 * the Windows Server module reference). A command both sides have keeps the parameters of both, a
 * parameter one side lacks marked `only`; the 5.1 side decides kind, type and default set (JEA
 * endpoints run 5.1), PowerShell 7's differing type/kind is kept beside.
 */
import { Entry, MarkedParameter, toEntry } from './entry';
import { RawCommand, RawParameter, RawSetUse } from './model';

/** A command with the ids of the sources that gave it. */
export interface Sourced {
  readonly sources: readonly string[];
  readonly command: RawCommand;
}

/** The merged catalog and what the merge noticed. */
export interface Merged {
  /** Sorted by module, then name (case-insensitive, then ordinal). */
  readonly entries: readonly Entry[];
  /** `Module\Command -Parameter: 5.1type / 7type` where the versions disagree on a type. */
  readonly typeDifferences: readonly string[];
  /** `Module\Command -Parameter (source)` a later source of a side added to a command an earlier one gave. */
  readonly supplemented: readonly string[];
}

const key = (c: RawCommand) => `${c.module}\\${c.name}`.toLowerCase();

/** The commands of one source, each naming it. */
export function fromSource(source: string, commands: readonly RawCommand[]): Sourced[] {
  return commands.map((command) => ({ sources: [source], command }));
}

/**
 * One side's commands by key. The first source that has a command gives it; a later one adds the
 * commands the earlier lack, and to the others the parameters and sets they lack.
 */
function side(sources: readonly (readonly Sourced[])[], supplemented: string[]): Map<string, Sourced> {
  const out = new Map<string, Sourced>();
  for (const list of sources) {
    for (const s of list) {
      const earlier = out.get(key(s.command));
      out.set(key(s.command), earlier ? supplement(earlier, s, supplemented) : s);
    }
  }
  return out;
}

/**
 * `first` with the parameters and sets only `later` has appended (not those a page shows only in
 * its syntax: too often a stale or preview parameter); `first` itself when none.
 */
function supplement(first: Sourced, later: Sourced, supplemented: string[]): Sourced {
  const have = new Set(first.command.parameters.map((p) => p.name.toLowerCase()));
  const added = later.command.parameters.filter((p) => !p.syntaxOnly && !have.has(p.name.toLowerCase()));
  if (!added.length) return first;
  const c = first.command;
  for (const p of added) supplemented.push(`${c.module}\\${c.name} -${p.name} (${later.sources.join(', ')})`);
  return {
    sources: union(first.sources, later.sources),
    command: { ...c, sets: union(c.sets, later.command.sets), parameters: [...c.parameters, ...added] },
  };
}

/**
 * Merges the PowerShell 7 sources (in priority order) with the 5.1 sources (in priority order).
 * Deterministic: the output depends only on the inputs, not on the order of their commands.
 */
export function mergeSources(seven: readonly (readonly Sourced[])[], five: readonly (readonly Sourced[])[]): Merged {
  const supplemented: string[] = [];
  const typeDifferences: string[] = [];
  const s7 = side(seven, supplemented);
  const s5 = side(five, supplemented);
  const entries: Entry[] = [];
  for (const k of new Set([...s7.keys(), ...s5.keys()])) {
    const a = s7.get(k);
    const b = s5.get(k);
    if (a && b) entries.push(mergeCommand(a, b, typeDifferences));
    else {
      const only = (a ?? b)!;
      entries.push(toEntry(only.command, only.command.parameters, only.sources));
    }
  }
  entries.sort(compareEntries);
  return { entries, typeDifferences: typeDifferences.sort(), supplemented: supplemented.sort() };
}

/** Module, then name: case-insensitive first, ordinal to break ties. */
export function compareEntries(a: { module: string; name: string }, b: { module: string; name: string }): number {
  return compareText(a.module, b.module) || compareText(a.name, b.name);
}

function compareText(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

/** One command of both sides: 7's declaration order, then the parameters only 5.1 has. */
function mergeCommand(seven: Sourced, five: Sourced, typeDifferences: string[]): Entry {
  const c7 = seven.command;
  const c5 = five.command;
  const p5 = new Map(c5.parameters.map((p) => [p.name.toLowerCase(), p]));
  const parameters: MarkedParameter[] = [];
  for (const p of c7.parameters) {
    const other = p5.get(p.name.toLowerCase());
    p5.delete(p.name.toLowerCase());
    if (!other) parameters.push({ ...p, only: '7' });
    else {
      if (other.type !== p.type) typeDifferences.push(`${c5.module}\\${c5.name} -${p.name}: ${other.type} / ${p.type}`);
      parameters.push({
        ...p,
        type: other.type,
        type7: p.type,
        aliases: union(p.aliases, other.aliases),
        sets: unionSets(p, other),
      });
    }
  }
  for (const p of p5.values()) parameters.push({ ...p, only: '5.1' });
  const sets = union(c7.sets, c5.sets);
  const wanted = (c5.defaultSet ?? c7.defaultSet)?.toLowerCase();
  const merged: RawCommand = {
    module: c7.module,
    name: c7.name,
    kind: c5.kind ?? c7.kind,
    sets,
    defaultSet: sets.find((s) => s.toLowerCase() === wanted),
    parameters,
  };
  return toEntry(merged, parameters, union(seven.sources, five.sources), c7.kind);
}

/**
 * The set uses of both, in 7's order and spelling, then 5.1's other sets; 5.1's use where both
 * have a set (a parameter in every set on either side stays in every set).
 */
function unionSets(seven: RawParameter, five: RawParameter): Record<string, RawSetUse> {
  // set names are case-insensitive (the 5.1 docs spell Get-Help's Examples set EXAMPLES)
  const fives = new Map(Object.entries(five.sets).map(([k, u]) => [k.toLowerCase(), u]));
  const sets = Object.fromEntries(Object.entries(seven.sets).map(([k, u]) => [k, fives.get(k.toLowerCase()) ?? u]));
  const sevens = new Set(Object.keys(sets).map((k) => k.toLowerCase()));
  return { ...sets, ...Object.fromEntries(Object.entries(five.sets).filter(([k]) => !sevens.has(k.toLowerCase()))) };
}

function union(a: readonly string[], b: readonly string[]): string[] {
  const seen = new Set(a.map((x) => x.toLowerCase()));
  return [...a, ...b.filter((x) => !seen.has(x.toLowerCase()) && seen.add(x.toLowerCase()))];
}
