import { hasWildcard } from '../jea/wildcard';
import { Rule, RuleFinding } from './rule';
import { baseName, capabilityBlocks, commandName, findingIn, forEachCommand, quote, splitCommand } from './helpers';

/** A command that hands out administrator rights or runs arbitrary code, and why. */
export interface DangerousCommand {
  readonly name: string;
  /** The module that ships it (a `Module\*` pattern only takes in commands of that module). */
  readonly module: string;
  readonly why: string;
}

const ADMIN = 'makes any account an administrator, which leaves JEA behind';
const RUNS = 'runs any program or code as the run-as account (an administrator)';

/**
 * Cmdlets and functions that hand out administrator rights or arbitrary code execution. The first
 * part is the table of JEA's documentation (Security considerations of role capabilities); the
 * rest are well-known escapes of the same kind. Deliberately absent: helpdesk cmdlets that
 * change one account without granting rights (Set-ADAccountPassword, Unlock-ADAccount,
 * Set-LocalUser, New-LocalUser), Set-Service (no binary path in Windows PowerShell) and
 * Import-Module (visibility still applies to what it loads).
 */
export const DANGEROUS_COMMANDS: readonly DangerousCommand[] = [
  // JEA documentation: granting the connecting user admin rights
  { name: 'Add-LocalGroupMember', module: 'Microsoft.PowerShell.LocalAccounts', why: ADMIN },
  { name: 'Add-ADGroupMember', module: 'ActiveDirectory', why: ADMIN },
  // same effect as Add-ADGroupMember, from the member's side
  { name: 'Add-ADPrincipalGroupMembership', module: 'ActiveDirectory', why: ADMIN },
  // JEA documentation: running arbitrary code
  { name: 'Start-Process', module: 'Microsoft.PowerShell.Management', why: RUNS },
  { name: 'New-Service', module: 'Microsoft.PowerShell.Management', why: 'installs any program as a service running as SYSTEM' },
  { name: 'Invoke-Item', module: 'Microsoft.PowerShell.Management', why: RUNS },
  { name: 'Invoke-WmiMethod', module: 'Microsoft.PowerShell.Management', why: 'calls any WMI method, such as Win32_Process.Create, which runs any program' },
  { name: 'Invoke-CimMethod', module: 'CimCmdlets', why: 'calls any CIM method, such as Win32_Process.Create, which runs any program' },
  { name: 'Invoke-Expression', module: 'Microsoft.PowerShell.Utility', why: 'runs any text as code in the session' },
  { name: 'Invoke-Command', module: 'Microsoft.PowerShell.Core', why: 'runs script files or script blocks, locally or on other hosts, as the run-as account' },
  { name: 'New-ScheduledTask', module: 'ScheduledTasks', why: 'builds a task that runs any program' },
  { name: 'Register-ScheduledTask', module: 'ScheduledTasks', why: 'registers a task that runs any program, as SYSTEM if asked' },
  { name: 'Register-ScheduledJob', module: 'PSScheduledJob', why: 'registers a job that runs any script as the run-as account' },
  // the brief's additions
  { name: 'Enter-PSSession', module: 'Microsoft.PowerShell.Core', why: 'opens a session elsewhere (or an unrestricted endpoint) with the run-as credentials' },
  { name: 'New-PSSession', module: 'Microsoft.PowerShell.Core', why: 'opens sessions elsewhere (or an unrestricted endpoint) with the run-as credentials' },
  { name: 'Add-Type', module: 'Microsoft.PowerShell.Utility', why: 'compiles and loads any C# code into the session' },
  { name: 'Set-ExecutionPolicy', module: 'Microsoft.PowerShell.Security', why: 'lifts script restrictions for the whole machine' },
  // further escapes: changing an existing task's action runs code as the task's (often SYSTEM) account
  { name: 'Set-ScheduledTask', module: 'ScheduledTasks', why: "changes a task's action to any program" },
  // background jobs run in a new, unrestricted PowerShell process as the run-as account
  { name: 'Start-Job', module: 'Microsoft.PowerShell.Core', why: 'runs script in a new unrestricted PowerShell process as the run-as account' },
  // registering or changing an endpoint can publish an unrestricted one, run as an administrator
  { name: 'Register-PSSessionConfiguration', module: 'Microsoft.PowerShell.Core', why: 'registers an unrestricted endpoint' },
  { name: 'Set-PSSessionConfiguration', module: 'Microsoft.PowerShell.Core', why: "changes an endpoint's restrictions and run-as account" },
  // creating instances of __EventFilter/CommandLineEventConsumer is a permanent WMI subscription that runs as SYSTEM
  { name: 'Set-WmiInstance', module: 'Microsoft.PowerShell.Management', why: 'creates WMI event consumers that run any command as SYSTEM' },
  { name: 'New-CimInstance', module: 'CimCmdlets', why: 'creates WMI event consumers that run any command as SYSTEM' },
];

