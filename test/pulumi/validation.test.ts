import { Testing, TerraformStack } from 'cdktf';
import * as cdktf from '../../constructs/cdktf';
import * as P from '../../constructs/pulumi';
import { useMocks } from './helpers';

/** Builds the constructs of one engine under a root named `contoso`, with cdktf's argument shapes. */
interface Kit {
  role(id: string, props?: cdktf.RoleCapabilityProps): unknown;
  module(id: string, props: Omit<cdktf.JeaModuleProps, 'roleCapabilities'>, roles: unknown[]): unknown;
  acl(id: string, props: cdktf.EndpointAclProps): unknown;
  endpoint(
    id: string,
    props: Omit<cdktf.SessionConfigurationProps, 'roleDefinitions'>,
    principal: string,
    roles: unknown[],
  ): unknown;
  deploy(id: string, endpoint: unknown, props: Omit<cdktf.JeaVmDeploymentProps, 'endpoint'>): unknown;
  vmJit(id: string, props: cdktf.VmJitAccessPolicyProps): unknown;
  pim(id: string, props: cdktf.PimRoleEligibilityProps): unknown;
  group(id: string, props: cdktf.JitGroupEligibilityProps): unknown;
}

function cdktfKit(): Kit {
  const s = new TerraformStack(Testing.app(), 'contoso');
  return {
    role: (id, p) => new cdktf.RoleCapability(s, id, p),
    module: (id, p, roles) => new cdktf.JeaModule(s, id, { ...p, roleCapabilities: roles as cdktf.RoleCapability[] }),
    acl: (id, p) => new cdktf.EndpointAcl(s, id, p),
    endpoint: (id, p, principal, roles) =>
      new cdktf.SessionConfiguration(s, id, {
        ...p,
        roleDefinitions: [{ principal, roleCapabilities: roles as cdktf.RoleCapability[] }],
      }),
    deploy: (id, endpoint, p) =>
      new cdktf.JeaVmDeployment(s, id, { ...p, endpoint: endpoint as cdktf.SessionConfiguration }),
    vmJit: (id, p) => new cdktf.VmJitAccessPolicy(s, id, p),
    pim: (id, p) => new cdktf.PimRoleEligibility(s, id, p),
    group: (id, p) => new cdktf.JitGroupEligibility(s, id, p),
  };
}

function pulumiKit(): Kit {
  const opts = { parent: new P.JeaScope('contoso') };
  return {
    role: (id, p) => new P.RoleCapability(id, p, opts),
    module: (id, p, roles) => new P.JeaModule(id, { ...p, roleCapabilities: roles as P.RoleCapability[] }, opts),
    acl: (id, p) => new P.EndpointAcl(id, p, opts),
    endpoint: (id, p, principal, roles) =>
      new P.SessionConfiguration(
        id,
        {
          ...(p as Omit<P.SessionConfigurationProps, 'roleDefinitions'>),
          roleDefinitions: [{ principal, roleCapabilities: roles as P.RoleCapability[] }],
        },
        opts,
      ),
    deploy: (id, endpoint, p) =>
      new P.JeaVmDeployment(id, { ...p, endpoint: endpoint as P.SessionConfiguration }, opts),
    vmJit: (id, p) => new P.VmJitAccessPolicy(id, p, opts),
    pim: (id, p) => new P.PimRoleEligibility(id, p, opts),
    group: (id, p) => new P.JitGroupEligibility(id, p, opts),
  };
}

