import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findingsSarif } from '../../src/report/findings';
import { Finding } from '../../src/rules/finding';
import { jeajit } from '../helpers/cli';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-lint-'));
const role = path.join(dir, 'Ops.psrc');
fs.writeFileSync(
  role,
  [
    '@{',
    "    VisibleCmdlets = 'Get-Service',",
    "        'New-Service'",
    "    VisibleExternalCommands = 'whoami.exe'",
    '}',
  ].join('\r\n'),
);
const broken = path.join(dir, 'Broken.psrc');
fs.writeFileSync(broken, "@{ VisibleCmdlets = 'Get-Service' ");

const strict = path.join(dir, 'strict');
fs.mkdirSync(strict);
fs.writeFileSync(
  path.join(strict, 'Dns.psrc'),
  [
    '@{',
    "    VisibleCmdlets = @{ Name = 'Restart-Service'; Parameters = @{ Name = 'Name'; ValidatePattern = 'Dns(' } }",
    '}',
  ].join('\r\n'),
);
fs.writeFileSync(
  path.join(strict, 'Dns.pssc'),
  [
    '@{',
    "    SchemaVersion = '2.0.0.0'; SessionType = 'RestrictedRemoteServer'; RunAsVirtualAccount = $true",
    "    RoleDefinitions = @{ 'CONTOSO\\Dns Ops\\x' = @{ RoleCapabilities = 'Dns' } }",
    '}',
  ].join('\r\n'),
);
const typo = path.join(dir, 'typo');
fs.mkdirSync(typo);
fs.writeFileSync(
  path.join(typo, 'Ops.pssc'),
  [
    '@{',
    "    SchemaVersion = '2.0.0.0'; SessionType = 'RestrictedRemoteServer'",
    "    LanguagMode = 'NoLanguage'",
    '}',
  ].join('\r\n'),
);
const missing = path.join(dir, 'missing');
fs.mkdirSync(missing);
fs.writeFileSync(
  path.join(missing, 'Ops.pssc'),
  [
    '@{',
    "    SchemaVersion = '2.0.0.0'; SessionType = 'RestrictedRemoteServer'; RunAsVirtualAccount = $true",
    "    RoleDefinitions = @{ 'CONTOSO\\Ops' = @{ RoleCapabilities = 'Nowhere' } }",
    '}',
  ].join('\r\n'),
);

describe('jeajit lint', () => {
  it('is as strict as the constructs: what synth refuses is an error at its line and column', () => {
    const r = jeajit(['lint', strict]);
    expect(r.status).toBe(1);
    const out = r.stdout.toString();
    // at the pattern itself, although VisibleCmdlets holds one hashtable rather than a list
    expect(out).toMatch(
      new RegExp(
        `Dns\\.psrc:2:100: error JEA000 not valid JEA: VisibleCmdlets\\[0\\]\\.Parameters\\[0\\]\\.ValidatePattern: \\.NET would reject this regular expression`,
      ),
    );
    expect(out).toMatch(/Dns\.pssc:3:\d+: error JEA000 not valid JEA: RoleDefinitions\['CONTOSO\\Dns Ops\\x'\]/);
  });

  it('names a misspelled key with what it probably meant', () => {
    const r = jeajit(['lint', typo]);
    expect(r.status).toBe(1);
    expect(r.stdout.toString()).toMatch(
      /Ops\.pssc:3:19: error JEA000 not valid JEA: LanguagMode: unknown key in a session configuration file\. Did you mean 'LanguageMode'\?/,
    );
  });

  it('refuses a RoleDefinitions role that no given file provides, at the role name', () => {
    const r = jeajit(['lint', missing]);
    expect(r.status).toBe(1);
    expect(r.stdout.toString()).toMatch(
      /Ops\.pssc:3:64: error JEA009 RoleDefinitions 'CONTOSO\\Ops' names role 'Nowhere', but no module on the role path provides it/,
    );
  });

  it('prints findings with file, line and column, and exits 1 on an error', () => {
    const r = jeajit(['lint', role]);
    expect(r.status).toBe(1);
    const out = r.stdout.toString();
    expect(out).toContain(`${role}:3:9: error JEA001`);
    expect(out).toContain(`${role}:4:31: error JEA003`);
    expect(out).toMatch(/2 error\(s\), 0 warning\(s\), 0 suppressed\n$/);
  });

  it('writes the fixed JSON format', () => {
    const findings = JSON.parse(jeajit(['lint', role, '--format', 'json']).stdout.toString());
    expect(findings[0]).toEqual({
      ruleId: 'JEA001',
      severity: 'error',
      file: role,
      line: 3,
      column: 9,
      message: expect.any(String),
      path: 'VisibleCmdlets[1]',
    });
  });

  it('writes SARIF 2.1.0 with the rule catalog and real locations', () => {
    const sarif = JSON.parse(jeajit(['lint', role, '--format', 'sarif']).stdout.toString());
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toContain('JIT006');
    expect(run.results[0]).toMatchObject({
      ruleId: 'JEA001',
      level: 'error',
      locations: [{ physicalLocation: { region: { startLine: 3, startColumn: 9 } } }],
    });
  });

  it('shows suppressions with their reason and no longer fails on them', () => {
    const suppressions = path.join(dir, 'suppressions.json');
    fs.writeFileSync(
      suppressions,
      JSON.stringify([
        { ruleId: 'JEA001', reason: 'Start-Process is constrained by the proxy' },
        { ruleId: 'JEA003', reason: 'whoami is resolved from System32 only' },
      ]),
    );
    const r = jeajit(['lint', role, '--suppressions', suppressions]);
    expect(r.status).toBe(0);
    expect(r.stdout.toString()).toContain('[suppressed: Start-Process is constrained by the proxy]');
    const sarif = JSON.parse(
      jeajit(['lint', role, '--suppressions', suppressions, '--format', 'sarif']).stdout.toString(),
    );
    expect(sarif.runs[0].results[0].suppressions).toEqual([
      { kind: 'external', justification: 'Start-Process is constrained by the proxy' },
    ]);
  });

  it('reports a file that does not parse as JEA000 at its position, not a crash', () => {
    const r = jeajit(['lint', broken, '--format', 'json']);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout.toString())[0]).toMatchObject({ ruleId: 'JEA000', file: broken, line: 1, column: 1 });
  });

  it('--omit-suppressed drops accepted findings from the report; they still fail nothing', () => {
    const suppressions = path.join(dir, 'accept-jea001.json');
    fs.writeFileSync(suppressions, JSON.stringify([{ ruleId: 'JEA001', reason: 'reviewed' }]));
    const r = jeajit(['lint', role, '--suppressions', suppressions, '--omit-suppressed', '--format', 'json']);
    expect(r.status).toBe(1); // JEA003 remains
    expect(JSON.parse(r.stdout.toString()).map((f: { ruleId: string }) => f.ruleId)).toEqual(['JEA003']);
  });
});

