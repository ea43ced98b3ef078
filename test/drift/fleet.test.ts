import * as fs from 'fs';
import * as path from 'path';
import { PassThrough } from 'stream';
import * as readModelModule from '../../src/drift/read-model';
import { HostComparer } from '../../src/drift/compare-host';
import { expectedSnapshot } from '../../src/drift/expected-snapshot';
import { checkSnapshots } from '../../src/drift/fleet';
import { Memo } from '../../src/drift/memo';
import { Progress, progressBar, wantsProgress } from '../../src/drift/progress';
import { editable, estate, tempDir } from './estate';

const AT = '2025-06-01T08:00:00.000Z';

function recorder(): Progress & { events: string[] } {
  const events: string[] = [];
  return {
    events,
    start: (n) => events.push(`start ${n}`),
    tick: () => events.push('tick'),
    stop: () => events.push('stop'),
  };
}

describe('checking a fleet of snapshots', () => {
  const declared = estate();
  const good = expectedSnapshot(declared, { host: 'HOST-A', collectedAt: AT });
  const dir = tempDir();
  const write = (name: string, content: string | Buffer) => fs.writeFileSync(path.join(dir, name), content);
  write('host-a.json', JSON.stringify(good));
  write('host-b.json', JSON.stringify({ ...good, host: 'HOST-B' }));
  write(
    'host-c.json',
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify({ ...good, host: 'HOST-C' }), 'utf16le')]),
  );
  const drifted = editable(good);
  drifted.host = 'HOST-D';
  drifted.endpoints = drifted.endpoints.slice(1);
  write('host-d.json', JSON.stringify(drifted));
  write('host-e.json', '{"schema":"jeajit.snapshot/v1",');
  write('host-f.json', JSON.stringify({ ...good, schema: 'other' }));
  write(
    'host-g.json',
    Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ ...good, host: 'HOST-G' }))]),
  );
  write('README.txt', 'not a snapshot');

  it('reads every .json of a folder, one per host, and reports drift per host', () => {
    const progress = recorder();
    const { findings, hosts } = checkSnapshots(new HostComparer(declared), dir, progress);
    expect(hosts).toBe(7);
    expect(progress.events).toEqual(['start 7', ...Array(7).fill('tick'), 'stop']);
    const byHost = (h: string) => findings.filter((f) => f.host === h);
    expect(byHost('HOST-A')).toEqual([]);
    expect(byHost('HOST-C')).toEqual([]);
    expect(byHost('HOST-G')).toEqual([]);
    expect(byHost('HOST-D').map((f) => [f.endpoint, f.kind])).toEqual([[good.endpoints[0].name, 'missing-endpoint']]);
  });

  it('reports a broken snapshot as an unparsable file of that host, and goes on', () => {
    const { findings } = checkSnapshots(new HostComparer(declared), dir);
    expect(findings.filter((f) => f.kind === 'unparsable-file').sort((a, b) => a.host.localeCompare(b.host))).toEqual([
      {
        host: 'host-e.json',
        endpoint: null,
        kind: 'unparsable-file',
        path: path.join(dir, 'host-e.json'),
        declared: null,
        actual: expect.stringMatching(/^\$: not valid JSON/),
      },
      {
        host: 'host-f.json',
        endpoint: null,
        kind: 'unparsable-file',
        path: path.join(dir, 'host-f.json'),
        declared: null,
        actual: '$.schema: expected \'jeajit.snapshot/v1\', found "other"',
      },
    ]);
  });

  it('checks a single snapshot file without a progress bar', () => {
    const progress = recorder();
    expect(checkSnapshots(new HostComparer(declared), path.join(dir, 'host-a.json'), progress)).toEqual({
      findings: [],
      hosts: 1,
    });
    expect(progress.events).toEqual([]);
  });

  it('parses each distinct file text once across identical hosts', () => {
    const spy = jest.spyOn(readModelModule, 'readModel');
    try {
      const comparer = new HostComparer(declared);
      for (let i = 0; i < 50; i++) expect(comparer.compare({ ...good, host: `HOST-${i}` })).toEqual([]);
      expect(spy).toHaveBeenCalledTimes(good.endpoints.length + good.roleCapabilities.length);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('bounded caching', () => {
  it('keeps at most `limit` results per owner, dropping the oldest', () => {
    const memo = new Memo<object, number>(2);
    const owner = {};
    let computed = 0;
    const get = (k: string) => memo.get(owner, k, () => ++computed);
    expect([get('a'), get('b'), get('a')]).toEqual([1, 2, 1]);
    get('c');
    expect(get('a')).toBe(4);
    expect(get('c')).toBe(3);
  });
});

describe('the progress bar', () => {
  it('shows only on a terminal, not for JSON, not in CI', () => {
    expect(wantsProgress({ isTTY: true, format: 'text', env: {} })).toBe(true);
    expect(wantsProgress({ isTTY: true, format: 'markdown', env: {} })).toBe(true);
    expect(wantsProgress({ isTTY: false, format: 'text', env: {} })).toBe(false);
    expect(wantsProgress({ isTTY: true, format: 'json', env: {} })).toBe(false);
    expect(wantsProgress({ isTTY: true, format: 'text', env: { CI: 'true' } })).toBe(false);
  });

  it('draws on the stream it is given', () => {
    const stream = Object.assign(new PassThrough(), {
      isTTY: true,
      columns: 100,
      cursorTo: () => true,
      clearLine: () => true,
      moveCursor: () => true,
    });
    let drawn = '';
    stream.on('data', (d) => (drawn += d.toString()));
    const bar = progressBar(stream);
    bar.start(3);
    bar.tick();
    bar.stop();
    expect(drawn).toContain('snapshots');
  });
});
