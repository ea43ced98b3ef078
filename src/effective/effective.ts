import { CapabilityModel } from '../jea/model';
import { EndpointEntry } from '../policy/policy-set';
import { mergeCapabilities, MergedCapabilities } from './merge';
import { evaluateRequiredGroups } from './required-groups';
import { inlineCapabilities, principalMatches, resolveGrant } from './role-lookup';

/** What one user can run on one endpoint (the JSON of `jeajit effective`). */
export interface EffectiveRights extends MergedCapabilities {
  /** The role capabilities that apply, by name. */
  readonly roles: readonly string[];
}

/** The full answer: the rights, and why there are none when there are none. */
export interface EffectiveResult {
  readonly rights: EffectiveRights;
  /** The RoleDefinitions principals that matched the user or a group. */
  readonly matchedPrincipals: readonly string[];
  /** Set when RequiredGroups keep the user out: the condition not met. */
  readonly deniedBy?: string;
  /** Role names a matching entry grants but no module or file provides. */
  readonly missingRoles: readonly string[];
}

/** RestrictedRemoteServer's public commands (InitialSessionState.CreateRestrictedForRemoteServer). */
const RESTRICTED_REMOTE_SERVER: CapabilityModel = {
  visibleCmdlets: ['Exit-PSSession', 'Get-Command', 'Get-FormatData', 'Get-Help', 'Measure-Object', 'Out-Default', 'Select-Object'],
  visibleFunctions: ['Clear-Host'],
};

const NOTHING: EffectiveRights = { roles: [], visibleCmdlets: [], visibleFunctions: [], visibleExternalCommands: [], visibleAliases: [], visibleProviders: [], scriptsToProcess: [] };

/** Options of {@link effectiveRights}. */
export interface EffectiveOptions {
  /** Leave RequiredGroups out (the review compares rights per principal, and the ACL separately). */
  readonly ignoreRequiredGroups?: boolean;
}

/**
 * An offline Get-PSSessionCapability: the RoleDefinitions entries matching the user or any of
 * their groups (case-insensitive), RequiredGroups (failing them means no access), the role
 * capabilities those entries name, the session-level capabilities and the session type's
 * defaults, merged by JEA's rules (see mergeCapabilities).
 */
export function effectiveRights(endpoint: EndpointEntry, user: string, groups: readonly string[] = [], options: EffectiveOptions = {}): EffectiveResult {
  if (!options.ignoreRequiredGroups) {
    const rg = evaluateRequiredGroups(endpoint.model.requiredGroups, user, groups);
    if (!rg.ok) return { rights: NOTHING, matchedPrincipals: [], deniedBy: rg.unmet, missingRoles: [] };
  }
  const blocks: CapabilityModel[] = [];
  const roles: string[] = [];
  const missing: string[] = [];
  const matched: string[] = [];
  for (const [principal, grant] of endpoint.model.roleDefinitions ?? []) {
    if (!principalMatches(principal, user, groups)) continue;
    matched.push(principal);
    const found = resolveGrant(endpoint, grant);
    for (const role of found.roles) {
      if (!roles.includes(role.name)) {
        roles.push(role.name);
        blocks.push(role.model);
      }
    }
    missing.push(...found.missing);
    blocks.push(inlineCapabilities(grant));
  }
  if (matched.length === 0) return { rights: NOTHING, matchedPrincipals: [], missingRoles: [] };
  blocks.push(endpoint.model);
  if ((endpoint.model.sessionType ?? 'Default') === 'RestrictedRemoteServer') blocks.push(RESTRICTED_REMOTE_SERVER);
  return { rights: { roles, ...mergeCapabilities(blocks) }, matchedPrincipals: matched, missingRoles: missing };
}
