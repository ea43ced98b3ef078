import { scanCode } from '../psd1/code-scanner';
import { checkDotNetRegex } from './dotnet-regex';
import { isGuid } from './guid';
import { Issues } from './issues';
import { CapabilityModel, VisibleCommand } from './model';
import {
  aliasNameProblem,
  cmdletNameProblem,
  functionNameProblem,
  isAbsoluteWindowsPath,
  parameterNameProblem,
  providerNameProblem,
  variableNameProblem,
  windowsPathProblem,
} from './names';
import { wildcardMatch } from './wildcard';

/** The declaration-time checks that have a rule of the same meaning, and may be deferred to it. */
export const DEFERRABLE_CHECKS = ['JEA003', 'JEA008'] as const;
/** One of {@link DEFERRABLE_CHECKS}. */
export type DeferrableCheck = (typeof DEFERRABLE_CHECKS)[number];

/**
 * A declaration-time check deferred to the rule of the same id, with the reason: the construct
 * is created, and the rule reports the problem at synth and in lint (as for imported files).
 */
export interface PolicyException {
  /** The rule whose check is deferred (JEA003, JEA008). */
  readonly ruleId: DeferrableCheck;
  /** Why the exception is accepted; shown in every report. */
  readonly reason: string;
}

/** The rule ids whose checks are deferred. */
export type PolicyExceptions = ReadonlySet<string>;
const NONE: PolicyExceptions = new Set();

/** Validates exceptions (known ids, a reason each) and returns the deferred ids. */
export function policyExceptions(list: readonly PolicyException[] | undefined, issues: Issues): PolicyExceptions {
  (list ?? []).forEach((e, i) => {
    if (!(DEFERRABLE_CHECKS as readonly string[]).includes(e.ruleId))
      issues
        .at('policyExceptions')
        .at(i)
        .add(e.ruleId, `allowed: ${DEFERRABLE_CHECKS.join(', ')}`);
    if (!e.reason?.trim()) issues.at('policyExceptions').at(i).add(e, 'a policy exception needs a reason');
  });
  return new Set((list ?? []).map((e) => e.ruleId));
}

/** ScopedItemOptions values for AliasDefinitions and FunctionDefinitions. */
export const SCOPED_ITEM_OPTIONS = ['None', 'ReadOnly', 'Constant', 'Private', 'AllScope'] as const;

/**
 * Checks the capability part of a declaration against jeajit's policy (stricter than PowerShell,
 * which silently ignores what it cannot use): well-formed names, absolute external command
 * paths, patterns .NET accepts, script blocks
 * that are self-contained, and every defined function made visible.
 */
