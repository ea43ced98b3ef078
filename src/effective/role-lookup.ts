import { CapabilityModel, RoleGrant } from '../jea/model';
import { EndpointEntry, RoleEntry } from '../policy/policy-set';

/**
 * The role capabilities a RoleDefinitions entry names, found among the endpoint's roles by name
 * (case-insensitive; `Module\Role` also matches the module), as JEA looks them up in the
 * RoleCapabilities folders of modules on PSModulePath (never in module version folders). Names
 * that match nothing are returned too. RoleCapabilityFiles name a path, found whatever the layout.
 */
export function resolveGrant(endpoint: EndpointEntry, grant: RoleGrant): { roles: RoleEntry[]; missing: string[] } {
  const roles: RoleEntry[] = [];
  const missing: string[] = [];
  for (const name of grant.roleCapabilities ?? []) {
    const slash = name.indexOf('\\');
    const module = slash < 0 ? undefined : name.slice(0, slash).toLowerCase();
    const role = (slash < 0 ? name : name.slice(slash + 1)).toLowerCase();
    const found = endpoint.roles.find(
      (r) =>
        !r.unreachable && r.name.toLowerCase() === role && (module === undefined || r.module?.toLowerCase() === module),
    );
    if (found) roles.push(found);
    else missing.push(name);
  }
  for (const file of grant.roleCapabilityFiles ?? []) {
    const base = file
      .split(/[\\/]/)
      .pop()!
      .replace(/\.psrc$/i, '')
      .toLowerCase();
    const found = endpoint.roles.find((r) => r.name.toLowerCase() === base);
    if (found) roles.push(found);
    else missing.push(file);
  }
  return { roles, missing };
}

/** The capabilities a grant holds inline (VisibleCmdlets etc. in the RoleDefinitions entry). */
export function inlineCapabilities(grant: RoleGrant): CapabilityModel {
  const { roleCapabilities: _r, roleCapabilityFiles: _f, ...inline } = grant;
  void _r;
  void _f;
  return inline;
}

/** Whether a principal text matches a user or one of their groups (case-insensitive, as IsInRole). */
export function principalMatches(principal: string, user: string, groups: readonly string[]): boolean {
  const p = principal.toLowerCase();
  return p === user.toLowerCase() || groups.some((g) => g.toLowerCase() === p);
}
