import { App } from 'cdktf';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { JeaEstate } from '../../examples/estate';
import { jeajit } from '../helpers/cli';

const OUT = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-snapshot-host-'));
const app = new App({ outdir: OUT });
new JeaEstate(app, 'contoso');
app.synth();
afterAll(() => fs.rmSync(OUT, { recursive: true, force: true }));

describe('jeajit snapshot --host', () => {
  it('gives the endpoints deployed to a known host (its name without case, or its DNS name)', () => {
    const r = jeajit(['snapshot', '--expected', OUT, '--host', 'VM-FILE01.contoso.com']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout.toString()).endpoints.map((e: { name: string }) => e.name)).toEqual([
      'JEA-FileServer',
      'JEA-Maintenance',
    ]);
  });

  it('exits 1 for a host the declaration does not deploy to, naming it and the hosts it does deploy to', () => {
    const r = jeajit(['snapshot', '--expected', OUT, '--host', 'vm-web01']);
    expect(r.status).toBe(1);
    expect(r.stdout.length).toBe(0);
    expect(r.stderr).toBe(
      `--host vm-web01: no VM deployment in ${OUT} names this host; the declaration deploys to vm-dc-dns01, vm-file01\n`,
    );
  });

  it('takes any host name when the declaration deploys nowhere (every host runs every endpoint)', () => {
    const dir = path.join(OUT, 'stacks', 'contoso', 'jea', 'JEA-DNS');
    const r = jeajit(['snapshot', '--expected', dir, '--host', 'anything']);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout.toString()).endpoints.map((e: { name: string }) => e.name)).toEqual(['JEA-DNS']);
  });
});
