import { EffectiveResult } from '../effective/effective';
import { EffectiveCommand } from '../effective/merge';

/** One command as a reviewer reads it: `Restart-Service -Name Dns|W32Time -Force`. */
export function commandText(c: EffectiveCommand): string {
  if (!c.parameters) return `${c.name} (any parameters)`;
  if (c.parameters.length === 0) return `${c.name} (no parameters)`;
  const params = c.parameters.map((p) => {
    if (p.validateSet) return `-${p.name} ${p.validateSet.join('|')}`;
    if (p.validatePattern) return `-${p.name} /${p.validatePattern.join('/ or /')}/`;
    return `-${p.name} (any value)`;
  });
  return `${c.name} ${params.join(' ')}`;
}

/** `jeajit effective` as text. */
export function effectiveText(endpoint: string, user: string, result: EffectiveResult): string {
  const lines: string[] = [];
  if (result.deniedBy) return `${user} cannot connect to ${endpoint}: RequiredGroups need ${result.deniedBy}.\n`;
  if (result.matchedPrincipals.length === 0) return `${user} has no role on ${endpoint}: no RoleDefinitions entry names the user or their groups.\n`;
  const r = result.rights;
  lines.push(`${user} on ${endpoint}`);
  lines.push(`  through: ${result.matchedPrincipals.join(', ')}`);
  lines.push(`  roles: ${r.roles.join(', ') || '(inline capabilities only)'}`);
  if (result.missingRoles.length) lines.push(`  not found (these grant nothing): ${result.missingRoles.join(', ')}`);
  const section = (title: string, items: readonly string[]) => {
    if (items.length) lines.push(`  ${title}:`, ...items.map((i) => `    ${i}`));
  };
  section('cmdlets', r.visibleCmdlets.map(commandText));
  section('functions', r.visibleFunctions.map(commandText));
  section('external commands', r.visibleExternalCommands);
  section('aliases', r.visibleAliases);
  section('providers', r.visibleProviders);
  section('scripts run at start', r.scriptsToProcess);
  return lines.join('\n') + '\n';
}
