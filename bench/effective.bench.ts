import { effectiveRights } from '../src/effective/effective';
import { CapabilityModel } from '../src/jea/model';
import { EndpointEntry, RoleEntry } from '../src/policy/policy-set';
import { BenchResult, compare } from './measure';

const USERS = 10000;
const ROLES = 200;

/** 200 roles of 30 commands (a third constrained), each granted to one group; users are in 3 groups each. */
function fixture(): { endpoint: EndpointEntry; users: { name: string; groups: string[] }[] } {
  const roles: RoleEntry[] = Array.from({ length: ROLES }, (_, r) => {
    const model: CapabilityModel = {
      visibleCmdlets: Array.from({ length: 30 }, (_, c) =>
        c % 3 === 0
          ? {
              name: `Restart-Thing${c}`,
              parameters: [{ name: 'Name', validateSet: [`Svc${r}`, `Svc${c}`] }, { name: 'Force' }],
            }
          : `Get-Thing${(r * 7 + c) % 90}`,
      ),
      visibleExternalCommands: [`C:\\Tools\\tool${r % 20}.exe`],
    };
    return { name: `Role${r}`, source: { file: `Role${r}.psrc` }, model };
  });
  const endpoint: EndpointEntry = {
    name: 'Fleet',
    source: { file: 'Fleet.pssc' },
    model: {
      sessionType: 'RestrictedRemoteServer',
      roleDefinitions: roles.map((r, i) => [`CONTOSO\\G${i}`, { roleCapabilities: [r.name] }] as const),
    },
    roles,
  };
  const users = Array.from({ length: USERS }, (_, u) => ({
    name: `CONTOSO\\user${u}`,
    groups: [0, 1, 2].map((k) => `CONTOSO\\G${(u * 31 + k * 67) % ROLES}`),
  }));
  return { endpoint, users };
}

/** Effective rights of 10,000 users over 200 roles, against serializing the same users' role lists. */
export function run(): BenchResult[] {
  const { endpoint, users } = fixture();
  return [
    compare(
      'effective rights, 10,000 users over 200 roles',
      () => users.map((u) => effectiveRights(endpoint, u.name, u.groups)),
      'JSON.stringify + JSON.parse of the 3 roles of each user',
      () =>
        users.map(
          (u) => JSON.parse(JSON.stringify(u.groups.map((g) => endpoint.roles[Number(g.slice(9))].model))) as unknown,
        ),
      { runs: 5, notes: `${USERS} users, ${ROLES} roles of 30 commands` },
    ),
  ];
}