/**
 * External programs that do the same. From JEA's documentation: net.exe, dsadd.exe; the shells;
 * and the tools that start programs or change group membership or services (LOLBins).
 */
export const DANGEROUS_EXTERNAL_COMMANDS: Readonly<Record<string, string>> = {
  'net.exe': ADMIN,
  'net1.exe': ADMIN,
  'dsadd.exe': ADMIN,
  'dsmod.exe': ADMIN,
  'cmd.exe': 'is a shell: it runs any program',
  'powershell.exe': 'is an unrestricted PowerShell: it runs any code',
  'powershell_ise.exe': 'is an unrestricted PowerShell: it runs any code',
  'pwsh.exe': 'is an unrestricted PowerShell: it runs any code',
  'sc.exe': "creates services or changes a service's binary path, which then runs as SYSTEM",
  'schtasks.exe': 'creates tasks that run any program, as SYSTEM if asked',
  'at.exe': 'schedules any program as SYSTEM',
  'wmic.exe': "runs any program ('process call create')",
  'wscript.exe': 'runs any script',
  'cscript.exe': 'runs any script',
  'mshta.exe': 'runs any script',
  'rundll32.exe': 'runs code from any DLL',
  'regsvr32.exe': 'runs code from any DLL or scriptlet',
  'msiexec.exe': 'installs any package, running its custom actions as SYSTEM',
  'reg.exe': 'writes Run keys and service image paths, which run as SYSTEM',
  'bitsadmin.exe': "runs any program when a job completes ('/SetNotifyCmdLine')",
  'forfiles.exe': "runs any command ('/c')",
  'psexec.exe': 'runs any program, as SYSTEM if asked',
  'psexec64.exe': 'runs any program, as SYSTEM if asked',
  'winrs.exe': 'runs any command through WinRM',
  'wsl.exe': 'runs any program in a Linux distribution',
  'bash.exe': 'runs any program in a Linux distribution',
};

/** Built-in aliases (Windows PowerShell 5.1) of the commands above. */
export const DANGEROUS_ALIASES: Readonly<Record<string, string>> = {
  iex: 'Invoke-Expression',
  saps: 'Start-Process',
  start: 'Start-Process',
  icm: 'Invoke-Command',
  etsn: 'Enter-PSSession',
  nsn: 'New-PSSession',
  ii: 'Invoke-Item',
  sajb: 'Start-Job',
  iwmi: 'Invoke-WmiMethod',
};

/** The dangerous command a command name (no wildcards) stands for: a cmdlet (module-qualified or not). */
export function dangerousCommand(name: string): DangerousCommand | undefined {
  const { module, command } = splitCommand(name.trim());
  return DANGEROUS_COMMANDS.find((d) => d.name.toLowerCase() === command.toLowerCase() && (module === undefined || module.toLowerCase() === d.module.toLowerCase()));
}

/** The reason an external command (full path or bare name, `.exe` optional) is dangerous, if it is. */
export function dangerousExternal(path: string): { exe: string; why: string } | undefined {
  let exe = baseName(path.trim()).toLowerCase();
  if (!exe.endsWith('.exe')) exe += '.exe';
  const why = DANGEROUS_EXTERNAL_COMMANDS[exe];
  return why ? { exe, why } : undefined;
}

