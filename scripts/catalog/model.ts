/**
 * The raw shape every source of the command catalog is read into before the merge: a command with
 * its parameter sets, and each parameter with what it does in each set. pwsh and the platyPS
 * docs both fit it, so that one merge and one normalization serve all sources.
 */

/** The set name PowerShell gives a parameter declared in every set ("(All)" in the docs). */
export const ALL_SETS = '__AllParameterSets';

/** What a parameter does in one parameter set. */
export interface RawSetUse {
  readonly mandatory: boolean;
  /** The position when positional in this set. */
  readonly position?: number;
  readonly byValue: boolean;
  readonly byPropertyName: boolean;
}

/** A parameter as a source declares it. */
export interface RawParameter {
  readonly name: string;
  /** The short type name (see normalizeTypeName). */
  readonly type: string;
  readonly aliases: readonly string[];
  /** Set name ({@link ALL_SETS} for every set) to its use there. */
  readonly sets: Readonly<Record<string, RawSetUse>>;
  /** True when a docs page shows it only in a syntax block, without its own section. */
  readonly syntaxOnly?: true;
}

/** A command as a source declares it. */
export interface RawCommand {
  readonly module: string;
  readonly name: string;
  /** Cmdlet or Function, when the source knows. */
  readonly kind?: 'Cmdlet' | 'Function';
  /** The parameter set names in the source's order ([{@link ALL_SETS}] for a single unnamed set). */
  readonly sets: readonly string[];
  readonly defaultSet?: string;
  /** In declaration order (for the docs: the order of the syntax blocks). */
  readonly parameters: readonly RawParameter[];
}

/** The parameters every cmdlet gets from PowerShell, left out of the catalog (and WhatIf/Confirm). */
export const COMMON_PARAMETERS: ReadonlySet<string> = new Set(
  [
    'Verbose',
    'Debug',
    'ErrorAction',
    'WarningAction',
    'InformationAction',
    'ErrorVariable',
    'WarningVariable',
    'InformationVariable',
    'OutVariable',
    'OutBuffer',
    'PipelineVariable',
    'ProgressAction',
    'WhatIf',
    'Confirm',
  ].map((n) => n.toLowerCase()),
);

/** Whether a parameter name is a common parameter (case-insensitive). */
export function isCommonParameter(name: string): boolean {
  return COMMON_PARAMETERS.has(name.toLowerCase());
}
