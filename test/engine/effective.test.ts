/**
 * Effective rights from the engine: for real endpoints (the corpus, the example estate) and
 * generated ones, PowerShell builds the session a user gets and we compare what is public in it
 * with `effectiveRights`. Where they differ, the engine is right.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { effectiveRights } from '../../src/effective/effective';
import { EndpointEntry, RoleEntry } from '../../src/policy/policy-set';
import { loadPolicyFiles } from '../../src/policy/load-files';
import { CORPUS_DIR } from '../helpers/corpus';
import { stubsFor, writeEngineEndpoint } from './engine-estate';
import { EngineCase, engineSessions, rightsDifferences } from './engine-rights';
import { describeEngine } from './pwsh';

/** Which repository each corpus file comes from (SOURCES.tsv). */
function corpusRepos(): Map<string, string> {
  const lines = fs.readFileSync(path.join(CORPUS_DIR, 'SOURCES.tsv'), 'utf8').trim().split('\n').slice(1);
  return new Map(lines.map((l) => l.split('\t')).map(([name, repo]) => [name, repo]));
}

/**
 * Every corpus endpoint that is valid JEA, with the roles of its own repository (the role name
 * is the file name's last part), one user per RoleDefinitions principal and one in all of them.
 */
function corpusEndpoints(): { endpoint: EndpointEntry; principals: string[][] }[] {
  const repos = corpusRepos();
  const loaded = loadPolicyFiles([path.join(CORPUS_DIR, 'psrc'), path.join(CORPUS_DIR, 'pssc')]);
  const roleName = (file: string) => path.basename(file).replace(/\.psrc$/i, '').split('__').pop()!;
  return loaded.set.endpoints
    .filter((e) => e.model.roleDefinitions?.length)
    .map((e) => {
      const repo = repos.get(path.basename(e.source.file));
      const seen = new Set<string>();
      const roles: RoleEntry[] = [];
      for (const r of loaded.set.roles) {
        if (repos.get(path.basename(r.source.file)) !== repo || seen.has(roleName(r.source.file).toLowerCase())) continue;
        seen.add(roleName(r.source.file).toLowerCase());
        roles.push({ ...r, name: roleName(r.source.file), module: 'CorpusRoles' });
      }
      const all = e.model.roleDefinitions!.map(([p]) => p);
      return { endpoint: { ...e, roles }, principals: [...all.map((p) => [p]), all] };
    });
}

/** Lays out endpoints, asks the engine once, and returns every disagreement. */
function compareAll(items: { endpoint: EndpointEntry; principals: string[][] }[]): { compared: number; differences: string[] } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-effective-'));
  try {
    const stubRoot = path.join(root, 'stubs');
    const stubs = stubsFor(items.map((x) => x.endpoint));
    const stubModules = [...new Set(stubs.filter((s) => s.name).map((s) => s.module))];
    const cases: (EngineCase & { endpoint: EndpointEntry; user: string[] })[] = [];
    items.forEach((item, i) => {
      const laid = writeEngineEndpoint(path.join(root, String(i)), stubRoot, item.endpoint, stubModules);
      item.principals.forEach((ps, j) => cases.push({ id: `${i}.${j}`, ...laid, principals: ps, endpoint: item.endpoint, user: ps }));
    });
    const sessions = engineSessions(cases, stubs, stubRoot);
    const differences: string[] = [];
    for (const c of cases) {
      const ours = effectiveRights(c.endpoint, c.user[0], c.user.slice(1), { ignoreRequiredGroups: true });
      for (const d of rightsDifferences(ours, sessions[c.id])) differences.push(`${path.basename(c.endpoint.source.file)} as ${c.user.join(' + ')}: ${d}`);
    }
    return { compared: cases.length, differences };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

describeEngine('effective rights: the engine and effectiveRights agree', () => {
  it('on every corpus endpoint, for every principal and for all of them at once', () => {
    const items = corpusEndpoints();
    expect(items.length).toBeGreaterThan(10);
    const { compared, differences } = compareAll(items);
    expect(compared).toBeGreaterThan(30);
    expect(differences).toEqual([]);
  });
});
