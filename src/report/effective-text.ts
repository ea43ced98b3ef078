import { EffectiveResult } from '../effective/effective';
import { EffectiveCommand, EffectiveParameter } from '../effective/merge';

/** One parameter's constraint as a reviewer reads it: a set `Dns|W32Time`, a pattern in slashes, both joined by `and`, or `(any value)`. */
export function constraintText(p: EffectiveParameter): string {
  const parts = [
    ...(p.validateSet ? [p.validateSet.join('|')] : []),
    ...(p.validatePattern ? [`/${p.validatePattern.join('/ or /')}/`] : []),
  ];
  return parts.length ? ` ${parts.join(' and ')}` : ' (any value)';
}

/** One command as a reviewer reads it: `Restart-Service -Name Dns|W32Time -Force (any value)`. */
export function commandText(c: EffectiveCommand): string {
  const also = c.alsoUnconstrained
    ? ' (also with any parameters: listed unconstrained too, JEA makes the command itself public)'
    : '';
  if (!c.parameters) return `${c.name} (any parameters)`;
  if (c.parameters.length === 0) return `${c.name} (no parameters)${also}`;
  return `${c.name} ${c.parameters.map((p) => `-${p.name}${constraintText(p)}`).join(' ')}${also}`;
}

/** `jeajit effective` as text. */
export function effectiveText(endpoint: string, user: string, result: EffectiveResult): string {
  const lines: string[] = [];
  if (result.deniedBy) return `${user} has no access to ${endpoint}: RequiredGroups need ${result.deniedBy}.\n`;
  if (result.sessionFails) return `${user} cannot use ${endpoint}: ${result.sessionFails}.\n`;
  if (result.matchedPrincipals.length === 0)
    return `${user} has no role on ${endpoint}: no RoleDefinitions entry names the user or their groups.\n`;
  const r = result.rights;
  lines.push(`${user} on ${endpoint}`);
  lines.push(`  through: ${result.matchedPrincipals.join(', ')}`);
  lines.push(`  roles: ${r.roles.join(', ') || '(inline capabilities only)'}`);
  if (result.missingRoles.length)
    lines.push(
      `  provided on the host, not known here (their rights are not shown): ${result.missingRoles.join(', ')}`,
    );
  if (r.languageMode !== 'NoLanguage')
    lines.push(`  language mode: ${r.languageMode} (the user can write script, not only run the commands below)`);
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
