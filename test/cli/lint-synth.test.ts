import { App, Aspects } from 'cdktf';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { JeaChecks } from '../../constructs/cdktf';
import { ACCEPTED_FINDINGS } from '../../examples/contoso';
import { JeaEstate } from '../../examples/estate';
import { jeajit } from '../helpers/cli';

// The example estate as `npm start` synthesizes it: JeaChecks accepts three findings, which
// synth writes to stacks/contoso/jeajit/suppressions.json and lint honours.
const OUT = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-lint-synth-'));
const spy = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
const app = new App({ outdir: OUT });
Aspects.of(new JeaEstate(app, 'contoso')).add(new JeaChecks({ suppressions: ACCEPTED_FINDINGS }));
app.synth();
spy.mockRestore();
afterAll(() => fs.rmSync(OUT, { recursive: true, force: true }));

interface JsonFinding {
  ruleId: string;
  file: string;
  path: string;
  suppressed?: { reason: string };
  declared?: { construct: string; at?: string };
}
const lintJson = (...args: string[]): JsonFinding[] =>
  JSON.parse(jeajit(['lint', OUT, '--format', 'json', ...args]).stdout.toString());

describe('jeajit lint over a synth output', () => {
  it('honours the findings accepted at synth, with their reasons', () => {
    const r = jeajit(['lint', OUT]);
    expect(r.status).toBe(0);
    expect(r.stdout.toString()).toMatch(/0 error\(s\), 2 warning\(s\), 3 suppressed\n$/);
    const accepted = lintJson().filter((f) => f.suppressed);
    expect(accepted.map((f) => `${f.ruleId} ${f.path}: ${f.suppressed!.reason}`)).toEqual([
      `JEA002 VisibleCmdlets[0]: ${ACCEPTED_FINDINGS[1].reason}`,
      `JEA002 VisibleCmdlets[1]: ${ACCEPTED_FINDINGS[1].reason}`,
      `JEA014 RunAsVirtualAccount: ${ACCEPTED_FINDINGS[0].reason}`,
    ]);
  });

  it('--omit-suppressed leaves them out of every format', () => {
    expect(lintJson('--omit-suppressed').map((f) => f.ruleId)).toEqual(['JEA019', 'JEA019']);
    const text = jeajit(['lint', OUT, '--omit-suppressed']).stdout.toString();
    expect(text).not.toContain('[suppressed:');
    expect(text).toMatch(/0 error\(s\), 2 warning\(s\), 0 suppressed\n$/);
    const sarif = JSON.parse(jeajit(['lint', OUT, '--omit-suppressed', '--format', 'sarif']).stdout.toString());
    expect(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId)).toEqual(['JEA019', 'JEA019']);
    const all = JSON.parse(jeajit(['lint', OUT, '--format', 'sarif']).stdout.toString());
    expect(all.runs[0].results.filter((r: { suppressions?: unknown[] }) => r.suppressions)).toHaveLength(3);
  });

  it('adds a --suppressions file to them', () => {
    const file = path.join(OUT, 'more.json');
    fs.writeFileSync(
      file,
      JSON.stringify([
        { ruleId: 'JEA019', reason: 'DNS operators manage the two DNS servers only', file: 'DnsOperator.psrc' },
      ]),
    );
    expect(lintJson('--suppressions', file).filter((f) => !f.suppressed)).toEqual([]);
  });

  it('points SARIF at the TypeScript that declared each finding, the generated file as a related location', () => {
    const sarif = JSON.parse(jeajit(['lint', OUT, '--format', 'sarif']).stdout.toString());
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'JEA019');
    const at = lintJson().find((f) => f.ruleId === 'JEA019')!.declared!.at!;
    expect(at).toMatch(/^examples\/estate\.ts:\d+$/);
    expect(result.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: 'examples/estate.ts' },
          region: { startLine: Number(at.split(':')[1]) },
        },
        logicalLocations: [
          { fullyQualifiedName: 'contoso/DnsOperator', kind: 'object' },
          { fullyQualifiedName: 'VisibleCmdlets[2]', kind: 'property' },
        ],
      },
    ]);
    expect(result.relatedLocations).toEqual([
      {
        id: 1,
        message: { text: 'the generated file' },
        physicalLocation: {
          artifactLocation: {
            uri: path
              .join(OUT, 'stacks', 'contoso', 'jea', 'JEA-DNS', 'ContosoJeaDns', 'RoleCapabilities', 'DnsOperator.psrc')
              .split(path.sep)
              .join('/'),
          },
          region: { startLine: expect.any(Number), startColumn: expect.any(Number) },
        },
      },
    ]);
  });
});
