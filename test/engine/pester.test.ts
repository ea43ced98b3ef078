/**
 * The generated PowerShell (Install-, Register-, Unregister-<endpoint>.ps1, the run commands as
 * Azure runs them, and the drift collector) run by Pester on a simulated Windows host
 * (test/pester). Pester runs once, in one pwsh process, while jest collects this file; each Pester
 * test then becomes a jest test of its own, so that it counts in jest's totals and a failure shows
 * Pester's message. The snapshots the collector took are then judged here (pester-drift.ts).
 * Skipped with the other engine suites when there is no pwsh; a Pester that does not load is a
 * failure that says so.
 */
import { describeCollectorSnapshots } from './pester-drift';
import { describeEngine, enginePwsh, runPwsh } from './pwsh';
import { PESTER_SUITES, PESTER_VERSION, PesterReport, PesterTest, runPesterSuites } from './pester-run';

const report: PesterReport = enginePwsh() ? runPesterSuites() : { loaded: false, tests: [], failures: [] };

/** A Pester result as a jest outcome: passes, or throws Pester's message. */
function outcome(test: PesterTest): void {
  if (test.result === 'Passed') return;
  throw new Error(`Pester: ${test.result}\n${test.message || '(no message of its own: see the failure of its block)'}`);
}

describeEngine('the generated PowerShell, run by Pester on a simulated Windows host', () => {
  it('loads Pester and runs the suites', () => {
    if (!report.loaded) throw new Error(report.error ?? 'Pester did not run');
    expect(report.tests.length).toBeGreaterThan(0);
  });

  it('says so when Pester cannot be loaded', () => {
    const missing = runPwsh<PesterReport>('pester-run.ps1', {
      pester: '/nonexistent/Pester.psd1',
      version: PESTER_VERSION,
      tests: PESTER_SUITES,
    });
    expect(missing.loaded).toBe(false);
    expect(missing.error).toMatch(
      /^Pester 5\.7\.1 could not be loaded from '\/nonexistent\/Pester\.psd1': .+ Run scripts\/install-engine\.sh\.$/s,
    );
  });

  const failures = report.failures.map((f) => [f.name, f.message] as const);
  if (failures.length > 0) {
    it.each(failures)('Pester: %s', (_name, message) => {
      throw new Error(message);
    });
  }

  const run = report.tests.filter((t) => t.result !== 'Skipped' && t.result !== 'NotRun');
  if (run.length > 0)
    it.each(run.map((t) => [`${t.file} > ${t.name}`, t] as const))('%s', (_name, test) => outcome(test));
  for (const test of report.tests.filter((t) => t.result === 'Skipped' || t.result === 'NotRun'))
    it.skip(`${test.file} > ${test.name}`, () => undefined);

  describeCollectorSnapshots(report);
});