/** What a command text (a cmdlet, an external command or a built-in alias) is dangerous as, if it is. */
export function dangerousTarget(value: string): string | undefined {
  const cmd = dangerousCommand(value);
  if (cmd) return `${cmd.name} ${cmd.why}`;
  const alias = DANGEROUS_ALIASES[value.trim().toLowerCase()];
  if (alias) return `${alias} ${dangerousCommand(alias)!.why}`;
  const ext = dangerousExternal(value);
  return ext ? `${ext.exe} ${ext.why}` : undefined;
}

/**
 * JEA001: a visible cmdlet, function, alias or external command that hands out administrator
 * rights or arbitrary code ({@link DANGEROUS_COMMANDS}, {@link DANGEROUS_EXTERNAL_COMMANDS},
 * {@link DANGEROUS_ALIASES}), by name, module-qualified name, full path, or an alias defined to
 * one. Wildcards that take these in are JEA002's.
 */
export const JEA001: Rule = {
  id: 'JEA001',
  severity: 'error',
  title: 'A visible command hands out administrator rights or runs arbitrary code',
  help:
    'Commands such as Start-Process, Invoke-Expression, Add-LocalGroupMember or net.exe let a JEA user leave the role behind: ' +
    'they run any program or make the user an administrator, as the privileged run-as account. Remove them; ' +
    'expose the one task the role needs as a function with fixed arguments instead.',
  check(policy) {
    const out: RuleFinding[] = [];
    for (const block of capabilityBlocks(policy)) {
      const m = block.model;
      const definedFunctions = new Set((m.functionDefinitions ?? []).map((f) => f.name.toLowerCase()));
      const definedAliases = new Set((m.aliasDefinitions ?? []).map((a) => a.name.toLowerCase()));
      forEachCommand(m, (entry, list, i) => {
        const name = commandName(entry);
        if (!name || hasWildcard(name)) return;
        const d = dangerousCommand(name);
        if (!d) return;
        if (list === 'VisibleFunctions' && definedFunctions.has(splitCommand(name).command.toLowerCase())) return;
        const hint = list === 'VisibleFunctions' && splitCommand(name).module === undefined ? ` (if it is your own proxy function, qualify it with its module: MyModule\\${d.name})` : '';
        const constrained = typeof entry !== 'string' && entry.parameters?.length ? '; parameter constraints do not make it safe' : '';
        out.push(
          findingIn(
            block,
            typeof entry === 'string' ? [list, i] : [list, i, 'Name'],
            `${list} ${quote(name)}: ${d.name} ${d.why}${constrained}. Remove it and expose the one task as a function with fixed arguments${hint}`,
          ),
        );
      });
      (m.visibleExternalCommands ?? []).forEach((path, i) => {
        if (hasWildcard(path)) return;
        const ext = dangerousExternal(path);
        if (ext) out.push(findingIn(block, ['VisibleExternalCommands', i], `VisibleExternalCommands ${quote(path)}: ${ext.exe} ${ext.why}. Remove it and expose the one task as a function with fixed arguments`));
      });
      (m.visibleAliases ?? []).forEach((alias, i) => {
        if (hasWildcard(alias) || definedAliases.has(alias.toLowerCase())) return;
        const target = DANGEROUS_ALIASES[alias.toLowerCase()];
        if (target) {
          out.push(findingIn(block, ['VisibleAliases', i], `VisibleAliases ${quote(alias)} is ${target}, which ${dangerousCommand(target)!.why}. Remove the alias (and the command)`));
        }
      });
      (m.aliasDefinitions ?? []).forEach((alias, i) => {
        const why = alias.value ? dangerousTarget(alias.value) : undefined;
        if (why) out.push(findingIn(block, ['AliasDefinitions', i, 'Value'], `AliasDefinitions ${quote(alias.name)} stands for ${quote(alias.value)}: ${why}. Remove the alias`));
      });
    }
    return out;
  },
};