describe('SARIF locations', () => {
  const base: Finding = {
    ruleId: 'JEA002',
    severity: 'warning',
    file: '',
    line: 7,
    column: 9,
    message: 'm',
    path: 'VisibleCmdlets[0]',
  };
  const locate = (f: Finding) => {
    const r = findingsSarif([f], [], '0.0.0').runs[0].results![0];
    return { locations: r.locations, relatedLocations: r.relatedLocations };
  };

  it('a file of the repository: that file, line and column', () => {
    expect(locate({ ...base, file: 'roles\\Ops.psrc' })).toEqual({
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: 'roles/Ops.psrc' }, region: { startLine: 7, startColumn: 9 } },
          logicalLocations: [{ fullyQualifiedName: 'VisibleCmdlets[0]' }],
        },
      ],
      relatedLocations: undefined,
    });
  });

  it.each([
    ['a file of a synth output', 'cdktf.out/stacks/contoso/jea/JEA-DNS/JEA-DNS.pssc'],
    ['a relative one', 'stacks/contoso/jea/JEA-DNS/JEA-DNS.pssc'],
    ['a Windows one', 'cdktf.out\\stacks\\contoso\\jea\\JEA-DNS\\JEA-DNS.pssc'],
    ['a Terraform file', 'cdktf.out/stacks/contoso/cdk.tf.json'],
  ])('%s without a declaration: no physical location, the construct and field as logical ones', (_what, file) => {
    expect(locate({ ...base, file, declared: { construct: 'contoso/JEA-DNS' } })).toEqual({
      locations: [
        {
          logicalLocations: [
            { fullyQualifiedName: 'contoso/JEA-DNS', kind: 'object' },
            { fullyQualifiedName: 'VisibleCmdlets[0]', kind: 'property' },
          ],
        },
      ],
      relatedLocations: undefined,
    });
  });

  it('a file of a synth output no construct is known of: the file as a logical location', () => {
    const file = 'cdktf.out/stacks/contoso/jea/JEA-DNS/endpoint.json';
    expect(locate({ ...base, ruleId: 'JEA000', file, line: 1, column: 1, path: '' }).locations).toEqual([
      { logicalLocations: [{ fullyQualifiedName: file, kind: 'resource' }] },
    ]);
  });

  it('a JIT construct path: no physical location', () => {
    expect(locate({ ...base, ruleId: 'JIT002', file: 'contoso/JitRdp', path: 'virtualMachines[0]' }).locations).toEqual(
      [
        {
          logicalLocations: [
            { fullyQualifiedName: 'contoso/JitRdp', kind: 'object' },
            { fullyQualifiedName: 'virtualMachines[0]', kind: 'property' },
          ],
        },
      ],
    );
    expect(
      locate({
        ...base,
        ruleId: 'JIT002',
        file: 'contoso/JitRdp',
        path: '',
        declared: { construct: 'contoso/JitRdp', at: 'examples/estate.ts:40' },
      }),
    ).toEqual({
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: 'examples/estate.ts' }, region: { startLine: 40 } },
          logicalLocations: [{ fullyQualifiedName: 'contoso/JitRdp', kind: 'object' }],
        },
      ],
      relatedLocations: undefined,
    });
  });

  it('a declared finding: the TypeScript file and line, the generated file as a related location', () => {
    const file = 'cdktf.out/stacks/contoso/jea/JEA-DNS/ContosoJeaDns/RoleCapabilities/DnsOperator.psrc';
    expect(
      locate({
        ...base,
        file,
        declared: { construct: 'contoso/DnsOperator', at: 'examples\\estate.ts:26', via: ['examples/main.ts:8'] },
      }),
    ).toEqual({
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: 'examples/estate.ts' }, region: { startLine: 26 } },
          logicalLocations: [
            { fullyQualifiedName: 'contoso/DnsOperator', kind: 'object' },
            { fullyQualifiedName: 'VisibleCmdlets[0]', kind: 'property' },
          ],
        },
      ],
      relatedLocations: [
        {
          id: 1,
          message: { text: 'the generated file' },
          physicalLocation: { artifactLocation: { uri: file }, region: { startLine: 7, startColumn: 9 } },
        },
      ],
    });
  });
});
