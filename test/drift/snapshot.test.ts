import { expectedSnapshot } from '../../src/drift/expected-snapshot';
import { readSnapshot, SNAPSHOT_KEYS, SnapshotError, snapshotText, validateSnapshot } from '../../src/drift/snapshot';
import { schemaErrors, snapshotSchema } from '../helpers/snapshot-schema';
import { clone, estate } from './estate';

const schema = snapshotSchema;
const sidPattern = new RegExp(schema.$defs.sid.pattern);

describe('the snapshot schema', () => {
  const snapshot = expectedSnapshot(estate(), { collectedAt: '2025-06-01T08:00:00.000Z' });

  it('docs/snapshot.schema.json requires exactly the keys the validator requires', () => {
    expect(schema.required).toEqual(SNAPSHOT_KEYS.snapshot);
    expect(Object.keys(schema.properties)).toEqual(SNAPSHOT_KEYS.snapshot);
    expect(schema.$defs.endpoint.required).toEqual(SNAPSHOT_KEYS.endpoint);
    expect(Object.keys(schema.$defs.endpoint.properties)).toEqual(SNAPSHOT_KEYS.endpoint);
    expect(schema.$defs.roleCapability.required).toEqual(SNAPSHOT_KEYS.roleCapability);
    expect(schema.properties.schema.const).toBe('jeajit.snapshot/v1');
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('the expected snapshot of the example estate validates against the schema file and the validator', () => {
    expect(schemaErrors(schema, snapshot)).toEqual([]);
    expect(validateSnapshot(clone(snapshot))).toEqual(snapshot);
  });

  it('a collector-shaped snapshot (nulls, a built-in endpoint, an unresolved principal) validates against both', () => {
    const collected = {
      ...clone(snapshot),
      endpoints: [
        ...snapshot.endpoints,
        {
          name: 'microsoft.powershell',
          configFilePath: null,
          configFile: null,
          securityDescriptorSddl: 'O:NSG:BAD:P(A;;GA;;;BA)S:P(AU;FA;GA;;;WD)',
          runAsVirtualAccount: false,
          permission: null,
        },
      ],
      principals: { ...snapshot.principals, 'CONTOSO\\Gone': null },
    };
    expect(schemaErrors(schema, collected)).toEqual([]);
    expect(() => validateSnapshot(collected)).not.toThrow();
  });

  /** A snapshot as JSON, open to any edit (wrong types included). */
  type Editable = Record<string, unknown> & {
    endpoints: Record<string, unknown>[];
    roleCapabilities: Record<string, unknown>[];
    principals: Record<string, unknown>;
  };

  it.each([
    ['a wrong schema id', (s: Editable) => (s.schema = 'jeajit.snapshot/v2'), '$.schema'],
    ['a missing host', (s: Editable) => delete s.host, '$'],
    ['a bad date', (s: Editable) => (s.collectedAt = 'yesterday'), '$.collectedAt'],
    ['a number for a name', (s: Editable) => (s.endpoints[1].name = 7), '$.endpoints[1].name'],
    [
      'a string for a boolean',
      (s: Editable) => (s.endpoints[0].runAsVirtualAccount = 'true'),
      '$.endpoints[0].runAsVirtualAccount',
    ],
    ['an unknown key', (s: Editable) => (s.roleCapabilities[0].size = 1), '$.roleCapabilities[0].size'],
    ['a malformed SID', (s: Editable) => (s.principals['CONTOSO\\X'] = 'S-1-x'), "$.principals['CONTOSO\\X']"],
  ])('rejects %s, naming the JSON path, as the schema file does', (_, edit, at) => {
    const bad = clone(snapshot) as unknown as Editable;
    edit(bad);
    expect(() => validateSnapshot(bad, 'host.json')).toThrow(SnapshotError);
    try {
      validateSnapshot(bad, 'host.json');
    } catch (e) {
      expect((e as SnapshotError).at).toBe(at);
      expect((e as Error).message.startsWith(`host.json: ${at}: `)).toBe(true);
    }
    expect(schemaErrors(schema, bad).length).toBeGreaterThan(0);
  });

  it('uses the same SID syntax as the schema', () => {
    for (const sid of Object.values(snapshot.principals)) expect(sidPattern.test(sid!)).toBe(true);
  });

  it('reads snapshot files in UTF-8 with or without BOM and in UTF-16 (what PowerShell 5.1 > writes)', () => {
    const json = JSON.stringify(snapshot);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(json, 'utf16le').swap16()]);
    for (const bytes of [
      Buffer.from(json),
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]),
      le,
      be,
    ]) {
      expect(snapshotText(bytes)).toBe(json);
      expect(readSnapshot(bytes, 'x.json')).toEqual(snapshot);
    }
  });

  it('reports invalid JSON as a SnapshotError, not a crash', () => {
    expect(() => readSnapshot(Buffer.from('{"schema":'), 'broken.json')).toThrow(/^broken\.json: \$: not valid JSON/);
  });
});
