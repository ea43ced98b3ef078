import { Field } from '../jea/codec';
import { CAPABILITY_FIELDS } from '../jea/capability-fields';
import {
  ModuleSpec,
  ParameterConstraint,
  RequiredGroups,
  RoleCapabilityModel,
  SessionConfigurationModel,
  VariableDefinition,
  VisibleCommand,
} from '../jea/model';
import { ROLE_CAPABILITY_FIELDS } from '../jea/role-capability';
import { SESSION_CONFIGURATION_FIELDS } from '../jea/session-configuration';
import { ScriptBlock } from '../psd1';
import { Change } from './finding';
import {
  changes,
  Diff,
  fieldDiff,
  FieldDiff,
  fieldStep,
  fold,
  keyed,
  name,
  orderedNames,
  plain,
  prose,
  record,
  scalar,
  stringSet,
  table,
  text,
} from './semantic';

/**
 * Semantic comparison of session configurations and role capabilities, on the model (so file
 * formatting, comments, encoding, key order and key case never count). Paths use the file keys:
 * `RoleDefinitions['CONTOSO\Ops'].RoleCapabilities`,
 * `VisibleCmdlets['Restart-Service'].Parameters['Name'].ValidateSet`.
 *
 * Sets: Visible* lists, providers, assemblies, RunAsVirtualAccountGroups, ValidateSet (names
 * case-insensitive). Keyed sets: commands (a bare name is "every parameter"; duplicates merge),
 * parameters, modules, alias/function/variable definitions, environment variables and
 * RoleDefinitions principals. Ordered: ScriptsToProcess, TypesToProcess, FormatsToProcess.
 * Defaults count as declared (RunAsVirtualAccount $false equals leaving it out). The GUID is not
 * compared: it identifies the file, it grants nothing.
 */

/** What a command without parameter constraints is shown as. */
export const EVERY_PARAMETER = '(every parameter)';

const parameter = record<ParameterConstraint>([
  fieldDiff('validateSet', 'ValidateSet', stringSet()),
  fieldDiff('validatePattern', 'ValidatePattern', scalar<string>()),
]);

const parameters = keyed<ParameterConstraint>({
  key: (p) => p.name,
  item: parameter,
  merge: (a, b) => ({
    name: a.name,
    ...(a.validateSet || b.validateSet ? { validateSet: [...(a.validateSet ?? []), ...(b.validateSet ?? [])] } : {}),
    ...((a.validatePattern ?? b.validatePattern) !== undefined
      ? { validatePattern: a.validatePattern ?? b.validatePattern }
      : {}),
  }),
});

const constraintsOf = (c: VisibleCommand) => (typeof c === 'string' ? undefined : c.parameters);

/** A visible command: a bare name allows every parameter; otherwise parameters compare by name. */
const command: Diff<VisibleCommand> = (d, a, path, out) => {
  const dp = d === undefined ? undefined : constraintsOf(d);
  const ap = a === undefined ? undefined : constraintsOf(a);
  const at = fieldStep(path, 'Parameters');
  if (dp && ap) parameters(dp, ap, at, out);
  else if (dp || ap)
    out.push({ path: at, declared: dp ? plain(dp) : EVERY_PARAMETER, actual: ap ? plain(ap) : EVERY_PARAMETER });
};

const commands = keyed<VisibleCommand>({
  key: (c) => (typeof c === 'string' ? c : c.name),
  item: command,
  // PowerShell merges entries of one command: a bare entry makes every parameter visible.
  merge: (a, b) => {
    const pa = constraintsOf(a);
    const pb = constraintsOf(b);
    return pa && pb
      ? { name: typeof a === 'string' ? a : a.name, parameters: [...pa, ...pb] }
      : typeof a === 'string'
        ? a
        : a.name;
  },
});

type ModuleObject = Exclude<ModuleSpec, string>;
const moduleObject = (m: ModuleSpec | undefined): ModuleObject | undefined =>
  typeof m === 'string' ? { moduleName: m } : m;
const moduleFields = record<ModuleObject>([
  fieldDiff('moduleVersion', 'ModuleVersion', scalar<string>()),
  fieldDiff('requiredVersion', 'RequiredVersion', scalar<string>()),
  fieldDiff('maximumVersion', 'MaximumVersion', scalar<string>()),
  fieldDiff('guid', 'GUID', name),
]);
const modules = keyed<ModuleSpec>({
  key: (m) => (typeof m === 'string' ? m : m.moduleName),
  item: (d, a, path, out) => moduleFields(moduleObject(d), moduleObject(a), path, out),
});

const variableValue = scalar<VariableDefinition['value']>((v) =>
  v instanceof ScriptBlock ? `{${prose(v.text)}}` : `${typeof v}:${String(v)}`,
);

