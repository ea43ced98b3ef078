import { CapabilityModel, LanguageMode } from '../jea/model';
import { EndpointEntry } from '../policy/policy-set';
import { mergeCapabilities, MergedCapabilities } from './merge';
import { evaluateRequiredGroups } from './required-groups';
import { inlineCapabilities, principalMatches, resolveGrant } from './role-lookup';
import { sessionDefaults } from './session-defaults';

/** What one user can run on one endpoint (the JSON of `jeajit effective`). */
export interface EffectiveRights extends MergedCapabilities {
  /** The role capabilities that apply, by name. */
  readonly roles: readonly string[];
  /** The session's language mode: anything but NoLanguage lets the user write script. */
  readonly languageMode: LanguageMode;
}

/** The full answer: the rights, and why there are none when there are none. */
export interface EffectiveResult {
  readonly rights: EffectiveRights;
  /** The RoleDefinitions principals that matched the user or a group. */
  readonly matchedPrincipals: readonly string[];
  /** Set when RequiredGroups keep the user out: the condition not met. */
  readonly deniedBy?: string;
  /** Set when PowerShell would refuse to build the user's session, with the reason. */
  readonly sessionFails?: string;
  /** Role names a matching entry grants but no module or file provides here. */
  readonly missingRoles: readonly string[];
}

const NOTHING: EffectiveRights = {
  roles: [],
  languageMode: 'NoLanguage',
  visibleCmdlets: [],
  visibleFunctions: [],
  visibleExternalCommands: [],
  visibleAliases: [],
  visibleProviders: [],
  scriptsToProcess: [],
};

/** Options of {@link effectiveRights}. */
export interface EffectiveOptions {
  /** Leave RequiredGroups out (the review compares rights per principal, and the ACL separately). */
  readonly ignoreRequiredGroups?: boolean;
}

/**
 * An offline Get-PSSessionCapability, following what PowerShell does when it builds the session
 * (InitialSessionStateProvider.cs, checked against pwsh by the engine suites): the RoleDefinitions
 * entries matching the user or any of their groups (case-insensitive), RequiredGroups (failing
 * them means no access), the role capabilities those entries name (a name no module provides
 * makes PowerShell refuse the session, unless the endpoint declares the role external), the
 * session-level capabilities and the session type's defaults, merged by {@link mergeCapabilities}.
 */
export function effectiveRights(
  endpoint: EndpointEntry,
  user: string,
  groups: readonly string[] = [],
  options: EffectiveOptions = {},
): EffectiveResult {
  if (!options.ignoreRequiredGroups) {
    const rg = evaluateRequiredGroups(endpoint.model.requiredGroups, user, groups);
    if (!rg.ok) return { rights: NOTHING, matchedPrincipals: [], deniedBy: rg.unmet, missingRoles: [] };
  }
  const blocks: CapabilityModel[] = [endpoint.model];
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
  const external = new Set((endpoint.externalRoles ?? []).map((r) => r.toLowerCase()));
  const unknown = missing.filter((r) => !external.has(r.toLowerCase()));
  if (unknown.length) {
    const sessionFails = `no module on the role path provides the role capability ${unknown.map((r) => `'${r}'`).join(', ')}: PowerShell refuses the session (CouldNotFindRoleCapability)`;
    return { rights: NOTHING, matchedPrincipals: matched, sessionFails, missingRoles: missing };
  }
  const session = sessionDefaults(endpoint.model, blocks);
  const merged = mergeCapabilities(blocks, session.blocks);
  if (merged.sessionFails)
    return { rights: NOTHING, matchedPrincipals: matched, sessionFails: merged.sessionFails, missingRoles: missing };
  const { sessionFails: _none, ...rights } = merged;
  void _none;
  return {
    rights: { roles, languageMode: session.languageMode, ...rights },
    matchedPrincipals: matched,
    missingRoles: missing,
  };
}
