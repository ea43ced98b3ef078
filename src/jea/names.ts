/**
 * Checks of the names a role capability declares. These are our policy (what a reviewer can
 * trust), stricter than PowerShell, which silently ignores a name that matches nothing.
 */

/** A module name (`DnsServer`, `Microsoft.PowerShell.LocalAccounts`), optionally with wildcards. */
const MODULE = /^[A-Za-z0-9_][A-Za-z0-9_.\-*?]*$/;
/** A cmdlet name: Verb-Noun, wildcards allowed (`Get-*`, `*-EventLog`). */
const VERB_NOUN = /^[A-Za-z*?[\]]+-[A-Za-z0-9_*?[\].]+$/;
/** A pure wildcard pattern (`*`), only as the command part after `Module\`. */
const WILDCARD_ONLY = /^[*?]+$/;
/** A function may also be one word (`TabExpansion2`, `help`). */
const WORD = /^[A-Za-z_*?][A-Za-z0-9_*?]*$/;

/** Why a cmdlet name is not `[Module\]Verb-Noun` (wildcards allowed), or undefined. */
export function cmdletNameProblem(name: string): string | undefined {
  return commandNameProblem(name, false);
}

/** Why a function name is not `[Module\]Verb-Noun` or `[Module\]Word`, or undefined. */
export function functionNameProblem(name: string): string | undefined {
  return commandNameProblem(name, true);
}

/** A command name split at its last `\`: `Module\Verb-Noun` into module and command. */
export function splitCommand(name: string): { module?: string; command: string } {
  const slash = name.lastIndexOf('\\');
  return slash < 0 ? { command: name } : { module: name.slice(0, slash), command: name.slice(slash + 1) };
}

function commandNameProblem(name: string, fn: boolean): string | undefined {
  const { module, command } = splitCommand(name);
  const allowed = fn ? 'Verb-Noun or a single word' : 'Verb-Noun';
  if (module !== undefined && !MODULE.test(module))
    return `'${module}' is not a module name (allowed: ${allowed}, optionally prefixed Module\\; wildcards * ? allowed)`;
  if (name.includes('/')) return `'/' does not separate a module from a command; use Module\\${allowed}`;
  const ok =
    VERB_NOUN.test(command) || (fn && WORD.test(command)) || (module !== undefined && WILDCARD_ONLY.test(command));
  if (!ok)
    return `not a ${fn ? 'function' : 'cmdlet'} name (allowed: ${allowed}, optionally prefixed Module\\; wildcards * ? allowed)`;
  return undefined;
}

/** Whether a path is absolute on Windows: `C:\...` or a UNC path `\\server\share\...`. */
export function isAbsoluteWindowsPath(path: string): boolean {
  return /^[A-Za-z]:\\/.test(path) || /^\\\\[^\\]+\\[^\\]+/.test(path);
}

/** Characters Windows refuses in a path (beyond the drive colon). */
export function windowsPathProblem(path: string): string | undefined {
  if (/[\u0000-\u001f"<>|]/.test(path)) return 'has characters Windows does not allow in a path';
  if (/[*?]/.test(path.replace(/^\\\\\?\\/, ''))) return 'has wildcard characters';
  if (path.slice(2).includes(':')) return "has ':' after the drive";
  return undefined;
}

/** A PowerShell provider name (`FileSystem`, `Registry`, `Environment`). */
export function providerNameProblem(name: string): string | undefined {
  return /^[A-Za-z][A-Za-z0-9_.]*$/.test(name) ? undefined : 'not a provider name (letters, digits, _ and . only)';
}

/** An alias name: no whitespace or characters PowerShell reserves. */
export function aliasNameProblem(name: string): string | undefined {
  return /^[A-Za-z0-9_\-?.*]+$/.test(name) ? undefined : 'not an alias name (letters, digits and _ - ? . * only)';
}

/** A variable name as VariableDefinitions takes it (no `$`). */
export function variableNameProblem(name: string): string | undefined {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? undefined : 'not a variable name (letters, digits and _, no $)';
}

/** A parameter name as in a VisibleCmdlets constraint (no leading `-`). */
export function parameterNameProblem(name: string): string | undefined {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name)
    ? undefined
    : 'not a parameter name (letters, digits and _, without the leading -)';
}

/** The file name of an external command path (`C:\Windows\System32\net.exe` is `net.exe`). */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}
