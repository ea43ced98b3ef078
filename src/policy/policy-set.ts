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
    // A list of one may be written without @( ): `VisibleCmdlets = @{ ... }` is item 0 of the model.
    const find = (p: readonly Psd1PathStep[]) => source.locate!(p) ?? (p.includes(0) ? source.locate!(p.filter((step) => step !== 0)) : undefined);
    for (let n = path.length; n >= 0; n--) {
      const at = find(path.slice(0, n));
      if (at) return n === path.length ? at.value : (at.key ?? at.value);
    }
  }
  return { line: 1, column: 1 };
}
