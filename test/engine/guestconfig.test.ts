/**
 * The Machine Configuration packages of the example estate, run by PowerShell: each endpoint's
 * package is built by machineConfigurationPackage, and test/pester/GuestConfig.Tests.ps1 expands
 * it with Expand-Archive, loads its JeajitDsc module and runs the JeajitEndpoint resource (Get,
 * Test, Set) on the simulated Windows host, with powershell.exe simulated. Pester runs once, in
 * one pwsh process (test/engine/ps/pester-run.ps1, given the one file), while jest collects this
 * file; each Pester test then becomes a jest test. The resource module and the probe also go
 * through PowerShell's parser and the Windows PowerShell 5.1 check of ps51-compat.ts. Skipped
 * with the other engine suites when there is no pwsh.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { machineConfigurationPackage } from '../../src/guestconfig';
import { probeScript } from '../../src/guestconfig/probe-script';
import { resourceModuleScript } from '../../src/guestconfig/resource-script';
import { tempDir } from '../drift/estate';
import { exampleEndpoints } from '../guestconfig/example-estate';
import { readMof } from '../guestconfig/mof-reader';
import { readZip } from '../guestconfig/zip-reader';
import { ROOT } from './find-pwsh';
import { PESTER_MODULE, PESTER_VERSION, PesterReport } from './pester-run';
import { checkScripts, problems } from './ps51-compat';
import { describeEngine, enginePwsh, runPwsh } from './pwsh';

/** The Pester suite of the packages. */
const SUITE = path.join(ROOT, 'test', 'pester', 'GuestConfig.Tests.ps1');
const OPTIONS = { mode: 'AuditAndSet', version: '1.0.0' } as const;
/** The MOF properties every resource instance has besides its own. */
const COMMON = new Set(['ResourceID', 'ModuleName', 'ModuleVersion', 'ConfigurationName', 'SourceInfo']);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/**
 * Writes, in a temporary folder, each endpoint's synthesized files (`jea/<endpoint>/`, what the
 * Pester helpers read endpoint.json from) and its package, and returns the suite's inputs.
 */
function packageInputs(root: string) {
  const base: Record<string, string> = {};
  const packages = [...exampleEndpoints()].map(([name, artifacts]) => {
    const folder = path.join(root, 'jea', name);
    for (const f of [...artifacts.files, artifacts.installScript]) {
      fs.mkdirSync(path.dirname(path.join(folder, f.path)), { recursive: true });
      fs.writeFileSync(path.join(folder, f.path), f.content);
    }
    base[name] = folder;
    const pkg = machineConfigurationPackage(artifacts, OPTIONS);
    const zip = path.join(root, 'packages', pkg.fileName);
    fs.mkdirSync(path.dirname(zip), { recursive: true });
    fs.writeFileSync(zip, pkg.bytes);
    const entries = readZip(pkg.bytes);
    const [resource] = readMof(entries.find((e) => e.path === `${pkg.name}.mof`)!.content.toString('utf8'));
    const properties = Object.fromEntries([...resource.properties].filter(([k]) => !COMMON.has(k)));
    return {
      endpoint: name,
      name: pkg.name,
      zip,
      sha256: pkg.sha256,
      extractTo: path.join(root, 'expanded', name),
      entries: entries.map((e) => ({ path: e.path, sha256: sha256(e.content) })),
      moduleVersion: resource.properties.get('ModuleVersion'),
      properties,
    };
  });
  return { base, changed: {}, guestconfig: { packages } };
}

/** Builds the packages and runs the suite; a failure to do so is a report that says why. */
function runSuite(): PesterReport {
  const root = tempDir('jeajit-guestconfig-');
  try {
    return runPwsh<PesterReport>('pester-run.ps1', {
      pester: PESTER_MODULE,
      version: PESTER_VERSION,
      tests: SUITE,
      ...packageInputs(root),
    });
  } catch (e) {
    return { loaded: false, error: (e as Error).message, tests: [], failures: [] };
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

const report: PesterReport = enginePwsh() ? runSuite() : { loaded: false, tests: [], failures: [] };

describeEngine('the Machine Configuration packages, their resource run by Pester on a simulated Windows host', () => {
  it('runs every test of GuestConfig.Tests.ps1, none skipped', () => {
    if (!report.loaded) throw new Error(report.error ?? 'Pester did not run');
    expect(report.tests.length).toBeGreaterThan(40);
    expect(
      report.tests.filter((t) => t.result !== 'Passed' && t.result !== 'Failed').map((t) => `${t.name}: ${t.result}`),
    ).toEqual([]);
  });

  const failures = report.failures.map((f) => [f.name, f.message] as const);
  if (failures.length > 0) {
    it.each(failures)('Pester: %s', (_name, message) => {
      throw new Error(message);
    });
  }

  if (report.tests.length > 0) {
    it.each(report.tests.map((t) => [t.name, t] as const))('%s', (_name, test) => {
      if (test.result !== 'Passed')
        throw new Error(
          `Pester: ${test.result}\n${test.message || '(no message of its own: see the failure of its block)'}`,
        );
    });
  }

  it('writes a resource module and a probe PowerShell parses and Windows PowerShell 5.1 runs', () => {
    const cases = [
      { id: 'JeajitDsc.psm1', content: resourceModuleScript(), extension: '.psm1' },
      { id: 'Get-JeajitEndpointState.ps1', content: probeScript() },
    ];
    const batch = checkScripts(cases);
    expect(cases.flatMap((c) => problems(c.id, batch.results[c.id]))).toEqual([]);
  });
});
