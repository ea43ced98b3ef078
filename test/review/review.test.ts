import { App } from 'cdktf';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { JeaEstate } from '../../examples/estate';
import { loadSynthOutput } from '../../src/policy/load-synth';
import { EndpointEntry, PolicySet, RoleEntry } from '../../src/policy/policy-set';
import { SessionConfigurationModel } from '../../src/jea/model';
import { rightsDelta } from '../../src/review/rights-delta';
import { parse, PsHashtable, render } from '../../src/psd1';
import { reviewMarkdown } from '../../src/report/review-markdown';
import { review } from '../../src/review/review';
import { jeajit } from '../helpers/cli';

/** Synthesizes the example estate once; each test copies it and edits the copy as a pull request would. */
const BASE = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-review-base-'));
const app = new App({ outdir: BASE });
new JeaEstate(app, 'contoso');
app.synth();
const JEA = path.join('stacks', 'contoso', 'jea');

function pullRequest(edit: (dir: string) => void): string {
  const head = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-review-head-'));
  fs.cpSync(BASE, head, { recursive: true });
  edit(head);
  return head;
}

function editData(file: string, change: (v: PsHashtable) => void): void {
  const value = parse(fs.readFileSync(file)).value as PsHashtable;
  change(value);
  fs.writeFileSync(file, render(value));
}

const LEV1 = path.join(JEA, 'JEA-Maintenance', 'ContosoJeaMaintenance', 'RoleCapabilities', 'MaintenanceLev1.psrc');
const set = (dir: string): PolicySet => loadSynthOutput(dir).set;

