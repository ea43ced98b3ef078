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
import fc from 'fast-check';
import { loadSynthOutput } from '../../src/policy/load-synth';
import { synthEstate } from '../drift/estate';
import { enforcementDifferences, expectedCalls } from './enforcement';
import { stubsFor, writeEngineEndpoint } from './engine-estate';
import { EngineCase, engineSessions, engineSessionsInParallel, rightsDifferences } from './engine-rights';
import { generatedCase } from './generated-estates';
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
  const roleName = (file: string) =>
    path
      .basename(file)
      .replace(/\.psrc$/i, '')
      .split('__')
      .pop()!;
  return loaded.set.endpoints
    .filter((e) => e.model.roleDefinitions?.length)
    .map((e) => {
      const repo = repos.get(path.basename(e.source.file));
      const seen = new Set<string>();
      const roles: RoleEntry[] = [];
      for (const r of loaded.set.roles) {
        if (repos.get(path.basename(r.source.file)) !== repo || seen.has(roleName(r.source.file).toLowerCase()))
          continue;
        seen.add(roleName(r.source.file).toLowerCase());
        roles.push({ ...r, name: roleName(r.source.file), module: 'CorpusRoles' });
      }
      const all = e.model.roleDefinitions!.map(([p]) => p);
      return { endpoint: { ...e, roles }, principals: [...all.map((p) => [p]), all] };
    });
}

/** What one comparison covered. */
interface Compared {
  readonly compared: number;
  readonly calls: number;
  readonly differences: string[];
}

/**
 * Lays out endpoints, asks the engine once, and returns every disagreement of rights (and, with
 * `enforce`, of calls made in the session as the user).
 */
async function compareAll(
  items: { endpoint: EndpointEntry; principals: string[][] }[],
  enforce: false | 'roles' | 'all' = false,
): Promise<Compared> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-effective-'));
  try {
    const stubRoot = path.join(root, 'stubs');
    const stubs = stubsFor(items.map((x) => x.endpoint));
    const stubModules = [...new Set(stubs.filter((s) => s.name).map((s) => s.module))];
    const cases: (EngineCase & {
      endpoint: EndpointEntry;
      user: string[];
      ours: ReturnType<typeof effectiveRights>;
      expected: ReturnType<typeof expectedCalls>;
    })[] = [];
    items.forEach((item, i) => {
      const laid = writeEngineEndpoint(path.join(root, String(i)), stubRoot, item.endpoint, stubModules);
      item.principals.forEach((ps, j) => {
        const ours = effectiveRights(item.endpoint, ps[0], ps.slice(1), { ignoreRequiredGroups: true });
        const expected = enforce && !ours.sessionFails ? expectedCalls(ours, { defaults: enforce === 'all' }) : [];
        cases.push({
          id: `${i}.${j}`,
          ...laid,
          principals: ps,
          endpoint: item.endpoint,
          user: ps,
          ours,
          expected,
          calls: expected.map((e) => e.call),
        });
      });
    });
    const sessions =
      cases.length > 50
        ? await engineSessionsInParallel(cases, stubs, stubRoot)
        : engineSessions(cases, stubs, stubRoot);
    const differences: string[] = [];
    for (const c of cases) {
      const at = `${c.id} ${path.basename(c.endpoint.source.file)} as ${c.user.join(' + ')}`;
      for (const d of rightsDifferences(c.ours, sessions[c.id])) differences.push(`${at}: ${d}`);
      const session = sessions[c.id];
      if (c.expected.length && session.ok)
        for (const d of enforcementDifferences(c.expected, session.calls)) differences.push(`${at}: ${d}`);
    }
    return { compared: cases.length, calls: cases.reduce((n, c) => n + c.expected.length, 0), differences };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

describeEngine('effective rights: the engine and effectiveRights agree', () => {
  it('on every corpus endpoint, for every principal and for all of them at once', async () => {
    const items = corpusEndpoints();
    expect(items.length).toBeGreaterThan(10);
    const { compared, differences } = await compareAll(items);
    expect(compared).toBeGreaterThan(30);
    expect(differences).toEqual([]);
  }, 600000);

  it('on every endpoint of the example estate, for every principal, with calls made as each', async () => {
    const loaded = loadSynthOutput(synthEstate());
    expect(loaded.problems).toEqual([]);
    const items = loaded.set.endpoints.map((endpoint) => ({
      endpoint,
      principals: (endpoint.model.roleDefinitions ?? []).map(([p]) => [p]),
    }));
    expect(items.length).toBe(4);
    const { compared, calls, differences } = await compareAll(items, 'all');
    expect(compared).toBeGreaterThanOrEqual(5);
    expect(calls).toBeGreaterThan(10);
    expect(differences).toEqual([]);
  }, 600000);

  it('on 300 generated estates (2 to 4 roles a user, bare and constrained entries, sets, patterns, wildcards, inline and session grants, role files), with calls made in each', async () => {
    const generated = fc.sample(generatedCase, { numRuns: Number(process.env.JEAJIT_GENERATED ?? 300) });
    const { compared, calls, differences } = await compareAll(
      generated.map((g) => ({ endpoint: g.endpoint, principals: [[...g.principals]] })),
      'roles',
    );
    expect(compared).toBe(generated.length);
    expect(calls).toBeGreaterThan(generated.length * 10);
    expect(differences).toEqual([]);
  }, 1800000);
});