/** A RequiredGroups condition as a canonical string: groups folded, And/Or children as sorted sets. */
export function canonicalGroups(g: RequiredGroups): string {
  if (typeof g === 'string') return fold(g);
  const [op, list] = 'and' in g ? ['AND', g.and] : ['OR', g.or];
  const parts = [...new Set(list.map(canonicalGroups))].sort();
  return parts.length === 1 ? parts[0] : `${op}(${parts.join(',')})`;
}

/** Fields that identify a file rather than grant anything: not compared. */
export const IGNORED_FIELDS: readonly string[] = ['guid'];

/** Pairs a codec table with comparisons; a field without one is a programming error caught at load. */
function withDiffs(fields: readonly Field[], diffs: Record<string, Diff<never>>): FieldDiff[] {
  return fields
    .filter((f) => !IGNORED_FIELDS.includes(f.prop))
    .map((f) => {
      const diff = diffs[f.prop];
      if (!diff) throw new Error(`drift: no comparison for field ${f.key}`);
      return fieldDiff(f.prop, f.key, diff);
    });
}

const CAPABILITY_DIFFS: Record<string, Diff<never>> = {
  modulesToImport: modules,
  visibleAliases: stringSet(),
  visibleCmdlets: commands,
  visibleFunctions: commands,
  visibleExternalCommands: stringSet(),
  visibleProviders: stringSet(),
  scriptsToProcess: orderedNames,
  aliasDefinitions: keyed<{ name: string }>({
    key: (x) => x.name,
    item: record([
      fieldDiff('value', 'Value', name),
      fieldDiff('description', 'Description', text),
      fieldDiff('options', 'Options', name),
    ]),
  }),
  functionDefinitions: keyed<{ name: string }>({
    key: (x) => x.name,
    item: record([fieldDiff('scriptBlock', 'ScriptBlock', text), fieldDiff('options', 'Options', name)]),
  }),
  variableDefinitions: keyed<{ name: string }>({
    key: (x) => x.name,
    item: record([fieldDiff('value', 'Value', variableValue)]),
  }),
  environmentVariables: table(scalar<string>()),
  typesToProcess: orderedNames,
  formatsToProcess: orderedNames,
  assembliesToLoad: stringSet(),
};

const DOCUMENT_DIFFS: Record<string, Diff<never>> = {
  author: text,
  description: text,
  companyName: text,
  copyright: text,
};

const grant = record([
  fieldDiff('roleCapabilities', 'RoleCapabilities', stringSet()),
  fieldDiff('roleCapabilityFiles', 'RoleCapabilityFiles', stringSet()),
  ...withDiffs(CAPABILITY_FIELDS, CAPABILITY_DIFFS),
]);

const SESSION_DIFFS: Record<string, Diff<never>> = {
  ...DOCUMENT_DIFFS,
  ...CAPABILITY_DIFFS,
  schemaVersion: scalar<string>(),
  sessionType: scalar<string>(undefined, 'Default'),
  transcriptDirectory: scalar<string>((p) => fold(p.replace(/\\+$/, ''))),
  runAsVirtualAccount: scalar<boolean>(undefined, false),
  runAsVirtualAccountGroups: stringSet(),
  mountUserDrive: scalar<boolean>(undefined, false),
  userDriveMaximumSize: scalar<number>(),
  groupManagedServiceAccount: name,
  roleDefinitions: keyed<readonly [string, object]>({
    key: (e) => e[0],
    show: (e) => e[1],
    item: (d, a, path, out) => grant(d?.[1], a?.[1], path, out),
  }),
  requiredGroups: scalar<RequiredGroups>(canonicalGroups),
  languageMode: scalar<string>(),
  executionPolicy: scalar<string>(),
  powerShellVersion: scalar<string>(),
  enforceInputParameterValidation: scalar<boolean>(undefined, false),
};

const sessionConfiguration = record<SessionConfigurationModel>(withDiffs(SESSION_CONFIGURATION_FIELDS, SESSION_DIFFS));
const roleCapability = record<RoleCapabilityModel>(
  withDiffs(ROLE_CAPABILITY_FIELDS, { ...DOCUMENT_DIFFS, ...CAPABILITY_DIFFS }),
);

/** The semantic differences of two session configurations, with paths below `path`. */
export function compareSessionConfiguration(
  declared: SessionConfigurationModel,
  actual: SessionConfigurationModel,
  path = '',
): Change[] {
  return changes(sessionConfiguration, declared, actual, path);
}

/** The semantic differences of two role capabilities, with paths below `path`. */
export function compareRoleCapability(declared: RoleCapabilityModel, actual: RoleCapabilityModel, path = ''): Change[] {
  return changes(roleCapability, declared, actual, path);
}