/** The message of what `declare` throws, or undefined. */
function thrown(declare: (kit: Kit) => void, kit: Kit): string | undefined {
  try {
    declare(kit);
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
}

const VM = '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1';
const GUID = '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e41';
const activation = { maximumDuration: 'PT4H' };
const endpoint = { runAs: { virtualAccount: true as const } };
const pim = {
  scope: '/subscriptions/0/resourceGroups/rg',
  role: 'Reader',
  principalId: GUID,
  expiry: 'P90D' as const,
  activation,
};

const CASES: [string, (kit: Kit) => void][] = [
  [
    'a role name that is a device name, and a bad cmdlet',
    (k) =>
      k.role('Bad', {
        roleName: 'CON',
        visibleCmdlets: [{ name: 'Get-Item', parameters: [{ name: 'Path', validatePattern: '(' }] }],
      }),
  ],
  [
    'a module version of one number and a role carried twice',
    (k) => {
      const r = k.role('Ops');
      k.module('M', { name: 'Ops', version: '1' }, [r, r]);
    },
  ],
  [
    'a role carried by two modules',
    (k) => {
      const r = k.role('Ops');
      k.module('M1', { name: 'One', version: '1.0' }, [r]);
      k.module('M2', { name: 'Two', version: '1.0' }, [r]);
    },
  ],
  [
    'an endpoint that runs as a virtual account and a gMSA',
    (k) =>
      k.endpoint(
        'Ep',
        { runAs: { virtualAccount: true, groupManagedServiceAccount: 'CONTOSO\\gmsa' } as never },
        'CONTOSO\\Ops',
        [k.role('Ops')],
      ),
  ],
  [
    'an endpoint name of a built-in endpoint',
    (k) => k.endpoint('Ep', { ...endpoint, name: 'Microsoft.PowerShell' }, 'CONTOSO\\Ops', [k.role('Ops')]),
  ],
  [
    'a relative transcript directory and a bad principal',
    (k) => k.endpoint('Ep', { ...endpoint, transcriptDirectory: 'logs' }, 'not a principal\\a\\b', [k.role('Ops')]),
  ],
  [
    'an ACL of deny entries only',
    (k) => k.acl('Acl', { entries: [{ principal: 'CONTOSO\\Contractors', access: 'Deny', rights: ['FullControl'] }] }),
  ],
  [
    'a deployment of an endpoint whose role no module carries',
    (k) =>
      k.deploy('D', k.endpoint('Ep', endpoint, 'CONTOSO\\Ops', [k.role('Ops')]), {
        virtualMachineIds: [VM],
        location: 'westeurope',
      }),
  ],
  [
    'a deployment to a bad VM ID and region, over the inline limit',
    (k) => {
      const r = k.role('Ops');
      k.module('M', { name: 'Ops', version: '1.0' }, [r]);
      k.deploy('D', k.endpoint('Ep', endpoint, 'CONTOSO\\Ops', [r]), {
        virtualMachineIds: ['vm1'],
        location: 'West Europe',
        inlineScriptLimit: 100,
      });
    },
  ],
  [
    'a JIT port out of range, a long duration, a bad prefix and deny priorities past 4096',
    (k) =>
      k.vmJit('Jit', {
        resourceGroupName: 'rg',
        location: 'westeurope',
        virtualMachines: [
          {
            id: VM,
            ports: [
              { number: 70000, allowedSourceAddressPrefixes: ['10.0.0.0/33'], maxRequestAccessDuration: 'PT48H' },
              { number: 22, allowedSourceAddressPrefixes: ['*'] },
            ],
          },
        ],
        baselineDeny: { networkSecurityGroupName: 'nsg', priority: 4096 },
      }),
  ],
  [
    'an unknown role, a bad principal ID and activation duration',
    (k) =>
      k.pim('Pim', {
        ...pim,
        role: 'Not A Role',
        principalId: 'alice',
        activation: { maximumDuration: 'PT45M', requireMfa: true, conditionalAccessContext: 'c0' },
      }),
  ],
  [
    'two eligibilities of one role at one scope with other rules',
    (k) => {
      k.pim('A', pim);
      k.pim('B', { ...pim, activation: { maximumDuration: 'PT8H' } });
    },
  ],
  [
    'a group eligibility of no principals, with a bad principal name and expiry',
    (k) =>
      k.group('G', { groupId: GUID, principalIds: [], principalName: 'a\\b\\c', expiry: 'P2Y' as never, activation }),
  ],
];

describe('validation: the same messages as cdktf (same core)', () => {
  useMocks();

  it.each(CASES)('%s', (_, declare) => {
    const expected = thrown(declare, cdktfKit());
    expect(expected).toMatch(/^contoso\//);
    expect(thrown(declare, pulumiKit())).toBe(expected);
  });

  it('names the component path, with a nested scope and an explicit path', () => {
    const outer = new P.JeaScope('estate');
    const inner = new P.JeaScope('team', { parent: outer });
    expect(() => new P.RoleCapability('Bad', { roleName: 'CON' }, { parent: inner })).toThrow(
      /^estate\/team\/Bad: roleName = 'CON': /,
    );
    expect(() => new P.RoleCapability('Bad', { roleName: 'CON' }, { parent: inner, path: 'elsewhere/Bad' })).toThrow(
      /^elsewhere\/Bad: roleName/,
    );
  });

  it('names a role unused by any module when the endpoint files are first asked for', () => {
    const scope = new P.JeaScope('contoso');
    const ep = new P.SessionConfiguration(
      'Ep',
      {
        ...endpoint,
        roleDefinitions: [
          { principal: 'CONTOSO\\Ops', roleCapabilities: [new P.RoleCapability('Ops', {}, { parent: scope })] },
        ],
      },
      { parent: scope },
    );
    const message = "contoso/Ep: roleDefinitions = 'Ops': role capability contoso/Ops is not carried by any JeaModule";
    expect(() => ep.files).toThrow(message);
  });
});