export function checkCapability(model: CapabilityModel, issues: Issues, exceptions: PolicyExceptions = NONE): void {
  checkCommands(model.visibleCmdlets, issues.at('VisibleCmdlets'), cmdletNameProblem);
  checkCommands(model.visibleFunctions, issues.at('VisibleFunctions'), functionNameProblem);
  if (!exceptions.has('JEA003')) {
    model.visibleExternalCommands?.forEach((path, i) =>
      checkAbsolutePath(path, issues.at('VisibleExternalCommands').at(i), 'an external command'),
    );
  }
  model.visibleProviders?.forEach((name, i) =>
    problem(issues.at('VisibleProviders').at(i), name, providerNameProblem(name)),
  );
  model.visibleAliases?.forEach((name, i) => problem(issues.at('VisibleAliases').at(i), name, aliasNameProblem(name)));
  for (const key of ['scriptsToProcess', 'typesToProcess', 'formatsToProcess'] as const) {
    const at = issues.at(key[0].toUpperCase() + key.slice(1));
    model[key]?.forEach((path, i) => problem(at.at(i), path, windowsPathProblem(path)));
  }
  model.modulesToImport?.forEach((spec, i) => {
    const at = issues.at('ModulesToImport').at(i);
    const name = typeof spec === 'string' ? spec : spec.moduleName;
    if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(name) && !isAbsoluteWindowsPath(name))
      at.add(name, 'not a module name or an absolute module path');
    if (typeof spec !== 'string') {
      for (const v of ['moduleVersion', 'requiredVersion', 'maximumVersion'] as const) {
        const value = spec[v];
        if (value !== undefined && !/^\d+(\.\d+){1,3}$/.test(value))
          at.at(v[0].toUpperCase() + v.slice(1)).add(value, 'not a version (allowed: 1.0 to 1.0.0.0)');
      }
      if (spec.guid !== undefined && !isGuid(spec.guid))
        at.at('GUID').add(spec.guid, 'not a GUID (8-4-4-4-12 hexadecimal digits)');
    }
  });
  model.aliasDefinitions?.forEach((alias, i) => {
    const at = issues.at('AliasDefinitions').at(i);
    problem(at.at('Name'), alias.name, aliasNameProblem(alias.name));
    checkOptions(alias.options, at.at('Options'));
  });
  model.functionDefinitions?.forEach((fn, i) => {
    const at = issues.at('FunctionDefinitions').at(i);
    problem(at.at('Name'), fn.name, functionNameProblem(fn.name));
    checkOptions(fn.options, at.at('Options'));
    const scan = scanCode(fn.scriptBlock, 0, null, true);
    if (!scan.ok)
      at.at('ScriptBlock').add(
        fn.scriptBlock,
        `the script block is not self-contained: ${scan.reason} (at offset ${scan.at})`,
      );
    const visible = (model.visibleFunctions ?? []).some((v) =>
      wildcardMatch(commandName(v).replace(/^.*\\/, ''), fn.name),
    );
    if (!visible && !exceptions.has('JEA008'))
      at.at('Name').add(
        fn.name,
        'the function is defined but not listed in VisibleFunctions: PowerShell makes it private when any role of the session lists VisibleFunctions and public otherwise (add it to visibleFunctions or remove it)',
      );
  });
  model.variableDefinitions?.forEach((v, i) =>
    problem(issues.at('VariableDefinitions').at(i).at('Name'), v.name, variableNameProblem(v.name)),
  );
  for (const name of Object.keys(model.environmentVariables ?? {})) {
    problem(
      issues.at('EnvironmentVariables').atKey(name),
      name,
      /^[^=\u0000]+$/.test(name) ? undefined : 'not an environment variable name',
    );
  }
}

/** The name of a visible command entry. */
export function commandName(v: VisibleCommand): string {
  return typeof v === 'string' ? v : v.name;
}

function checkCommands(
  list: readonly VisibleCommand[] | undefined,
  issues: Issues,
  nameProblem: (n: string) => string | undefined,
): void {
  const seen = new Map<string, number>();
  list?.forEach((entry, i) => {
    const at = issues.at(i);
    const name = commandName(entry);
    const folded = name.toLowerCase();
    if (seen.has(folded)) at.add(name, `listed twice (also at [${seen.get(folded)}]); merge the two entries`);
    seen.set(folded, i);
    problem(typeof entry === 'string' ? at : at.at('Name'), name, nameProblem(name));
    if (typeof entry === 'string') return;
    const params = new Set<string>();
    entry.parameters?.forEach((p, j) => {
      const pat = at.at('Parameters').at(j);
      problem(pat.at('Name'), p.name, parameterNameProblem(p.name));
      if (params.has(p.name.toLowerCase()))
        pat.at('Name').add(p.name, 'the parameter is constrained twice in this entry');
      params.add(p.name.toLowerCase());
      if (p.validateSet !== undefined && p.validateSet.length === 0)
        pat.at('ValidateSet').add(p.validateSet, 'an empty ValidateSet allows no value; list at least one');
      if (p.validatePattern !== undefined) {
        const bad = checkDotNetRegex(p.validatePattern);
        if (bad)
          pat
            .at('ValidatePattern')
            .add(
              p.validatePattern,
              `.NET would reject this regular expression: ${bad.reason} (at offset ${bad.offset})`,
            );
      }
    });
  });
}

function checkAbsolutePath(path: string, issues: Issues, what: string): void {
  if (!isAbsoluteWindowsPath(path)) {
    issues.add(
      path,
      `${what} must be an absolute path (C:\\Windows\\System32\\whoami.exe): a bare name runs whatever comes first on PATH`,
    );
  } else problem(issues, path, windowsPathProblem(path));
}

function checkOptions(options: string | undefined, issues: Issues): void {
  if (options === undefined) return;
  const parts = options.split(',').map((s) => s.trim());
  const bad = parts.filter((p) => !SCOPED_ITEM_OPTIONS.some((o) => o.toLowerCase() === p.toLowerCase()));
  if (bad.length)
    issues.add(options, `not ScopedItemOptions (allowed: ${SCOPED_ITEM_OPTIONS.join(', ')}, comma-separated)`);
}

function problem(issues: Issues, value: unknown, reason: string | undefined): void {
  if (reason) issues.add(value, reason);
}
