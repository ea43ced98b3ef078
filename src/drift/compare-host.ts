import { compareAcl } from './compare-acl';
import { compareSessionConfiguration } from './compare-endpoint';
import { compareRole, roleContentChanges } from './compare-roles';
import { DeclaredEndpoint, DeclaredEstate, DeclaredRole, endpointsFor } from './declared';
import { atFile, DriftFinding, KindedChange, unreadable } from './finding';
import { Memo } from './memo';
import { formatProblem, readModel } from './read-model';
import { fold } from './semantic';
import { Snapshot, SnapshotRoleCapability } from './snapshot';

/** Built-in endpoints (Microsoft.PowerShell, PowerShell.7, ...): never declared, never unexpected. */
export function isBuiltinEndpoint(name: string): boolean {
  return /^(microsoft|powershell)\./i.test(name);
}

/** The path of the run-as setting of the registration (Get-PSSessionConfiguration), apart from the file's. */
export const REGISTRATION_RUN_AS = 'Registration.RunAsVirtualAccount';

/**
 * Compares host snapshots with a declared estate. Results for a file text, an SDDL with its
 * principals' SIDs, or a role file are computed once per distinct value and cached (bounded), so
 * a fleet of identical hosts costs little more than reading their snapshots.
 */
export class HostComparer {
  private readonly configs = new Memo<DeclaredEndpoint, readonly KindedChange[]>();
  private readonly acls = new Memo<DeclaredEndpoint, readonly KindedChange[]>();
  private readonly roles = new Memo<DeclaredRole, readonly KindedChange[]>();

  constructor(readonly estate: DeclaredEstate) {}

  /** Every finding of one host. */
  compare(snapshot: Snapshot): DriftFinding[] {
    const host = snapshot.host;
    const out: DriftFinding[] = [];
    const add = (endpoint: string | null, changes: readonly KindedChange[]) => {
      for (const { kind, change } of changes)
        out.push({ host, endpoint, kind, path: change.path, declared: change.declared, actual: change.actual });
    };
    const expected = endpointsFor(this.estate, host);
    const actual = new Map(snapshot.endpoints.map((e) => [fold(e.name), e]));
    const table = snapshot.principals;
    let folded: Map<string, string | null> | undefined;
    const sidOf = (name: string) => table[name] ?? (folded ??= foldedPrincipals(table)).get(fold(name)) ?? '';
    for (const d of expected) {
      const a = actual.get(fold(d.name));
      if (!a) {
        add(d.name, [{ kind: 'missing-endpoint', change: { path: '', declared: d.name, actual: null } }]);
        continue;
      }
      const file = a.configFilePath ?? '';
      if (a.configFile === null) add(d.name, atFile([unreadable('the configuration file could not be read')], file));
      else
        add(
          d.name,
          atFile(
            this.configs.get(d, a.configFile, () => configChanges(d, a.configFile!)),
            file,
          ),
        );
      if ((d.model.runAsVirtualAccount ?? false) !== a.runAsVirtualAccount) {
        add(d.name, [
          {
            kind: 'changed-field',
            change: {
              path: REGISTRATION_RUN_AS,
              declared: d.model.runAsVirtualAccount ?? false,
              actual: a.runAsVirtualAccount,
            },
          },
        ]);
      }
      if (d.acl) {
        const acl = d.acl;
        const key = `${a.securityDescriptorSddl}\u0000${d.principals.map(sidOf).join(',')}`;
        add(
          d.name,
          this.acls.get(d, key, () => compareAcl(acl, a.securityDescriptorSddl, snapshot.principals)),
        );
      }
    }
    const declaredHere = new Set(expected.map((e) => fold(e.name)));
    for (const a of snapshot.endpoints) {
      if (!declaredHere.has(fold(a.name)) && !isBuiltinEndpoint(a.name))
        add(a.name, [{ kind: 'unexpected-endpoint', change: { path: '', declared: null, actual: a.name } }]);
    }
    const byName = new Map<string, SnapshotRoleCapability[]>();
    for (const r of snapshot.roleCapabilities) {
      const key = fold(r.name);
      const list = byName.get(key);
      if (list) list.push(r);
      else byName.set(key, [r]);
    }
    const seen = new Set<DeclaredRole>();
    for (const d of expected) {
      for (const role of d.roles) {
        if (seen.has(role)) continue;
        seen.add(role);
        add(
          d.name,
          compareRole(role, byName.get(fold(role.name)) ?? [], (r, content) =>
            this.roles.get(r, content, () => roleContentChanges(r, readModel('psrc', content))),
          ),
        );
      }
    }
    return out;
  }
}

function configChanges(d: DeclaredEndpoint, text: string): KindedChange[] {
  const read = readModel('pssc', text);
  if ('problem' in read) return [unreadable(formatProblem(read.problem))];
  return compareSessionConfiguration(d.model, read.model).map((change) => ({ kind: 'changed-field' as const, change }));
}

function foldedPrincipals(table: Readonly<Record<string, string | null>>): Map<string, string | null> {
  const map = new Map<string, string | null>();
  for (const k in table) map.set(fold(k), table[k]);
  return map;
}
