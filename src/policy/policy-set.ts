import { Declared } from '../jea/declared-at';
import { EndpointAclModel } from '../acl/endpoint-acl';
import { RoleCapabilityModel, SessionConfigurationModel } from '../jea/model';
import { GroupEligibilityModel, PimEligibilityModel, VmJitPolicyModel } from '../jit/model';
import { Psd1Location, Psd1PathStep } from '../psd1';

/**
 * Where a piece of policy came from: a file (with source positions when it was parsed) or a
 * construct path. Findings and diffs point here.
 */
export interface PolicySource {
  /** A file path, or a construct path for declarations. */
  readonly file: string;
  /** Source positions of the parsed file, when there is one. */
  locate?(path: readonly Psd1PathStep[]): Psd1Location | undefined;
  /** The construct that declared it and where in the user's code, when the synth output recorded it. */
  readonly declared?: Declared;
}

/** A role capability and where it lives. */
export interface RoleEntry {
  /** The role name (the .psrc file name without extension). */
  readonly name: string;
  /** The module that carries it, when known. */
  readonly module?: string;
  readonly source: PolicySource;
  readonly model: RoleCapabilityModel;
  /** Why JEA never finds this file by role name, when it does not (a module version folder). */
  readonly unreachable?: string;
}

/** A JEA endpoint: its session configuration, ACL and the roles it can load. */
export interface EndpointEntry {
  readonly name: string;
  readonly source: PolicySource;
  readonly model: SessionConfigurationModel;
  /** The ACL, when known (synth output and constructs carry it; a bare .pssc does not). */
  readonly acl?: EndpointAclModel;
  /** The role capabilities this endpoint finds by name (its modules, or the role paths given). */
  readonly roles: readonly RoleEntry[];
  /** Role names the endpoint declares as provided on the host by modules jeajit does not carry. */
  readonly externalRoles?: readonly string[];
}

/** A declared JIT policy and where it is declared. */
export interface JitEntry<T> {
  readonly name: string;
  readonly source: PolicySource;
  readonly model: T;
}

/** Everything the rules, the effective-rights engine, diff and drift look at. */
export interface PolicySet {
  readonly roles: readonly RoleEntry[];
  readonly endpoints: readonly EndpointEntry[];
  readonly vmJit: readonly JitEntry<VmJitPolicyModel>[];
  readonly pim: readonly JitEntry<PimEligibilityModel>[];
  readonly groups: readonly JitEntry<GroupEligibilityModel>[];
}

/** A file that could not be read into the model: a finding of its own, never a crash. */
export interface LoadProblem {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

/**
 * The line and column of a path in a source: the value at the path, or, when the path does not
 * exist (a missing key), the key of its nearest existing parent; 1:1 without positions.
 */
export function positionOf(source: PolicySource, path: readonly Psd1PathStep[]): { line: number; column: number } {
  if (source.locate) {
    const fitted = fitPath(source, path);
    for (let n = fitted.length; n >= 0; n--) {
      const at = source.locate(fitted.slice(0, n));
      if (at) return n === fitted.length ? at.value : (at.key ?? at.value);
    }
  }
  return { line: 1, column: 1 };
}

/**
 * A path as the source has it: PowerShell takes a single item for a list (`VisibleCmdlets =
 * 'Get-Service'`), so an index 0 into a value that is not an array is dropped, which keeps the
 * finding on the value instead of on its key.
 */
export function fitPath(source: PolicySource, path: readonly Psd1PathStep[]): Psd1PathStep[] {
  if (!source?.locate) return [...path];
  const out: Psd1PathStep[] = [];
  let exists = true;
  for (const step of path) {
    if (exists) {
      const next = [...out, step];
      if (source.locate(next)) {
        out.push(step);
        continue;
      }
      if (step === 0 && source.locate(out)) continue;
      exists = false;
    }
    out.push(step);
  }
  return out;
}
