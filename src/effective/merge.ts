import { CapabilityModel, VisibleCommand } from '../jea/model';
import { splitCommand } from '../jea/names';
import { hasWildcard, wildcardMatch } from '../jea/wildcard';

/**
 * A parameter of an effective command. No lists: any value. A set and a pattern together: a
 * value must pass both (the engine adds both attributes to the proxy's parameter).
 */
export interface EffectiveParameter {
  readonly name: string;
  /** The values accepted (compared case-insensitively). */
  readonly validateSet?: readonly string[];
  /** Alternatives the engine joins into one pattern, `^(p1|p2)$`, matched case-insensitively. */
  readonly validatePattern?: readonly string[];
}

/** A command a user can run: no `parameters` means every parameter is allowed. */
export interface EffectiveCommand {
  readonly name: string;
  readonly parameters?: readonly EffectiveParameter[];
  /**
   * The command is constrained, and also listed without constraints (by name or by a wildcard)
   * for the same user. JEA then makes the command itself public next to the constrained proxy, so
   * it runs with every parameter by its module-qualified name (a cmdlet: `Module\Name`) or by the
   * name the engine gives the wrapped original (a function: `Name_<guid>`, which Get-Command lists).
   */
  readonly alsoUnconstrained?: true;
}

/** What merged capabilities allow (the JSON of `jeajit effective`, less `roles`). */
export interface MergedCapabilities {
  readonly visibleCmdlets: readonly EffectiveCommand[];
  readonly visibleFunctions: readonly EffectiveCommand[];
  readonly visibleExternalCommands: readonly string[];
  readonly visibleAliases: readonly string[];
  readonly visibleProviders: readonly string[];
  readonly scriptsToProcess: readonly string[];
}

/** The merge, and why the session would not start when it would not. */
export interface MergeResult extends MergedCapabilities {
  /** Set when the engine refuses to build the session from these capabilities. */
  readonly sessionFails?: string;
}

/**
 * Merges capabilities the way PowerShell builds a JEA session (not as the documentation's merge
 * rules say; see the README, "Where PowerShell and its documentation differ"):
 * - every role's lists are concatenated (DISCPowerShellConfiguration.MergeConfigHashIntoConfigHash);
 * - a command name listed as a string makes the command public (wildcards too);
 * - hashtable entries of one name, from every role, become one proxy function that has only the
 *   parameters listed anywhere; a parameter's ValidateSets unite, its ValidatePatterns are joined
 *   as `^(p1|p2)$`, and a set and a pattern both apply (InitialSessionState.ProcessCommandModifications);
 *   a parameter listed bare in one role and with a constraint in another is constrained;
 * - a constrained command listed bare as well stays constrained under its name, and is also
 *   public unconstrained under another (see {@link EffectiveCommand.alsoUnconstrained});
 * - a hashtable entry whose name has a wildcard matches nothing;
 * - a name constrained in both VisibleCmdlets and VisibleFunctions makes the session fail.
 * External commands, aliases, providers and scripts add up. `session` holds what the session type
 * itself offers: it is merged too, but does not count as a role restricting visibility.
 */
export function mergeCapabilities(
  blocks: readonly CapabilityModel[],
  session: readonly CapabilityModel[] = [],
): MergeResult {
  // Defined functions and aliases are public unless some role lists VisibleFunctions /
  // VisibleAliases (CreateSessionStateFunctionEntry, CreateSessionStateAliasEntry).
  const definedFunctions = blocks.some((b) => b.visibleFunctions?.length)
    ? []
    : blocks.flatMap((b) => (b.functionDefinitions ?? []).map((f) => f.name));
  const definedAliases = blocks.some((b) => b.visibleAliases?.length)
    ? []
    : blocks.flatMap((b) => (b.aliasDefinitions ?? []).map((a) => a.name));
  const all = [...blocks, ...session];
  const cmdlets = all
    .flatMap((b) => b.visibleCmdlets ?? [])
    .filter((c) => typeof c !== 'string' || !neverPublicByName(c));
  const functions = [...all.flatMap((b) => b.visibleFunctions ?? []), ...definedFunctions];
  const bare = bareNames([...cmdlets, ...functions].filter((c): c is string => typeof c === 'string'));
  const constrainedCmdlets = constrained(cmdlets);
  const constrainedFunctions = constrained(functions);
  const twice = [...constrainedCmdlets.keys()].find((k) => constrainedFunctions.has(k));
  const merged = {
    visibleCmdlets: commandList(cmdlets, constrainedCmdlets, bare),
    visibleFunctions: commandList(functions, constrainedFunctions, bare, constrainedCmdlets),
    visibleExternalCommands: union(all.flatMap((b) => b.visibleExternalCommands ?? [])),
    visibleAliases: union([...all.flatMap((b) => b.visibleAliases ?? []), ...definedAliases]).filter(
      (a) => a.toLowerCase() !== 'ipmo',
    ),
    visibleProviders: union(all.flatMap((b) => b.visibleProviders ?? [])),
    scriptsToProcess: union(all.flatMap((b) => b.scriptsToProcess ?? [])),
  };
  if (twice === undefined) return merged;
  const name = constrainedCmdlets.get(twice)!.name;
  return {
    ...merged,
    sessionFails: `'${name}' has parameter constraints in both VisibleCmdlets and VisibleFunctions: PowerShell refuses the session ("An item with the same key has already been added")`,
  };
}

