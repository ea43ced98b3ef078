import { CapabilityModel, LanguageMode, SessionConfigurationModel } from '../jea/model';

/**
 * What a RestrictedRemoteServer session offers before any role (InitialSessionState.CreateRestricted,
 * as PowerShell 7.6 builds it; test/engine/effective.test.ts reads it from the engine): seven proxy
 * functions that keep only some parameters of their cmdlets, Clear-Host, and five aliases.
 */
export const RESTRICTED_REMOTE_SERVER: CapabilityModel = {
  visibleCmdlets: [
    { name: 'Exit-PSSession', parameters: [] },
    {
      name: 'Get-Command',
      parameters: ['Name', 'Module', 'ArgumentList', 'CommandType', 'ListImported', 'ShowCommandInfo'].map((name) => ({
        name,
      })),
    },
    { name: 'Get-FormatData', parameters: [{ name: 'TypeName' }, { name: 'PowerShellVersion' }] },
    {
      name: 'Get-Help',
      parameters: [
        { name: 'Name', validatePattern: '[-._:\\\\\\p{Ll}\\p{Lu}\\p{Lt}\\p{Lo}\\p{Nd}\\p{Lm}]{1,100}' },
        {
          name: 'Category',
          validateSet: [
            'None',
            'Alias',
            'Cmdlet',
            'Provider',
            'General',
            'FAQ',
            'Glossary',
            'HelpFile',
            'ScriptCommand',
            'Function',
            'Filter',
            'ExternalScript',
            'DefaultHelp',
            'Configuration',
            'DscResource',
            'Class',
            'All',
          ],
        },
      ],
    },
    { name: 'Measure-Object', parameters: [{ name: 'InputObject' }] },
    { name: 'Out-Default', parameters: [{ name: 'InputObject' }] },
    {
      name: 'Select-Object',
      parameters: [
        {
          name: 'Property',
          validateSet: [
            'ModuleName',
            'Namespace',
            'OutputType',
            'Count',
            'HelpUri',
            'Name',
            'CommandType',
            'ResolvedCommandName',
            'DefaultParameterSet',
            'CmdletBinding',
            'Parameters',
          ],
        },
        { name: 'InputObject' },
      ],
    },
  ],
  visibleFunctions: ['Clear-Host'],
  visibleAliases: ['cls', 'exsn', 'gcm', 'measure', 'select'],
};

/** Every command, alias and provider (a Default session that restricts nothing). */
const EVERYTHING: CapabilityModel = {
  visibleCmdlets: ['*'],
  visibleFunctions: ['*'],
  visibleAliases: ['*'],
  visibleProviders: ['*'],
  visibleExternalCommands: ['*'],
};

/** Whether any block restricts the visibility of commands (any Visible* list is given). */
export function visibilityApplied(blocks: readonly CapabilityModel[]): boolean {
  return blocks.some(
    (b) =>
      !!(
        b.visibleCmdlets?.length ||
        b.visibleFunctions?.length ||
        b.visibleAliases?.length ||
        b.visibleProviders?.length ||
        b.visibleExternalCommands?.length
      ),
  );
}

/**
 * The session type's own capabilities and language mode (DISCPowerShellConfiguration.GetInitialSessionState):
 * RestrictedRemoteServer starts from {@link RESTRICTED_REMOTE_SERVER} in NoLanguage; Empty starts from
 * nothing; Default (or no SessionType) starts from every command in FullLanguage, and once any
 * Visible* list is given only what is listed stays public, except providers, which stay public
 * unless VisibleProviders is given. LanguageMode, when set, wins.
 */
export function sessionDefaults(
  model: SessionConfigurationModel,
  blocks: readonly CapabilityModel[],
): { languageMode: LanguageMode; blocks: CapabilityModel[] } {
  const type = model.sessionType ?? 'Default';
  const languageMode = model.languageMode ?? (type === 'RestrictedRemoteServer' ? 'NoLanguage' : 'FullLanguage');
  if (type === 'RestrictedRemoteServer') return { languageMode, blocks: [RESTRICTED_REMOTE_SERVER] };
  if (type === 'Empty') return { languageMode, blocks: [] };
  if (!visibilityApplied(blocks)) return { languageMode, blocks: [EVERYTHING] };
  return { languageMode, blocks: blocks.some((b) => b.visibleProviders?.length) ? [] : [{ visibleProviders: ['*'] }] };
}
