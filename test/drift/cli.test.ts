import { assignmentName } from '../../src/drift/azure/guestconfig-compare';
import { startFakeFleetArm } from './fake-fleet-arm';
import { Command, CommanderError } from 'commander';
import * as fs from 'fs';
import * as path from 'path';
import { PassThrough } from 'stream';
import { addDriftCommands, DriftIo } from '../../src/cli/drift-commands';
import { CliError } from '../../src/cli/io';
import { readSnapshot, Snapshot } from '../../src/drift/snapshot';
import { deployedState, startFakeArm } from './fake-arm';
import { clone, estate, synthEstate, tempDir } from './estate';

interface Run {
  stdout: string;
  stdoutBytes: Buffer;
  stderr: string;
  exitCode: number | undefined;
  error?: Error;
}

/** Runs `jeajit <args>` through a program with only the drift commands, capturing everything. */
async function jeajit(args: string[], options: { tty?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  const out: Buffer[] = [];
  let stderr = '';
  const errStream = Object.assign(new PassThrough(), {
    isTTY: options.tty ?? false,
    columns: 80,
    cursorTo: () => true,
    clearLine: () => true,
    moveCursor: () => true,
  });
  errStream.on('data', (d) => (stderr += d.toString()));
  const run: Run = { stdout: '', stdoutBytes: Buffer.alloc(0), stderr: '', exitCode: undefined };
  const io: DriftIo = {
    stdout: { write: (c: string | Uint8Array) => out.push(Buffer.from(c)) },
    stderr: errStream,
    env: options.env ?? {},
    setExitCode: (code) => (run.exitCode = code),
  };
  const program = new Command('jeajit')
    .exitOverride()
    .configureOutput({ writeErr: (s) => (stderr += s), writeOut: (s) => out.push(Buffer.from(s)) });
  addDriftCommands(program, io);
  try {
    await program.parseAsync(['node', 'jeajit', ...args]);
  } catch (e) {
    run.error = e as Error;
  }
  run.stdoutBytes = Buffer.concat(out);
  run.stdout = run.stdoutBytes.toString('utf8');
  run.stderr = stderr;
  return run;
}

describe('the drift commands', () => {
  const declared = synthEstate();
  const dir = tempDir();
  const snapshotFile = path.join(dir, 'vm-dc-dns01.json');

  it('collect-script writes the collector with the declared principals, to stdout or --out', async () => {
    const r = await jeajit(['collect-script', '--declared', declared]);
    expect(r.error).toBeUndefined();
    expect([...r.stdoutBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(r.stdout).toContain("'CONTOSO\\JEA-Maintenance-L2'");
    const file = path.join(dir, 'collect.ps1');
    await jeajit(['collect-script', '--declared', declared, '--out', file]);
    expect(fs.readFileSync(file)).toEqual(r.stdoutBytes);
  });

  it('snapshot writes a valid snapshot of a deployed host, with given SIDs', async () => {
    const principals = path.join(dir, 'principals.json');
    fs.writeFileSync(principals, JSON.stringify({ 'CONTOSO\\JEA-DNS-Operators': 'S-1-5-21-1-2-3-1104' }));
    const r = await jeajit([
      'snapshot',
      '--expected',
      declared,
      '--host',
      'vm-dc-dns01',
      '--principals',
      principals,
      '--out',
      snapshotFile,
    ]);
    expect(r.error).toBeUndefined();
    const s = readSnapshot(fs.readFileSync(snapshotFile), snapshotFile);
    expect(s.host).toBe('vm-dc-dns01');
    expect(s.endpoints.map((e) => e.name)).toEqual(['JEA-DNS', 'JEA-Helpdesk', 'JEA-Maintenance']);
    expect(s.principals['CONTOSO\\JEA-DNS-Operators']).toBe('S-1-5-21-1-2-3-1104');
    const stdout = await jeajit(['snapshot', '--expected', declared]);
    expect(JSON.parse(stdout.stdout).endpoints).toHaveLength(4);
  });

  it('snapshot refuses a bad principals file with a one-line error', async () => {
    const bad = path.join(dir, 'bad-principals.json');
    fs.writeFileSync(bad, JSON.stringify({ 'CONTOSO\\X': 'not-a-sid' }));
    const r = await jeajit(['snapshot', '--expected', declared, '--principals', bad]);
    expect(r.error).toBeInstanceOf(CliError);
    expect((r.error as CliError).exitCode).toBe(1);
    expect(r.error!.message).toContain("'CONTOSO\\X': expected a SID");
  });

  it('drift exits 0 and says so when the host matches', async () => {
    const r = await jeajit(['drift', '--declared', declared, '--actual', snapshotFile]);
    expect(r.error).toBeUndefined();
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('no drift: 1 checked, all match the declaration\n');
  });

  it('drift exits 2 with a JSON report when a host drifted', async () => {
    const s = clone(readSnapshot(fs.readFileSync(snapshotFile), snapshotFile)) as Snapshot & {
      endpoints: Snapshot['endpoints'][number][];
    };
    s.endpoints.pop();
    const fleet = tempDir();
    fs.writeFileSync(path.join(fleet, 'a.json'), JSON.stringify(s));
    fs.copyFileSync(snapshotFile, path.join(fleet, 'b.json'));
    const r = await jeajit(['drift', '--declared', declared, '--actual', fleet, '--format', 'json'], { tty: true });
    expect(r.exitCode).toBe(2);
    expect(JSON.parse(r.stdout)).toEqual({
      drift: true,
      findings: [
        {
          host: 'vm-dc-dns01',
          endpoint: 'JEA-Maintenance',
          kind: 'missing-endpoint',
          path: '',
          declared: 'JEA-Maintenance',
          actual: null,
        },
      ],
    });
    expect(r.stderr).toBe('');
    const md = await jeajit(['drift', '--declared', declared, '--actual', fleet, '--format', 'markdown']);
    expect(md.exitCode).toBe(2);
    expect(md.stdout).toContain('| vm-dc-dns01 | JEA-Maintenance | `missing-endpoint` |');
  });

  it('drift shows a progress bar on a terminal only, never in CI', async () => {
    const fleet = tempDir();
    for (let i = 0; i < 3; i++) fs.copyFileSync(snapshotFile, path.join(fleet, `h${i}.json`));
    expect((await jeajit(['drift', '--declared', declared, '--actual', fleet], { tty: true })).stderr).toContain(
      'snapshots',
    );
    expect(
      (await jeajit(['drift', '--declared', declared, '--actual', fleet], { tty: true, env: { CI: 'true' } })).stderr,
    ).toBe('');
    expect((await jeajit(['drift', '--declared', declared, '--actual', fleet], { tty: false })).stderr).toBe('');
  });

  it('drift --azure reads the subscription through ARM, in the same report', async () => {
    const e = estate();
    const arm = await startFakeArm(
      deployedState(
        '00000000-0000-0000-0000-000000000000',
        e.vmJit.map((j) => j.model),
        [],
      ),
      '00000000-0000-0000-0000-000000000000',
      'tok',
    );
    try {
      const r = await jeajit(
        [
          'drift',
          '--declared',
          declared,
          '--actual',
          snapshotFile,
          '--azure',
          '--subscription',
          '00000000-0000-0000-0000-000000000000',
          '--endpoint',
          arm.url,
          '--format',
          'json',
        ],
        { env: { JEAJIT_ARM_TOKEN: 'tok' } },
      );
      expect(r.exitCode).toBe(2);
      const kinds = JSON.parse(r.stdout).findings.map((f: { host: string; kind: string }) => `${f.host} ${f.kind}`);
      expect(kinds).toEqual([
        'azure:00000000-0000-0000-0000-000000000000 eligibility-missing',
        'azure:00000000-0000-0000-0000-000000000000 pim-policy-changed',
      ]);
      expect(r.stderr).toContain('warning: 1 PIM for Groups eligibility is in Microsoft Graph');
      const refused = await jeajit(
        [
          'drift',
          '--declared',
          declared,
          '--azure',
          '--subscription',
          '00000000-0000-0000-0000-000000000000',
          '--endpoint',
          arm.url,
        ],
        { env: { JEAJIT_ARM_TOKEN: 'wrong' } },
      );
      expect(refused.error).toBeInstanceOf(CliError);
      expect(refused.error!.message).toMatch(/ARM 401/);
    } finally {
      await arm.close();
    }
  });

  it('drift --azure --scope checks every Windows machine of the scope through its Machine Configuration assignments', async () => {
    const sub = '11111111-1111-1111-1111-111111111111';
    const declaredEstate = estate();
    const endpoints = declaredEstate.endpoints.map((e) => e.name);
    // the package the synth output records, for the endpoints the example packages; any other hash for the rest
    const compliant = endpoints.map((ep) => ({
      name: assignmentName(ep),
      status: 'Compliant' as const,
      contentHash: declaredEstate.contentHashes?.[ep]?.[0] ?? 'ANY',
    }));
    const arm = await startFakeFleetArm(
      {
        // the management group the example's maintenance policy is assigned at
        managementGroups: { 'mg-contoso-servers': [sub] },
        machines: [
          { subscription: sub, resourceGroup: 'rg', name: 'vm-ok', kind: 'vm', os: 'Windows', assignments: compliant },
          { subscription: sub, resourceGroup: 'rg', name: 'vm-new', kind: 'vm', os: 'Windows', assignments: [] },
        ],
      },
      { token: 'tok' },
    );
    try {
      const r = await jeajit(
        [
          'drift',
          '--declared',
          declared,
          '--azure',
          '--scope',
          `/subscriptions/${sub}`,
          '--endpoint',
          arm.url,
          '--format',
          'json',
        ],
        { env: { JEAJIT_ARM_TOKEN: 'tok' } },
      );
      expect(r.exitCode).toBe(2);
      const found = JSON.parse(r.stdout).findings.map(
        (f: { host: string; endpoint: string; kind: string }) => `${f.host} ${f.endpoint} ${f.kind}`,
      );
      // where the synth output's package records place them: JEA-DNS on the DNS VM only, JEA-Maintenance
      // on every server of the management group; endpoints without packages on every machine of the scope
      expect(found).toEqual(
        endpoints
          .filter((ep) => ep !== 'JEA-DNS')
          .map((ep) => `vm-new ${ep} guestconfig-missing`)
          .sort(),
      );
      expect(endpoints).toContain('JEA-DNS');
      const bad = await jeajit(
        ['drift', '--declared', declared, '--azure', '--scope', 'nowhere', '--endpoint', arm.url],
        { env: { JEAJIT_ARM_TOKEN: 'tok' } },
      );
      expect(bad.error!.message).toMatch(/^scope 'nowhere' is not/);
    } finally {
      await arm.close();
    }
  });

  it.each([
    [['drift', '--declared', 'x'], 'give --actual SNAPSHOT_OR_DIR, --azure, or both'],
    [['drift', '--declared', 'x', '--azure'], '--azure needs --subscription ID, --scope SCOPE, or both'],
    [['drift', '--declared', 'x', '--actual', 'y', '--subscription', 's'], '--subscription needs --azure'],
    [['drift', '--declared', '/nonexistent/cdktf.out', '--actual', 'y'], 'not a folder'],
  ])('drift %j is an error (exit 1): %s', async (args, message) => {
    const r = await jeajit(args);
    expect(r.error).toBeInstanceOf(CliError);
    expect((r.error as CliError).exitCode).toBe(1);
    expect(r.error!.message).toContain(message);
  });

  it('drift with a missing snapshot path is an error, not drift', async () => {
    const r = await jeajit(['drift', '--declared', declared, '--actual', path.join(dir, 'missing.json')]);
    expect(r.error).toBeInstanceOf(CliError);
    expect(r.error!.message).toContain('no such snapshot file or folder');
  });

  it('drift rejects an unknown format', async () => {
    const r = await jeajit(['drift', '--declared', declared, '--actual', snapshotFile, '--format', 'xml']);
    expect(r.error).toBeInstanceOf(CommanderError);
    expect(r.stderr).toContain('Allowed choices are text, json, markdown');
  });
});