/**
 * Import-Module (of Microsoft.PowerShell.Core) and its alias ipmo are never made public by name
 * in a visible list: the engine keeps them private (InitialSessionState.cs, "Import-Module or ipmo
 * cannot be visible when exposing commands via VisibleCmdlets"). A hashtable entry with
 * Parameters does make a public proxy of it (test/engine/merge-readings.test.ts).
 */
export function neverPublicByName(name: string): boolean {
  const { module, command } = splitCommand(name);
  return (
    command.toLowerCase() === 'import-module' &&
    (module === undefined || module.toLowerCase() === 'microsoft.powershell.core')
  );
}

/** A parameter of a command's hashtable entries merged: its ValidateSet values and ValidatePattern patterns. */
interface ConstrainedParameter {
  name: string;
  sets: string[];
  patterns: string[];
}

/** One command's hashtable entries merged: parameter name (folded) -> sets and patterns. */
interface Constrained {
  readonly name: string;
  readonly params: Map<string, ConstrainedParameter>;
}

/** The hashtable entries of a list merged per command name; wildcard names match nothing. */
function constrained(entries: readonly VisibleCommand[]): Map<string, Constrained> {
  const out = new Map<string, Constrained>();
  for (const entry of entries) {
    if (typeof entry === 'string' || hasWildcard(entry.name)) continue;
    const key = entry.name.toLowerCase();
    const command = out.get(key) ?? { name: entry.name, params: new Map<string, ConstrainedParameter>() };
    out.set(key, command);
    for (const p of entry.parameters ?? []) {
      const param = command.params.get(p.name.toLowerCase()) ?? { name: p.name, sets: [], patterns: [] };
      command.params.set(p.name.toLowerCase(), param);
      param.sets.push(...(p.validateSet ?? []));
      if (p.validatePattern !== undefined) param.patterns.push(p.validatePattern);
    }
  }
  return out;
}

/**
 * The commands of one list: its constrained commands (with `alsoUnconstrained` when a bare name
 * or wildcard of either list reaches them), then its bare names not already shown constrained.
 */
function commandList(
  entries: readonly VisibleCommand[],
  own: Map<string, Constrained>,
  bare: BareNames,
  shownElsewhere?: Map<string, Constrained>,
): EffectiveCommand[] {
  const out = new Map<string, EffectiveCommand>();
  for (const [key, c] of own) {
    const parameters = [...c.params.values()].sort((a, b) => byName(a.name, b.name)).map(parameterOf);
    const also = bare.exact.has(splitCommand(key).command) || bare.patterns.some((b) => reaches(b, c.name));
    out.set(key, { name: c.name, parameters, ...(also ? { alsoUnconstrained: true as const } : {}) });
  }
  for (const entry of entries) {
    if (typeof entry !== 'string') continue;
    const key = entry.toLowerCase();
    if (out.has(key) || shownElsewhere?.has(key)) continue;
    out.set(key, { name: entry });
  }
  return [...out.values()].sort((a, b) => byName(a.name, b.name));
}

function parameterOf(p: { name: string; sets: string[]; patterns: string[] }): EffectiveParameter {
  return {
    name: p.name,
    ...(p.sets.length ? { validateSet: union(p.sets) } : {}),
    ...(p.patterns.length ? { validatePattern: [...new Set(p.patterns)] } : {}),
  };
}

/** Bare entries: plain names (folded, for a lookup) and the rest (wildcards, module-qualified). */
interface BareNames {
  readonly exact: ReadonlySet<string>;
  readonly patterns: readonly string[];
}

function bareNames(entries: readonly string[]): BareNames {
  const plain = (e: string) => !hasWildcard(e) && !e.includes('\\');
  return {
    exact: new Set(entries.filter(plain).map((e) => e.toLowerCase())),
    patterns: entries.filter((e) => !plain(e)),
  };
}

/**
 * Whether a bare entry makes the command of a constrained entry public (so that its unconstrained
 * self is public too): the same name, or a wildcard that matches it. A module-qualified bare entry (`Module\*`) reaches only constrained
 * entries qualified with that module: which module an unqualified command comes from is known
 * only on the host (the engine exposes just that module's commands).
 */
export function reaches(bareEntry: string, constrainedName: string): boolean {
  const bare = splitCommand(bareEntry);
  const constrained = splitCommand(constrainedName);
  if (bare.module !== undefined && !wildcardMatch(bare.module, constrained.module ?? '')) return false;
  return wildcardMatch(bare.command, constrained.command);
}

/** Case-insensitive union, first spelling kept, sorted for stable output. */
function union(items: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const item of items) if (!seen.has(item.toLowerCase())) seen.set(item.toLowerCase(), item);
  return [...seen.values()].sort(byName);
}

function byName(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}
