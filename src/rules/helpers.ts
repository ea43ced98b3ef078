/**
 * Shared helpers of the rule pack: walking every capability block of a policy set with the right
 * source and path, the capabilities each principal ends up with, and command-name matching.
 */
import { resolveGrant, inlineCapabilities } from '../effective/role-lookup';
import { CapabilityModel, CommandRule, ParameterConstraint, RoleGrant, VisibleCommand } from '../jea/model';
import { baseName, splitCommand } from '../jea/names';
import { wildcardMatch } from '../jea/wildcard';
import { EndpointEntry, fitPath, PolicySet, PolicySource, RoleEntry } from '../policy/policy-set';
import { Psd1PathStep } from '../psd1';
import { RuleFinding, Severity } from './rule';

export { baseName, splitCommand };

/** One place that declares capabilities: a role, an endpoint's session level, or a RoleDefinitions entry. */
export interface CapabilityBlock {
  readonly kind: 'role' | 'session' | 'inline';
  readonly source: PolicySource;
  /** The path of the block in its file: `[]` for a role and the session level, `['RoleDefinitions', principal]` inline. */
  readonly prefix: readonly Psd1PathStep[];
  readonly model: CapabilityModel;
  /** For messages: `role 'DnsAdmin'`, `endpoint 'Dns'`, `RoleDefinitions 'CONTOSO\Ops' of endpoint 'Dns'`. */
  readonly label: string;
  readonly role?: RoleEntry;
  readonly endpoint?: EndpointEntry;
  readonly principal?: string;
}

/** What one principal of an endpoint gets: its blocks (session level, inline grant, resolved roles). */
export interface PrincipalScope {
  readonly endpoint: EndpointEntry;
  /** The RoleDefinitions principal; undefined for an endpoint without RoleDefinitions (everyone it lets in). */
  readonly principal?: string;
  readonly blocks: readonly CapabilityBlock[];
}

/** Every role of the set once: the set's roles, then roles only an endpoint knows. */
export function allRoles(policy: PolicySet): RoleEntry[] {
  const out: RoleEntry[] = [];
  const seen = new Set<string>();
  const add = (r: RoleEntry) => {
    const key = `${r.source?.file ?? ''}|${r.module ?? ''}|${r.name}`;
    if (out.includes(r) || seen.has(key)) return;
    seen.add(key);
    out.push(r);
  };
  (policy.roles ?? []).forEach(add);
  for (const e of policy.endpoints ?? []) (e.roles ?? []).forEach(add);
  return out;
}

/** Who holds a set of blocks, in words, and the blocks: a principal of an endpoint, or a role on its own. */
export interface HolderScope {
  readonly who: string;
  readonly blocks: readonly CapabilityBlock[];
}

/**
 * Every principal of every endpoint (with its session level, inline grant and roles), then every
 * role on its own (whoever holds it), for rules that look at what one holder gets together.
 */
export function holderScopes(policy: PolicySet): HolderScope[] {
  return [
    ...principalScopes(policy).map((s) => ({
      who:
        s.principal === undefined
          ? `everyone endpoint '${s.endpoint.name}' lets in`
          : `${quote(s.principal)} on endpoint '${s.endpoint.name}'`,
      blocks: s.blocks,
    })),
    ...allRoles(policy).map((role) => ({ who: `role '${role.name}'`, blocks: [roleBlock(role)] })),
  ];
}

/** The capability block of a role file on its own. */
function roleBlock(role: RoleEntry): CapabilityBlock {
  return { kind: 'role', source: role.source, prefix: [], model: role.model ?? {}, label: `role '${role.name}'`, role };
}

function sessionBlock(endpoint: EndpointEntry): CapabilityBlock {
  return {
    kind: 'session',
    source: endpoint.source,
    prefix: [],
    model: endpoint.model ?? {},
    label: `endpoint '${endpoint.name}'`,
    endpoint,
  };
}

const inlineCache = new WeakMap<RoleGrant, CapabilityModel>();

/** The inline capabilities of a grant, the same object each time (rules key maps by model). */
export function inlineOf(grant: RoleGrant): CapabilityModel {
  let model = inlineCache.get(grant);
  if (!model) {
    model = inlineCapabilities(grant ?? {});
    if (grant && typeof grant === 'object') inlineCache.set(grant, model);
  }
  return model;
}

