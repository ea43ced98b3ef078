import { CapabilityModel, ParameterConstraint, VisibleCommand } from '../jea/model';

/** A parameter of an effective command: no lists means any value is accepted. */
export interface EffectiveParameter {
  readonly name: string;
  readonly validateSet?: readonly string[];
  readonly validatePattern?: readonly string[];
}

/** A command a user can run: no `parameters` means every parameter is allowed. */
export interface EffectiveCommand {
  readonly name: string;
  readonly parameters?: readonly EffectiveParameter[];
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

/**
 * Merges the capabilities of several roles by JEA's documented rules ("How role capabilities are
 * merged", https://learn.microsoft.com/powershell/scripting/security/remoting/jea/role-capabilities):
 * a command visible in one role keeps its constraints; parameter sets combine; a role that leaves
 * a command (or a parameter) unconstrained wins; ValidateSets union; ValidatePatterns accumulate
 * (any match allows); a ValidateSet meeting a ValidatePattern on a parameter is dropped in favour
 * of the patterns; external commands, aliases, providers and scripts add up.
 */
export function mergeCapabilities(blocks: readonly CapabilityModel[]): MergedCapabilities {
  return {
    visibleCmdlets: mergeCommands(blocks.flatMap((b) => b.visibleCmdlets ?? [])),
    visibleFunctions: mergeCommands(blocks.flatMap((b) => b.visibleFunctions ?? [])),
    visibleExternalCommands: union(blocks.flatMap((b) => b.visibleExternalCommands ?? [])),
    visibleAliases: union(blocks.flatMap((b) => [...(b.visibleAliases ?? []), ...(b.aliasDefinitions ?? []).map((a) => a.name)])),
    visibleProviders: union(blocks.flatMap((b) => b.visibleProviders ?? [])),
    scriptsToProcess: union(blocks.flatMap((b) => b.scriptsToProcess ?? [])),
  };
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

/** How one role lists a parameter: with no constraint, a set, a pattern (or, invalidly, both). */
type Listing = ParameterConstraint;

function mergeCommands(entries: readonly VisibleCommand[]): EffectiveCommand[] {
  const byCommand = new Map<string, { name: string; unconstrained: boolean; params: Map<string, { name: string; listings: Listing[] }> }>();
  for (const entry of entries) {
    const name = typeof entry === 'string' ? entry : entry.name;
    const key = name.toLowerCase();
    const merged = byCommand.get(key) ?? { name, unconstrained: false, params: new Map() };
    byCommand.set(key, merged);
    if (typeof entry === 'string' || entry.parameters === undefined) {
      merged.unconstrained = true;
      continue;
    }
    for (const p of entry.parameters) {
      const pk = p.name.toLowerCase();
      const param = merged.params.get(pk) ?? { name: p.name, listings: [] };
      param.listings.push(p);
      merged.params.set(pk, param);
    }
  }
  return [...byCommand.values()]
    .sort((a, b) => byName(a.name, b.name))
    .map((c) => (c.unconstrained ? { name: c.name } : { name: c.name, parameters: [...c.params.values()].sort((a, b) => byName(a.name, b.name)).map(mergeParameter) }));
}

function mergeParameter(param: { name: string; listings: Listing[] }): EffectiveParameter {
  if (param.listings.some((l) => l.validateSet === undefined && l.validatePattern === undefined)) return { name: param.name };
  const patterns = uniqueExact(param.listings.flatMap((l) => (l.validatePattern === undefined ? [] : [l.validatePattern])));
  if (patterns.length) return { name: param.name, validatePattern: patterns };
  return { name: param.name, validateSet: union(param.listings.flatMap((l) => l.validateSet ?? [])) };
}

/** Patterns are regular expressions: only exact duplicates collapse. */
function uniqueExact(items: readonly string[]): string[] {
  return [...new Set(items)];
}
