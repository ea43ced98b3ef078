import { userWritableFolder } from '../danger/facts';
import { CapabilityModel } from '../jea/model';
import { Psd1PathStep } from '../psd1';
import { Rule, RuleFinding } from './rule';
import { capabilityBlocks, finding, findingIn, quote } from './helpers';

const message = (key: string, path: string, why: string) =>
  `${key} ${quote(path)} is in ${why}: whoever replaces it runs code as the run-as account; move it under Program Files`;

/** The places of a block that name code the session loads or runs, with their paths. */
function loadedFiles(m: CapabilityModel): { at: Psd1PathStep[]; key: string; path: string }[] {
  const out: { at: Psd1PathStep[]; key: string; path: string }[] = [];
  const list = (key: string, values: readonly string[] | undefined) =>
    (values ?? []).forEach((path, i) => out.push({ at: [key, i], key, path }));
  list('ScriptsToProcess', m.scriptsToProcess);
  list('VisibleExternalCommands', m.visibleExternalCommands);
  list('AssembliesToLoad', m.assembliesToLoad);
  list('TypesToProcess', m.typesToProcess);
  list('FormatsToProcess', m.formatsToProcess);
  (m.modulesToImport ?? []).forEach((spec, i) => {
    const name = typeof spec === 'string' ? spec : spec.moduleName;
    if (/[\\/]/.test(name)) out.push({ at: ['ModulesToImport', i], key: 'ModulesToImport', path: name });
  });
  for (const [variable, value] of Object.entries(m.environmentVariables ?? {})) {
    if (!/^(psmodulepath|path)$/i.test(variable)) continue;
    for (const entry of String(value).split(';').filter(Boolean))
      out.push({ at: ['EnvironmentVariables', variable], key: `EnvironmentVariables ${variable}`, path: entry });
  }
  return out;
}

/**
 * JEA020: a script, module, program, assembly, type or format file, role capability file or
 * module path the session loads from a folder people who are not administrators can write
 * (src/danger/facts.ts userWritableFolder). Whoever replaces the file runs code as the run-as
 * account, an administrator.
 */
export const JEA020: Rule = {
  id: 'JEA020',
  severity: 'error',
  title: 'The session loads code from a folder non-administrators can write',
  help:
    'Scripts, modules, programs and role files a JEA session loads run as its administrator run-as account. In a folder Users ' +
    'can write (profiles, Public, ProgramData, temp, shares, other volumes), anyone can replace them. Keep them under ' +
    'Program Files or System32, where only administrators write.',
  check(policy) {
    const out: RuleFinding[] = [];
    for (const block of capabilityBlocks(policy)) {
      for (const f of loadedFiles(block.model)) {
        const why = userWritableFolder(f.path);
        if (why) out.push(findingIn(block, f.at, message(f.key, f.path, why)));
      }
    }
    for (const endpoint of policy.endpoints ?? []) {
      for (const [principal, grant] of endpoint.model?.roleDefinitions ?? []) {
        (grant?.roleCapabilityFiles ?? []).forEach((path, i) => {
          const why = userWritableFolder(path);
          if (why)
            out.push(
              finding(
                endpoint.source,
                ['RoleDefinitions', principal, 'RoleCapabilityFiles', i],
                message('RoleCapabilityFiles', path, why),
              ),
            );
        });
      }
    }
    return out;
  },
};