function inlineBlock(endpoint: EndpointEntry, principal: string, model: CapabilityModel): CapabilityBlock {
  return {
    kind: 'inline',
    source: endpoint.source,
    prefix: ['RoleDefinitions', principal],
    model,
    label: `RoleDefinitions '${principal}' of endpoint '${endpoint.name}'`,
    endpoint,
    principal,
  };
}

/**
 * Every capability block once: each role's model, each endpoint's session-level capabilities,
 * and each RoleDefinitions entry's inline capabilities.
 */
export function capabilityBlocks(policy: PolicySet): CapabilityBlock[] {
  const out = allRoles(policy).map(roleBlock);
  for (const endpoint of policy.endpoints ?? []) {
    out.push(sessionBlock(endpoint));
    for (const [principal, grant] of endpoint.model?.roleDefinitions ?? [])
      out.push(inlineBlock(endpoint, principal, inlineOf(grant)));
  }
  return out;
}

/**
 * What each principal of each endpoint gets: the endpoint's session-level capabilities, its
 * inline grant and the roles its grant names (found among the endpoint's roles). An endpoint
 * without RoleDefinitions gives one scope with only its session level.
 */
export function principalScopes(policy: PolicySet): PrincipalScope[] {
  const out: PrincipalScope[] = [];
  for (const endpoint of policy.endpoints ?? []) {
    const session = sessionBlock(endpoint);
    const defs = endpoint.model?.roleDefinitions ?? [];
    if (defs.length === 0) {
      out.push({ endpoint, blocks: [session] });
      continue;
    }
    for (const [principal, grant] of defs) {
      const { roles } = resolveGrant(endpoint, grant);
      const seen = new Set<RoleEntry>();
      const blocks = [session, inlineBlock(endpoint, principal, inlineOf(grant))];
      for (const r of roles) {
        if (seen.has(r)) continue;
        seen.add(r);
        blocks.push(roleBlock(r));
      }
      out.push({ endpoint, principal, blocks });
    }
  }
  return out;
}

/** A finding in a block, at the block's prefix plus `steps` (fitted to the source). */
export function findingIn(
  block: CapabilityBlock,
  steps: readonly Psd1PathStep[],
  message: string,
  severity?: Severity,
): RuleFinding {
  return finding(block.source, [...block.prefix, ...steps], message, severity);
}

/** A finding at a path of a source (fitted to the source). */
export function finding(
  source: PolicySource,
  path: readonly Psd1PathStep[],
  message: string,
  severity?: Severity,
): RuleFinding {
  return { source, path: fitPath(source, path), message, ...(severity ? { severity } : {}) };
}

/** The name of a visible command entry. */
export function commandName(v: VisibleCommand): string {
  return typeof v === 'string' ? v : (v?.name ?? '');
}

/** Which list of a capability block a visible command sits in. */
export type CommandList = 'VisibleCmdlets' | 'VisibleFunctions';

/** Calls `fn` for every visible cmdlet and function of a block, with its list key and index. */
export function forEachCommand(
  model: CapabilityModel,
  fn: (entry: VisibleCommand, list: CommandList, index: number) => void,
): void {
  (model.visibleCmdlets ?? []).forEach((e, i) => fn(e, 'VisibleCmdlets', i));
  (model.visibleFunctions ?? []).forEach((e, i) => fn(e, 'VisibleFunctions', i));
}

/** Calls `fn` for every parameter constraint of a block, with the path of the parameter in the block. */
export function forEachParameter(
  model: CapabilityModel,
  fn: (param: ParameterConstraint, command: CommandRule, path: Psd1PathStep[]) => void,
): void {
  forEachCommand(model, (entry, list, i) => {
    if (typeof entry === 'string' || !entry) return;
    (entry.parameters ?? []).forEach((p, j) => fn(p, entry, [list, i, 'Parameters', j]));
  });
}

/**
 * Whether a visible-command pattern (`Start-Process`, `*-Process`, `Module\*`) takes in a command
 * of a known module: the command part must match, and a module part, when given, must match the
 * command's module.
 */
export function commandPatternMatches(
  pattern: string,
  command: { readonly name: string; readonly module: string },
): boolean {
  const p = splitCommand(pattern);
  if (p.module !== undefined && !wildcardMatch(p.module, command.module)) return false;
  return wildcardMatch(p.command, command.name);
}

/** A value quoted for a message. */
export function quote(value: string): string {
  return `'${value}'`;
}

/** Names joined for a message, the first few and how many more (`a, b, c and 4 more`). */
export function listSome(names: readonly string[], max = 4): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}
