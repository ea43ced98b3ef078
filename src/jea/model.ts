/**
 * The engine-agnostic model of JEA role capabilities and session configurations. A construct's
 * props and a parsed .psrc/.pssc both become these objects, which is what makes drift, import
 * and review exact. Field names follow the file keys in camelCase.
 */
import { ScriptBlock } from '../psd1';

/** A constraint on one parameter of a visible cmdlet or function. */
export interface ParameterConstraint {
  /** The parameter name, without `-`. */
  readonly name: string;
  /** The only values the parameter accepts (compared case-insensitively by PowerShell). */
  readonly validateSet?: readonly string[];
  /** A .NET regular expression every value must match (case-insensitive). */
  readonly validatePattern?: string;
}

/** A visible cmdlet or function with parameter constraints. */
export interface CommandRule {
  /** `[Module\]Verb-Noun`, wildcards allowed. */
  readonly name: string;
  /** The only parameters that may be used; absent means every parameter. */
  readonly parameters?: readonly ParameterConstraint[];
}

/** A visible cmdlet or function: a name, or a name with parameter constraints. */
export type VisibleCommand = string | CommandRule;

/** A module to import: its name, or a module specification. */
export type ModuleSpec =
  | string
  | {
      readonly moduleName: string;
      readonly moduleVersion?: string;
      readonly requiredVersion?: string;
      readonly maximumVersion?: string;
      readonly guid?: string;
    };

/** An alias defined in the session. */
export interface AliasDefinition {
  /** The alias name. */
  readonly name: string;
  /** The command the alias stands for. */
  readonly value: string;
  /** What the alias is for. */
  readonly description?: string;
  /** ScopedItemOptions: None, ReadOnly, Constant, Private, AllScope. */
  readonly options?: string;
}

/** A function defined in the session: its name and the text of its body. */
export interface FunctionDefinition {
  /** The function name (Verb-Noun). */
  readonly name: string;
  /** The script block's text, between the braces. */
  readonly scriptBlock: string;
  /** ScopedItemOptions: None, ReadOnly, Constant, Private, AllScope. */
  readonly options?: string;
}

/** A variable defined in the session: a constant, or a script block evaluated at start. */
export interface VariableDefinition {
  /** The variable name, without `$`. */
  readonly name: string;
  /** Its value: a constant, or a script block evaluated when the session starts. */
  readonly value: string | number | boolean | ScriptBlock;
}

/** What a role capability (.psrc) and the capability part of a session configuration (.pssc) hold. */
export interface CapabilityModel {
  /** Modules the session imports (names, or specifications with a version). @default none */
  readonly modulesToImport?: readonly ModuleSpec[];
  /** Aliases the user may run (built-in or defined in AliasDefinitions). @default none */
  readonly visibleAliases?: readonly string[];
  /** Cmdlets the user may run: a name (`Module\\Verb-Noun`) or a name with parameter constraints. @default none */
  readonly visibleCmdlets?: readonly VisibleCommand[];
  /** Functions the user may run, the same way; defined functions are visible only when listed here (if any role lists one). @default none */
  readonly visibleFunctions?: readonly VisibleCommand[];
  /** External programs and scripts the user may run, by full path. @default none */
  readonly visibleExternalCommands?: readonly string[];
  /** Providers the user may use (FileSystem, Registry, ...); none keeps path-based cmdlets from reaching any drive. @default none */
  readonly visibleProviders?: readonly string[];
  /** Scripts run when the session starts, as the run-as account. @default none */
  readonly scriptsToProcess?: readonly string[];
  /** Aliases defined in the session. @default none */
  readonly aliasDefinitions?: readonly AliasDefinition[];
  /** Functions defined in the session (they run in FullLanguage). @default none */
  readonly functionDefinitions?: readonly FunctionDefinition[];
  /** Variables defined in the session. @default none */
  readonly variableDefinitions?: readonly VariableDefinition[];
  /** Environment variables set in the session. @default none */
  readonly environmentVariables?: Readonly<Record<string, string>>;
  /** Types files (.ps1xml) loaded into the session. @default none */
  readonly typesToProcess?: readonly string[];
  /** Format files (.ps1xml) loaded into the session. @default none */
  readonly formatsToProcess?: readonly string[];
  /** Assemblies loaded into the session. @default none */
  readonly assembliesToLoad?: readonly string[];
}

/** Who wrote a file and what it is for (the header keys of both file kinds). */
export interface DocumentInfo {
  readonly guid?: string;
  readonly author?: string;
  readonly description?: string;
  readonly companyName?: string;
  readonly copyright?: string;
}

/** A role capability file (.psrc). */
export interface RoleCapabilityModel extends DocumentInfo, CapabilityModel {}

/** Session types of New-PSSessionConfigurationFile. */
export const SESSION_TYPES = ['RestrictedRemoteServer', 'Empty', 'Default'] as const;
/** A session type. */
export type SessionType = (typeof SESSION_TYPES)[number];

/** PowerShell language modes. */
export const LANGUAGE_MODES = ['NoLanguage', 'RestrictedLanguage', 'ConstrainedLanguage', 'FullLanguage'] as const;
/** A language mode. */
export type LanguageMode = (typeof LANGUAGE_MODES)[number];

/** Execution policies. */
export const EXECUTION_POLICIES = [
  'Unrestricted',
  'RemoteSigned',
  'AllSigned',
  'Restricted',
  'Default',
  'Bypass',
  'Undefined',
] as const;
/** An execution policy. */
export type ExecutionPolicy = (typeof EXECUTION_POLICIES)[number];

/** What a RoleDefinitions entry grants one principal: role capability names, files, or inline capabilities. */
export interface RoleGrant extends CapabilityModel {
  /** Names of role capabilities, found in RoleCapabilities folders of modules on PSModulePath. */
  readonly roleCapabilities?: readonly string[];
  /** Paths of .psrc files (PowerShell 6+ and Windows PowerShell 5.1 with WMF 5.1). */
  readonly roleCapabilityFiles?: readonly string[];
}

/** A RequiredGroups condition: a group, or all (and) / any (or) of several conditions. */
export type RequiredGroups =
  string | { readonly and: readonly RequiredGroups[] } | { readonly or: readonly RequiredGroups[] };

/** A session configuration file (.pssc). */
export interface SessionConfigurationModel extends DocumentInfo, CapabilityModel {
  /** Always '2.0.0.0' for files we write. */
  readonly schemaVersion?: string;
  readonly sessionType?: SessionType;
  readonly transcriptDirectory?: string;
  readonly runAsVirtualAccount?: boolean;
  readonly runAsVirtualAccountGroups?: readonly string[];
  readonly groupManagedServiceAccount?: string;
  readonly mountUserDrive?: boolean;
  /** Bytes. */
  readonly userDriveMaximumSize?: number;
  /** Principal -> grant, in declaration order. */
  readonly roleDefinitions?: readonly (readonly [string, RoleGrant])[];
  readonly requiredGroups?: RequiredGroups;
  readonly languageMode?: LanguageMode;
  readonly executionPolicy?: ExecutionPolicy;
  readonly powerShellVersion?: string;
  /** Validate parameters of visible commands even without constraints (forced on with MountUserDrive). */
  readonly enforceInputParameterValidation?: boolean;
}