describe('the pull-request review', () => {
  it('shows one added cmdlet as exactly that gain, for exactly the principals holding the role', () => {
    const head = pullRequest((dir) =>
      editData(path.join(dir, LEV1), (v) => (v.get('VisibleCmdlets') as unknown[]).push('Get-Volume')),
    );
    const r = review(set(BASE), set(head));
    expect(r.rights).toEqual([
      {
        endpoint: 'JEA-Maintenance',
        principal: 'CONTOSO\\JEA-Maintenance-L1',
        gained: [{ kind: 'command', command: 'Get-Volume', text: 'Get-Volume (any parameters)' }],
        lost: [],
      },
      {
        endpoint: 'JEA-Maintenance',
        principal: 'CONTOSO\\JEA-Maintenance-L2',
        gained: [{ kind: 'command', command: 'Get-Volume', text: 'Get-Volume (any parameters)' }],
        lost: [],
      },
    ]);
    expect(r.acl).toEqual([]);
    expect(r.jit).toEqual([]);
  });

  it('shows a ValidateSet value gained, and a constraint removed as any value', () => {
    const head = pullRequest((dir) =>
      editData(path.join(dir, LEV1), (v) => {
        const restart = (v.get('VisibleCmdlets') as unknown[]).find(
          (c) => c instanceof PsHashtable && c.get('Name') === 'Restart-Service',
        ) as PsHashtable;
        ((restart.get('Parameters') as PsHashtable[])[0].get('ValidateSet') as string[]).push('Dns');
      }),
    );
    const gained = review(set(BASE), set(head)).rights.map((d) => d.gained.map((g) => g.text));
    expect(gained).toEqual([['Restart-Service -Name: Dns'], ['Restart-Service -Name: Dns']]);
    const opened = pullRequest((dir) =>
      editData(path.join(dir, LEV1), (v) => {
        const list = v.get('VisibleCmdlets') as unknown[];
        const i = list.findIndex((c) => c instanceof PsHashtable && c.get('Name') === 'Restart-Service');
        list[i] = PsHashtable.from([
          ['Name', 'Restart-Service'],
          ['Parameters', [PsHashtable.from([['Name', 'Name']])]],
        ]);
      }),
    );
    // any service name: the review says which danger that opens, why, and what would be safe
    expect(review(set(BASE), set(opened)).rights[0].gained).toEqual([
      {
        kind: 'value',
        command: 'Restart-Service',
        text: 'Restart-Service -Name: any value (was BITS|Spooler|W32Time|WinRM)',
        dangers: [
          {
            class: 'defense-evasion',
            command: 'Restart-Service',
            parameter: 'Name',
            why: 'restarts any service: security tooling goes blind while it restarts',
            safer: 'constrain -Name with a ValidateSet that holds no security service',
          },
        ],
      },
    ]);
  });

  it('shows rights lost when a principal loses a role', () => {
    const head = pullRequest((dir) => {
      const file = path.join(dir, JEA, 'JEA-Maintenance', 'JEA-Maintenance.pssc');
      const v = parse(fs.readFileSync(file)).value as PsHashtable;
      const roles = v.get('RoleDefinitions') as PsHashtable;
      const table = PsHashtable.from(
        [...roles.entries()].map(([k, g]) => [
          k,
          k === 'CONTOSO\\JEA-Maintenance-L2' ? PsHashtable.from([['RoleCapabilities', ['MaintenanceLev1']]]) : g,
        ]),
      );
      fs.writeFileSync(
        file,
        render(PsHashtable.from([...v.entries()].map(([k, x]) => [k, k === 'RoleDefinitions' ? table : x]))),
      );
    });
    const r = review(set(BASE), set(head));
    expect(r.rights).toHaveLength(1);
    expect(r.rights[0].principal).toBe('CONTOSO\\JEA-Maintenance-L2');
    expect(r.rights[0].gained).toEqual([]);
    expect(r.rights[0].lost.map((c) => c.text)).toEqual([
      'Restart-Computer -Force (any value)',
      'Set-Service -Name BITS|Spooler|W32Time -StartupType Automatic|Disabled|Manual',
      'Stop-Process -Force (any value) -Name /^(notepad|w3wp|dllhost)$/',
      'C:\\Windows\\System32\\gpupdate.exe',
    ]);
  });

  it('shows ACL and JIT changes', () => {
    const head = pullRequest((dir) => {
      const manifest = path.join(dir, JEA, 'JEA-FileServer', 'endpoint.json');
      const m = JSON.parse(fs.readFileSync(manifest, 'utf8'));
      m.acl.entries.push({ principal: 'CONTOSO\\Auditors', access: 'Allow', rights: ['Read'] });
      fs.writeFileSync(manifest, JSON.stringify(m));
      const tf = path.join(dir, 'stacks', 'contoso', 'cdk.tf.json');
      fs.writeFileSync(
        tf,
        fs
          .readFileSync(tf, 'utf8')
          .replace(/maxRequestAccessDuration\\":\\"PT3H/g, 'maxRequestAccessDuration\\":\\"PT8H'),
      );
    });
    const r = review(set(BASE), set(head));
    expect(r.acl).toEqual([{ endpoint: 'JEA-FileServer', change: 'added', entry: 'Allow CONTOSO\\Auditors Read' }]);
    expect(r.jit).toContainEqual({
      name: 'contoso/ManagementPortsJit',
      field: 'maxRequestAccessDuration',
      place: 'vm-dc-dns01 3389/TCP',
      before: 'PT3H',
      after: 'PT8H',
    });
    expect(r.jit).toHaveLength(6);
    // the comment shows it once per declaration, naming the VMs and ports
    const rows = reviewMarkdown(r)
      .split('\n')
      .filter((l) => l.startsWith('| `contoso/ManagementPortsJit`'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(
      /^\| `contoso\/ManagementPortsJit` \| maxRequestAccessDuration \| vm-dc-dns01 \(3389\/TCP, 5985\/TCP, 5986\/TCP\), vm-file01 \(3389\/TCP, 5985\/TCP, 5986\/TCP\) \| PT3H \| PT8H \|$/,
    );
  });

  it('puts the new rule errors first, then the gains of the endpoint they concern', () => {
    const head = pullRequest((dir) => {
      editData(path.join(dir, LEV1), (v) => (v.get('VisibleCmdlets') as unknown[]).push('Invoke-Expression'));
      const dns = path.join(dir, JEA, 'JEA-DNS', 'ContosoJeaDns', 'RoleCapabilities', 'DnsOperator.psrc');
      editData(dns, (v) =>
        (v.get('VisibleCmdlets') as unknown[]).push(
          'Get-DnsClientCache',
          'Get-DnsClient',
          'Get-DnsClientServerAddress',
        ),
      );
    });
    const r = review(set(BASE), set(head));
    expect(r.newFindings.map((f) => `${f.ruleId} ${f.severity}`)).toEqual(['JEA001 error']);
    const md = reviewMarkdown(r);
    expect(md.indexOf('### New findings')).toBeLessThan(md.indexOf('### Rights gained'));
    expect(md.indexOf('**JEA-Maintenance**')).toBeLessThan(md.indexOf('**JEA-DNS**'));
  });

  it('gates a pull request: --fail-on new-access, dangerous or error exits 3 and says why; a clean change exits 0', () => {
    const safe = pullRequest((dir) =>
      editData(path.join(dir, LEV1), (v) => (v.get('VisibleCmdlets') as unknown[]).push('Get-Volume')),
    );
    const risky = pullRequest((dir) =>
      editData(path.join(dir, LEV1), (v) => (v.get('VisibleCmdlets') as unknown[]).push('Stop-Process')),
    );
    expect(jeajit(['diff', BASE, safe, '--fail-on', 'dangerous,error']).status).toBe(0);
    const access = jeajit(['diff', BASE, safe, '--fail-on', 'new-access']);
    expect(access.status).toBe(3);
    expect(access.stderr.toString()).toContain(
      'fail-on: new access: CONTOSO\\JEA-Maintenance-L1 on JEA-Maintenance: Get-Volume (any parameters)',
    );
    const dangerous = jeajit(['diff', BASE, risky, '--fail-on', 'dangerous']);
    expect(dangerous.status).toBe(3);
    expect(dangerous.stderr.toString()).toMatch(
      /fail-on: dangerous: CONTOSO\\JEA-Maintenance-L1 on JEA-Maintenance: Stop-Process \(any parameters\): defense-evasion: kills any process/,
    );
    expect(jeajit(['diff', BASE, risky, '--fail-on', 'error']).stderr.toString()).toMatch(
      /fail-on: new error: JEA001 VisibleCmdlets 'Stop-Process'/,
    );
    expect(jeajit(['diff', BASE, BASE, '--fail-on', 'new-access,dangerous,error']).status).toBe(0);
    const bad = jeajit(['diff', BASE, BASE, '--fail-on', 'anything']);
    expect([bad.status, bad.stderr.toString()]).toEqual([
      2,
      "--fail-on must be a comma-separated list of new-access, dangerous, error (got 'anything')\n",
    ]);
  });

  it("honours the findings HEAD's synth output accepted (jeajit/suppressions.json), and those given with --suppressions", () => {
    const reason = 'break-glass role, reviewed quarterly';
    const grant = (dir: string) =>
      editData(path.join(dir, LEV1), (v) => (v.get('VisibleCmdlets') as unknown[]).push('Invoke-Expression'));
    const accepted = pullRequest((dir) => {
      grant(dir);
      fs.mkdirSync(path.join(dir, 'stacks', 'contoso', 'jeajit'));
      const entry = { ruleId: 'JEA001', reason, file: LEV1.split(path.sep).slice(2).join('/') };
      fs.writeFileSync(
        path.join(dir, 'stacks', 'contoso', 'jeajit', 'suppressions.json'),
        JSON.stringify({ schema: 'jeajit.suppressions/v1', suppressions: [entry] }),
      );
    });
    const loaded = loadSynthOutput(accepted);
    expect(loaded.suppressions).toEqual([{ ruleId: 'JEA001', reason, file: path.join(accepted, LEV1) }]);
    const r = review(set(BASE), loaded.set, { suppressions: loaded.suppressions });
    expect(r.newFindings.map((f) => [f.ruleId, f.suppressed?.reason])).toEqual([['JEA001', reason]]);
    expect(review(set(BASE), loaded.set).newFindings.map((f) => f.suppressed)).toEqual([undefined]);
    const gated = jeajit(['diff', BASE, accepted, '--fail-on', 'error']);
    expect(gated.status).toBe(0);
    expect(gated.stdout.toString()).toContain(`(suppressed: ${reason})`);
    // the same pull request without the synth's file: a --suppressions file accepts it as well
    const risky = pullRequest(grant);
    expect(jeajit(['diff', BASE, risky, '--fail-on', 'error']).status).toBe(3);
    const file = path.join(risky, 'accepted.json');
    fs.writeFileSync(file, JSON.stringify([{ ruleId: 'JEA001', reason, file: 'MaintenanceLev1.psrc' }]));
    expect(jeajit(['diff', BASE, risky, '--fail-on', 'error', '--suppressions', file]).status).toBe(0);
  });

  it('leads the comment with dangerous gains, and points a finding at the construct and the TypeScript that declared it', () => {
    const risky = pullRequest((dir) =>
      editData(path.join(dir, LEV1), (v) => (v.get('VisibleCmdlets') as unknown[]).push('Stop-Process')),
    );
    const md = reviewMarkdown(review(set(BASE), set(risky)));
    expect(md.indexOf('### Dangerous gains')).toBeLessThan(md.indexOf('### New findings'));
    expect(md).toMatch(
      /\| defense evasion \| JEA-Maintenance · `CONTOSO\\JEA-Maintenance-L1` \| `Stop-Process \(any parameters\)` \| Stop-Process -Name kills any process, security agents too \| constrain -Name and -Id and -InputObject with a ValidateSet that holds no security agent \|/,
    );
    expect(md).toMatch(
      /\| error \| JEA001 \| `contoso\/MaintenanceLev1 \(examples\/estate\.ts:\d+\) · jea\/JEA-Maintenance\/ContosoJeaMaintenance\/RoleCapabilities\/MaintenanceLev1\.psrc:\d+:\d+` \|/,
    );
    expect(md).toContain('- `Stop-Process (any parameters)` **defense evasion**');
  });

  it('reads well as a pull-request comment', () => {
    const head = pullRequest((dir) =>
      editData(path.join(dir, LEV1), (v) => (v.get('VisibleCmdlets') as unknown[]).push('Get-Volume')),
    );
    const md = reviewMarkdown(review(set(BASE), set(head)));
    expect(md).toContain('**0 dangerous gain(s) · 2 principal(s) gain rights · 0 lose rights');
    expect(md).toContain(
      '### Rights gained\n\n**JEA-Maintenance** · `CONTOSO\\JEA-Maintenance-L1`\n\n- `Get-Volume (any parameters)`',
    );
    expect(reviewMarkdown(review(set(BASE), set(BASE)))).toContain("No change in anyone's rights.");
  });

  it('runs as jeajit diff BASE HEAD, in Markdown and JSON', () => {
    const head = pullRequest((dir) =>
      editData(path.join(dir, LEV1), (v) => (v.get('VisibleCmdlets') as unknown[]).push('Get-Volume')),
    );
    const md = jeajit(['diff', BASE, head]);
    expect(md.status).toBe(0);
    expect(md.stdout.toString()).toMatch(/^## jeajit review/);
    const json = JSON.parse(jeajit(['diff', BASE, head, '--format', 'json']).stdout.toString());
    expect(json.rights).toHaveLength(2);
    expect(jeajit(['diff', BASE, head, '--format', 'html']).stderr).toBe(
      "--format must be one of markdown, json (got 'html')\n",
    );
  });
});

describe('rights of a principal new in the pull request', () => {
  it("are counted from what every session of the endpoint has: the session type's own commands are not gains", () => {
    const ops: RoleEntry = {
      name: 'Ops',
      module: 'M',
      source: { file: 'Ops.psrc' },
      model: { visibleCmdlets: ['Get-Process'] },
    };
    const model = (principals: string[]): SessionConfigurationModel => ({
      sessionType: 'RestrictedRemoteServer',
      roleDefinitions: principals.map((p) => [p, { roleCapabilities: ['Ops'] }] as const),
    });
    const base: EndpointEntry = { name: 'E', source: { file: 'E.pssc' }, model: model(['CONTOSO\\A']), roles: [ops] };
    const head: EndpointEntry = { ...base, model: model(['CONTOSO\\A', 'CONTOSO\\B']) };
    const delta = rightsDelta('E', base, head);
    expect(delta.map((d) => d.principal)).toEqual(['CONTOSO\\B']);
    expect(delta[0].gained.map((g) => g.text)).toEqual(['Get-Process (any parameters)']);
    expect(rightsDelta('E', head, base)[0].lost.map((g) => g.text)).toEqual(['Get-Process (any parameters)']);
  });
});
