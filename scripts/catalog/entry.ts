/**
 * A raw command turned into its catalog entry (the shape of src/catalog/commands.json): sets with
 * "every set" as an empty list, one position, mandatory in any set, pipeline input as one word,
 * and every empty or false field left out.
 */
import { ALL_SETS, RawCommand, RawParameter } from './model';

/** A parameter as commands.json stores it. */
export interface EntryParameter {
  readonly name: string;
  /** The 5.1 type for a command both versions have (JEA endpoints run Windows PowerShell 5.1). */
  readonly type: string;
  /** PowerShell 7's type, only where it differs from `type`. */
  readonly type7?: string;
  /** Omitted for every set. */
  readonly sets?: readonly string[];
  /** The lowest position of any set, when positional in one. */
  readonly position?: number;
  /** Mandatory in at least one set. */
  readonly mandatory?: true;
  readonly pipeline?: 'ByValue' | 'ByPropertyName' | 'ByValue,ByPropertyName';
  readonly aliases?: readonly string[];
  /** The version that alone has this parameter, for a command both versions have. */
  readonly only?: '5.1' | '7';
}

/** A command as commands.json stores it. */
export interface Entry {
  readonly module: string;
  readonly name: string;
  readonly kind: 'Cmdlet' | 'Function';
  /** PowerShell 7's kind, only where it differs from `kind` (5.1 script functions pwsh made cmdlets). */
  readonly kind7?: 'Cmdlet' | 'Function';
  readonly sources: readonly string[];
  /** Omitted for a command with one unnamed set. */
  readonly sets?: readonly string[];
  readonly defaultSet?: string;
  readonly parameters: readonly EntryParameter[];
}

/** A merged parameter before it becomes an entry: the raw facts plus the merge's marks. */
export interface MarkedParameter extends RawParameter {
  readonly type7?: string;
  readonly only?: '5.1' | '7';
}

/** The entry of a command from its (merged) raw form. */
export function toEntry(
  command: RawCommand,
  parameters: readonly MarkedParameter[],
  sources: readonly string[],
  kind7?: 'Cmdlet' | 'Function',
): Entry {
  const sets = command.sets.filter((s) => s !== ALL_SETS);
  const kind = command.kind ?? kind7 ?? 'Cmdlet';
  return {
    module: command.module,
    name: command.name,
    kind,
    ...(kind7 && kind7 !== kind && { kind7 }),
    sources,
    ...(sets.length && { sets }),
    ...(command.defaultSet && command.defaultSet !== ALL_SETS && { defaultSet: command.defaultSet }),
    parameters: parameters.map(toEntryParameter),
  };
}

/** The entry of one parameter. */
export function toEntryParameter(p: MarkedParameter): EntryParameter {
  const uses = Object.values(p.sets);
  const names = Object.keys(p.sets);
  const positions = uses.map((u) => u.position).filter((n): n is number => n !== undefined);
  const byValue = uses.some((u) => u.byValue);
  const byPropertyName = uses.some((u) => u.byPropertyName);
  const pipeline =
    byValue && byPropertyName
      ? 'ByValue,ByPropertyName'
      : byValue
        ? 'ByValue'
        : byPropertyName
          ? 'ByPropertyName'
          : undefined;
  return {
    name: p.name,
    type: p.type,
    ...(p.type7 && p.type7 !== p.type && { type7: p.type7 }),
    ...(!names.includes(ALL_SETS) && names.length && { sets: names }),
    ...(positions.length && { position: Math.min(...positions) }),
    ...(uses.some((u) => u.mandatory) && { mandatory: true as const }),
    ...(pipeline && { pipeline }),
    ...(p.aliases.length && { aliases: p.aliases }),
    ...(p.only && { only: p.only }),
  };
}
