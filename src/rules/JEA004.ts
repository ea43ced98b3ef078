import { pathText } from '../psd1/writer';
import { Rule, RuleFinding } from './rule';
import {
  CapabilityBlock,
  commandName,
  commandPatternMatches,
  findingIn,
  forEachCommand,
  holderScopes,
  listSome,
  quote,
} from './helpers';

/** Item cmdlets that write through a provider (Microsoft.PowerShell.Management unless noted). */
const WRITE_ITEM_CMDLETS = [
  'Remove-Item',
  'Set-Content',
  'Add-Content',
  'Clear-Content',
  'Copy-Item',
  'Move-Item',
  'New-Item',
  'Rename-Item',
  'Set-Item',
  'Clear-Item',
  'Set-ItemProperty',
  'New-ItemProperty',
  'Remove-ItemProperty',
  'Rename-ItemProperty',
  'Copy-ItemProperty',
  'Move-ItemProperty',
  'Clear-ItemProperty',
];

/**
 * Item cmdlets that read through a provider. Reading is a leak too: the run-as account is an
 * administrator, so these read any file, registry key or variable the role was never meant to see
 * (credentials in scripts and unattend files, other users' transcripts).
 */
const READ_ITEM_CMDLETS = ['Get-Content', 'Get-Item', 'Get-ChildItem', 'Get-ItemProperty', 'Get-ItemPropertyValue'];

/** Every item cmdlet this rule looks for, with its module. */
export const ITEM_CMDLETS: readonly { readonly name: string; readonly module: string; readonly writes: boolean }[] = [
  ...WRITE_ITEM_CMDLETS.map((name) => ({ name, module: 'Microsoft.PowerShell.Management', writes: true })),
  { name: 'Out-File', module: 'Microsoft.PowerShell.Utility', writes: true },
  ...READ_ITEM_CMDLETS.map((name) => ({ name, module: 'Microsoft.PowerShell.Management', writes: false })),
  { name: 'Select-String', module: 'Microsoft.PowerShell.Utility', writes: false },
];

/**
 * Providers over the host's own stores: as the administrator run-as account, reading them leaks
 * secrets (unattend.xml, web.config, private keys) and writing them runs code (Run keys, service
 * image paths, WinRM endpoint settings), so with item cmdlets they are an error, not a warning.
 */
const ADMIN_STORES = new Set(['filesystem', 'registry', 'certificate', 'wsman']);

/** The item cmdlets a set of blocks makes visible (wildcards included). */
function itemCmdlets(blocks: readonly CapabilityBlock[]): typeof ITEM_CMDLETS {
  const patterns: string[] = [];
  for (const b of blocks) forEachCommand(b.model, (entry) => patterns.push(commandName(entry)));
  return ITEM_CMDLETS.filter((c) => patterns.some((p) => p && commandPatternMatches(p, c)));
}

/**
 * JEA004: a provider made visible together with item cmdlets for the same principal, across all
 * of its roles, its inline grant and the endpoint's session level (each endpoint's RoleDefinitions
 * principal on its own; a role also on its own). Reported at the provider entry, once; an error
 * for the FileSystem, Registry, Certificate and WSMan providers.
 */
export const JEA004: Rule = {
  id: 'JEA004',
  severity: 'warning',
  title: 'A provider visible together with item cmdlets',
  help:
    'With a provider (FileSystem, Registry, Function, ...) visible, item cmdlets such as Set-Content, Copy-Item or Get-Content work ' +
    'on any path as the privileged run-as account: writing scripts, Run keys or functions runs code, reading leaks secrets. ' +
    'Remove the provider and expose the one file operation as a function with a fixed path.',
  check(policy) {
    const out = new Map<string, RuleFinding>();
    for (const scope of holderScopes(policy)) {
      const cmdlets = itemCmdlets(scope.blocks);
      if (cmdlets.length === 0) continue;
      const writes = cmdlets.some((c) => c.writes);
      for (const block of scope.blocks) {
        (block.model.visibleProviders ?? []).forEach((provider, i) => {
          const f = findingIn(
            block,
            ['VisibleProviders', i],
            `VisibleProviders ${quote(provider)} is visible to ${scope.who} together with ${listSome(cmdlets.map((c) => c.name))}: ` +
              `${writes ? 'they write' : 'they read'} any ${provider} path as the run-as account; remove the provider and expose the one operation as a function with a fixed path`,
            ADMIN_STORES.has(provider.toLowerCase()) ? 'error' : undefined,
          );
          const key = `${f.source.file}|${pathText(f.path)}`;
          if (!out.has(key)) out.set(key, f);
        });
      }
    }
    return [...out.values()];
  },
};
