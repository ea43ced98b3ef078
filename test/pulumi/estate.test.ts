import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeEndpointFiles } from '../../constructs/pulumi';
import { JeaEstate } from '../../examples/estate';
import { declareEstate } from '../../examples/pulumi/estate';
import { expectSameAsks } from './equivalence';
import { filesUnder, settle, synthCdktf, useMocks, valueOf } from './helpers';

describe('the Pulumi example estate, against the cdktf one', () => {
  const registered = useMocks();
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-pulumi-'));
  const estate = declareEstate('contoso', out);
  const cdktfStack = synthCdktf((app) => new JeaEstate(app, 'contoso'), 'contoso');
  beforeAll(() => settle(registered));

  it('writes every endpoint file byte for byte as cdktf synth does', () => {
    writeEndpointFiles(out, estate.endpoints);
    const expected = filesUnder(path.join(cdktfStack, 'jea'));
    const actual = filesUnder(path.join(out, 'jea'));
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    expect(expected.size).toBeGreaterThan(30);
    for (const [name, bytes] of expected) {
      if (!name.endsWith('endpoint.json')) {
        expect([name, actual.get(name)!.equals(bytes)]).toEqual([name, true]);
        continue;
      }
      // endpoint.json also records where each construct was declared: the same constructs, in each engine's own program
      const strip = (b: Buffer) => {
        const { declared, ...rest } = JSON.parse(b.toString('utf8'));
        return {
          rest,
          constructs: [
            declared.endpoint.construct,
            ...Object.values(declared.roles as Record<string, { construct: string }>).map((r) => r.construct),
          ],
        };
      };
      expect([name, strip(actual.get(name)!)]).toEqual([name, strip(bytes)]);
    }
  });

  it('writes the Machine Configuration packages and their records byte for byte as cdktf synth does', () => {
    const expected = filesUnder(path.join(cdktfStack, 'guestconfig'));
    const actual = filesUnder(path.join(out, 'guestconfig'));
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    expect([...expected.keys()].map((f) => f.split('/')[0]).sort()).toEqual([
      'jeajit-JEA-DNS',
      'jeajit-JEA-DNS',
      'jeajit-JEA-Maintenance',
      'jeajit-JEA-Maintenance',
    ]);
    for (const [name, bytes] of expected) expect([name, actual.get(name)!.equals(bytes)]).toEqual([name, true]);
  });

  it('registers, for every cdktf resource, one that asks Azure for the same thing, and no other', () =>
    expectSameAsks(registered, cdktfStack));

  it('registers the components under the root scope with the cdktf paths as names', () => {
    const components = registered.filter((r) => !r.custom).map((r) => `${r.type} ${r.name}`);
    expect(components).toEqual(
      expect.arrayContaining([
        'jeajit:index:Scope contoso',
        'jeajit:jea:RoleCapability contoso/DnsOperator',
        'jeajit:jea:JeaModule contoso/MaintenanceModule',
        'jeajit:acl:EndpointAcl contoso/FileServerAcl',
        'jeajit:jea:SessionConfiguration contoso/JEA-Maintenance',
        'jeajit:jea:JeaVmDeployment contoso/MaintenanceEverywhere',
        'jeajit:jit:VmJitAccessPolicy contoso/ManagementPortsJit',
        'jeajit:jit:PimRoleEligibility contoso/VmContributorOnCall',
        'jeajit:jit:JitGroupEligibility contoso/MaintenanceLev2Jit',
        'jeajit:guestconfig:MachineConfiguration contoso/DnsKeptOnDc',
        'jeajit:guestconfig:MachineConfiguration contoso/MaintenanceOnEveryServer',
      ]),
    );
    expect(components).toHaveLength(1 + 5 + 4 + 1 + 4 + 4 + 1 + 1 + 1 + 2);
  });

  it('exposes the bundle hash each run command passes', async () => {
    const maintenance = estate.endpoints.find((e) => e.name === 'JEA-Maintenance')!;
    const sha = await valueOf(maintenance.bundleSha256);
    expect(sha).toBe(maintenance.artifacts().bundleSha256);
    const commands = registered.filter((r) => r.name.startsWith('contoso/MaintenanceEverywhere/RunCommand'));
    expect(commands.map((c) => c.inputs.parameters)).toEqual([
      [{ name: 'BundleSha256', value: sha }],
      [{ name: 'BundleSha256', value: sha }],
    ]);
  });
});
