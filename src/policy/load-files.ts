import * as fs from 'fs';
import * as path from 'path';
import { fieldPath, Issues, ValidationIssue } from '../jea/issues';
import { SessionConfigurationModel } from '../jea/model';
import { checkCapability, DEFERRABLE_CHECKS } from '../jea/capability-policy';
import { decodeRoleCapability, roleNameProblem } from '../jea/role-capability';
import { checkSessionConfiguration, decodeSessionConfiguration } from '../jea/session-configuration';
import { Psd1Document, Psd1Error } from '../psd1';
import { parseDataFile } from '../psd1/binary';
import { LoadProblem, PolicySet, positionOf, RoleEntry } from './policy-set';

/** The construct checks that a rule reports under its own id. */
const RULE_CHECKS: ReadonlySet<string> = new Set(DEFERRABLE_CHECKS);

/** What reading files gave: the policy set and the files that could not be read. */
export interface LoadedFiles {
  readonly set: PolicySet;
  readonly problems: readonly LoadProblem[];
}

/** Every .psrc and .pssc under the given files and folders, sorted, each once. */
export function findPolicyFiles(inputs: readonly string[]): string[] {
  const out = new Set<string>();
  const walk = (p: string) => {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(p).sort()) walk(path.join(p, entry));
    } else if (/\.(psrc|pssc)$/i.test(p)) out.add(p);
  };
  inputs.forEach(walk);
  return [...out];
}

/**
 * Reads .psrc and .pssc files (and folders of them) into a policy set. A role's module is the
 * folder above its `RoleCapabilities` folder (`<Module>/RoleCapabilities/<Role>.psrc`; see moduleOf).
 * Every endpoint can load every role found (the role path is shared, as PSModulePath is on a host).
 * Files that do not parse (binary content included: see parseDataFile) or are not valid JEA
 * become problems with their position.
 */
export function loadPolicyFiles(inputs: readonly string[]): LoadedFiles {
  const problems: LoadProblem[] = [];
  const roles: RoleEntry[] = [];
  const configs: { file: string; doc: Psd1Document; model: SessionConfigurationModel }[] = [];
  for (const file of findPolicyFiles(inputs)) {
    let doc: Psd1Document;
    try {
      doc = parseDataFile(fs.readFileSync(file), file);
    } catch (e) {
      if (!(e instanceof Psd1Error)) throw e;
      problems.push({ file, line: e.line, column: e.column, message: e.reason });
      continue;
    }
    const issues = new Issues(file);
    const isRole = /\.psrc$/i.test(file);
    const model = isRole ? decodeRoleCapability(doc.value, issues) : decodeSessionConfiguration(doc.value, issues);
    if (issues.any || !model) {
      problems.push(...locateIssues(file, doc, issues.all));
      continue;
    }
    // The checks the constructs make, so that lint never passes what synth or import refuses
    // (those a rule reports under its own id, JEA003 and JEA008, are left to the rule). The file
    // still joins the set: the rules see it too.
    const policy = new Issues(file);
    const roleName = path.basename(file).replace(/\.psrc$/i, '');
    if (isRole) {
      checkCapability(model, policy, RULE_CHECKS);
      const problem = roleNameProblem(roleName);
      if (problem) policy.add(roleName, `the file name is the role name: ${problem}`);
    } else checkSessionConfiguration(model, policy, RULE_CHECKS);
    problems.push(...locateIssues(file, doc, policy.all));
    const source = { file, locate: doc.locate };
    if (isRole) roles.push({ name: roleName, ...moduleOf(file), source, model: model });
    else configs.push({ file, doc, model: model });
  }
  const endpoints = configs.map((c) => ({
    name: path.basename(c.file).replace(/\.pssc$/i, ''),
    source: { file: c.file, locate: c.doc.locate },
    model: c.model,
    roles,
  }));
  return { set: { roles, endpoints, vmJit: [], pim: [], groups: [] }, problems };
}

/** Validation issues of a parsed file as problems at the line and column of their field. */
export function locateIssues(file: string, doc: Psd1Document, issues: readonly ValidationIssue[]): LoadProblem[] {
  return issues.map((issue) => {
    const at = positionOf({ file, locate: doc.locate }, fieldPath(issue.field));
    return { file, line: at.line, column: at.column, message: `${issue.field}: ${issue.reason}` };
  });
}

/**
 * The module a role file belongs to, from `<Module>/RoleCapabilities/<Role>.psrc`. A file at
 * `<Module>/<Version>/RoleCapabilities/` is there, but JEA never finds it by name: role lookup
 * searches only `<PSModulePath entry>/<Module>/RoleCapabilities` (GetRoleCapabilityPath in
 * InitialSessionStateProvider.cs; test/engine/merge-readings.test.ts).
 */
function moduleOf(file: string): { module?: string; unreachable?: string } {
  const parts = path.resolve(file).split(path.sep);
  const i = parts.lastIndexOf('RoleCapabilities');
  if (i < 1) return {};
  const above = parts[i - 1];
  if (/^\d+(\.\d+){1,3}$/.test(above) && i >= 2) {
    return {
      module: parts[i - 2],
      unreachable: `in a module version folder (${parts[i - 2]}/${above}/RoleCapabilities), which JEA never searches for roles`,
    };
  }
  return { module: above };
}
