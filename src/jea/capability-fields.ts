import { Psd1Value, PsHashtable, ScriptBlock } from '../psd1';
import { Codec, Field, field, list, record, text } from './codec';
import { Issues } from './issues';
import { hasWildcard } from './wildcard';
import {
  AliasDefinition,
  CommandRule,
  FunctionDefinition,
  ModuleSpec,
  ParameterConstraint,
  VariableDefinition,
  VisibleCommand,
} from './model';

const parameterRecord = record<ParameterConstraint>(
  [
    field('name', 'Name', text),
    field('validateSet', 'ValidateSet', list(text)),
    field('validatePattern', 'ValidatePattern', text),
  ],
  'a parameter constraint',
  ['name'],
);

/**
 * A parameter constraint. When a session opens, PowerShell applies ValidateSet and
 * ValidatePattern through a case-sensitive switch (InitialSessionState.ProcessCommandModification):
 * `validateset` is silently ignored and leaves the parameter unconstrained, so any other spelling
 * is refused here.
 */
const parameter: Codec<ParameterConstraint> = {
  decode: (v, issues) => {
    if (v instanceof PsHashtable) {
      for (const key of ['ValidateSet', 'ValidatePattern']) {
        const spelling = v.spellingOf(key);
        if (spelling !== undefined && spelling !== key) {
          issues
            .at(String(spelling))
            .add(
              v.get(key),
              `PowerShell only applies this constraint when the key is spelled exactly '${key}'; as written the parameter is not constrained`,
            );
        }
      }
    }
    return parameterRecord.decode(v, issues);
  },
  encode: (v) => parameterRecord.encode(v),
};

// PowerShell refuses a hashtable entry without Parameters (DISCCommandModificationSyntax in
// InitialSessionStateProvider.ProcessCommandModification); a plain name says "all parameters".
const commandRuleRecord = record<CommandRule>(
  [field('name', 'Name', text), field('parameters', 'Parameters', list(parameter))],
  'a command rule',
  ['name', 'parameters'],
);

/**
 * A command rule. PowerShell looks the Name of an entry with Parameters up as one command
 * (InitialSessionState.ProcessCommandModifications): a wildcard matches nothing and the entry is
 * skipped without a word, so the constraint never applies; refused here.
 */
const commandRule: Codec<CommandRule> = {
  decode: (v, issues) => {
    const rule = commandRuleRecord.decode(v, issues);
    if (rule && hasWildcard(rule.name)) {
      issues
        .at('Name')
        .add(
          rule.name,
          'a wildcard in the Name of an entry with Parameters matches no command: PowerShell skips the entry silently, so the constraint never applies; name one command per entry',
        );
    }
    return rule;
  },
  encode: (v) => commandRuleRecord.encode(v),
};

/** A visible cmdlet or function: a name, or `@{ Name = ...; Parameters = ... }`. */
export const visibleCommand: Codec<VisibleCommand> = {
  decode: (v, issues) => (typeof v === 'string' ? v : commandRule.decode(v, issues)),
  encode: (v) => (typeof v === 'string' ? v : commandRule.encode(v)),
};

const moduleSpecification = record<Exclude<ModuleSpec, string>>(
  [
    field('moduleName', 'ModuleName', text),
    field('moduleVersion', 'ModuleVersion', text),
    field('requiredVersion', 'RequiredVersion', text),
    field('maximumVersion', 'MaximumVersion', text),
    field('guid', 'GUID', text),
  ],
  'a module specification',
  ['moduleName'],
);

/** A module name or `@{ ModuleName = ...; ModuleVersion = ...; GUID = ... }`. */
export const moduleSpec: Codec<ModuleSpec> = {
  decode: (v, issues) => (typeof v === 'string' ? v : moduleSpecification.decode(v, issues)),
  encode: (v) => (typeof v === 'string' ? v : moduleSpecification.encode(v)),
};

/** Script block text: read from `{ ... }`, written back as a script block. */
export const scriptBlockText: Codec<string> = {
  decode: (v, issues) => (v instanceof ScriptBlock ? v.text : void issues.add(v, 'expected a script block { ... }')),
  encode: (v) => new ScriptBlock(v),
};

const aliasDefinition = record<AliasDefinition>(
  [
    field('name', 'Name', text),
    field('value', 'Value', text),
    field('description', 'Description', text),
    field('options', 'Options', text),
  ],
  'an alias definition',
  ['name', 'value'],
);

const functionDefinition = record<FunctionDefinition>(
  [
    field('name', 'Name', text),
    field('scriptBlock', 'ScriptBlock', scriptBlockText),
    field('options', 'Options', text),
  ],
  'a function definition',
  ['name', 'scriptBlock'],
);

const variableValue: Codec<VariableDefinition['value']> = {
  decode: (v, issues) =>
    typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof ScriptBlock
      ? v
      : void issues.add(v, 'expected a string, number, boolean or script block'),
  encode: (v) => v,
};

const variableDefinition = record<VariableDefinition>(
  [field('name', 'Name', text), field('value', 'Value', variableValue)],
  'a variable definition',
  ['name', 'value'],
);

/** `@{ NAME = 'value'; ... }` as a record of strings. */
export const environment: Codec<Readonly<Record<string, string>>> = {
  decode: (v: Psd1Value, issues: Issues) => {
    if (!(v instanceof PsHashtable)) return void issues.add(v, 'expected a hashtable of variable names and values');
    const out: Record<string, string> = {};
    for (const [k, x] of v.entries()) {
      if (typeof x === 'string') out[String(k)] = x;
      else issues.atKey(String(k)).add(x, 'expected a string');
    }
    return out;
  },
  encode: (v) => PsHashtable.from(Object.entries(v)),
};

/** The capability keys shared by .psrc files, .pssc files and RoleDefinitions entries, in New-PSRoleCapabilityFile's order. */
export const CAPABILITY_FIELDS: readonly Field[] = [
  field('modulesToImport', 'ModulesToImport', list(moduleSpec)),
  field('visibleAliases', 'VisibleAliases', list(text)),
  field('visibleCmdlets', 'VisibleCmdlets', list(visibleCommand)),
  field('visibleFunctions', 'VisibleFunctions', list(visibleCommand)),
  field('visibleExternalCommands', 'VisibleExternalCommands', list(text)),
  field('visibleProviders', 'VisibleProviders', list(text)),
  field('scriptsToProcess', 'ScriptsToProcess', list(text)),
  field('aliasDefinitions', 'AliasDefinitions', list(aliasDefinition)),
  field('functionDefinitions', 'FunctionDefinitions', list(functionDefinition)),
  field('variableDefinitions', 'VariableDefinitions', list(variableDefinition)),
  field('environmentVariables', 'EnvironmentVariables', environment),
  field('typesToProcess', 'TypesToProcess', list(text)),
  field('formatsToProcess', 'FormatsToProcess', list(text)),
  field('assembliesToLoad', 'AssembliesToLoad', list(text)),
];

/** The header keys of both file kinds. */
export const DOCUMENT_FIELDS: readonly Field[] = [
  field('guid', 'GUID', text),
  field('author', 'Author', text),
  field('description', 'Description', text),
  field('companyName', 'CompanyName', text),
  field('copyright', 'Copyright', text),
];
