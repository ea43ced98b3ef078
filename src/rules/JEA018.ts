import { Rule, RuleFinding } from './rule';
import { finding, quote } from './helpers';

/**
 * JEA018: two modules on the role path provide a role capability of the same name. JEA takes the
 * first `<Module>\RoleCapabilities\<Role>.psrc` it finds, in PSModulePath and directory order
 * (GetRoleCapabilityPath in InitialSessionStateProvider.cs), so which file a user gets is an
 * accident of layout, and a second module can shadow the declared role.
 */
export const JEA018: Rule = {
  id: 'JEA018',
  severity: 'error',
  title: 'Two modules provide a role capability of the same name',
  help: 'JEA loads the first role of that name it finds on PSModulePath, in directory order. Rename one of the roles, or remove the module that should not provide it.',
  check(policy) {
    const out: RuleFinding[] = [];
    const byName = new Map<string, { module?: string; file: string }[]>();
    for (const role of policy.roles ?? []) {
      if (role.unreachable || role.module === undefined) continue;
      const key = role.name.toLowerCase();
      const list = byName.get(key) ?? [];
      if (!list.some((r) => r.module?.toLowerCase() === role.module!.toLowerCase()))
        list.push({ module: role.module, file: role.source.file });
      byName.set(key, list);
    }
    for (const role of policy.roles ?? []) {
      const others = (byName.get(role.name.toLowerCase()) ?? []).filter(
        (r) => r.module?.toLowerCase() !== role.module?.toLowerCase(),
      );
      if (role.unreachable || role.module === undefined || others.length === 0) continue;
      out.push(
        finding(
          role.source,
          [],
          `role ${quote(role.name)} of module ${quote(role.module)} is also provided by ${others.map((o) => `module ${quote(o.module!)} (${o.file})`).join(', ')}: JEA loads whichever it finds first on PSModulePath`,
        ),
      );
    }
    return out;
  },
};
