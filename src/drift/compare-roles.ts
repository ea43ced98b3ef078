import { RoleCapabilityModel } from '../jea/model';
import { compareRoleCapability } from './compare-endpoint';
import { DeclaredRole } from './declared';
import { atFile, KindedChange, unreadable } from './finding';
import { formatProblem, ReadModel } from './read-model';
import { fold, keyStep } from './semantic';
import { SnapshotRoleCapability } from './snapshot';

/** The findings of a role file's text against its declaration (the caller may cache them by text). */
export type RoleContentComparer = (role: DeclaredRole, content: string) => readonly KindedChange[];

/** The path of a role in findings: `Roles['MaintenanceLev1']`. */
export function rolePath(role: string): string {
  return keyStep('Roles', role);
}

/**
 * Compares a declared role with the role capability files of the same name (`candidates`) on a
 * host's PSModulePath: the file at
 * the role's install path (or, for a role outside a module folder, the first of its name) must
 * read into the declared model (`role-changed` per field, `unparsable-file`), it must be there
 * (`role-missing`), and no other file may carry the same role name (`role-shadowed`: JEA would
 * load one of them in no guaranteed order).
 */
export function compareRole(
  role: DeclaredRole,
  candidates: readonly SnapshotRoleCapability[],
  compareContent: RoleContentComparer,
): KindedChange[] {
  const installed =
    role.installPath === undefined ? candidates[0] : candidates.find((r) => fold(r.path) === fold(role.installPath!));
  const path = rolePath(role.name);
  const out: KindedChange[] = [];
  if (!installed)
    out.push({ kind: 'role-missing', change: { path, declared: role.installPath ?? role.name, actual: null } });
  else if (installed.content === null) out.push(...atFile([unreadable('the file could not be read')], installed.path));
  else out.push(...atFile(compareContent(role, installed.content), installed.path));
  for (const other of candidates) {
    if (other !== installed)
      out.push({
        kind: 'role-shadowed',
        change: { path, declared: role.installPath ?? installed?.path ?? null, actual: other.path },
      });
  }
  return out;
}

/**
 * The findings of a role file's content: its changes against the declared model, or the reason it
 * does not read (an `unparsable-file` finding whose path {@link atFile} fills in).
 */
export function roleContentChanges(role: DeclaredRole, read: ReadModel<RoleCapabilityModel>): KindedChange[] {
  if ('problem' in read) return [unreadable(formatProblem(read.problem))];
  return compareRoleCapability(role.model, read.model, rolePath(role.name)).map((change) => ({
    kind: 'role-changed' as const,
    change,
  }));
}
