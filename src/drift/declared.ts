import { DeclaredPackages, declaredPackages } from '../guestconfig/manifest';
import * as fs from 'fs';
import * as path from 'path';
import { aclFromRoleDefinitions, EndpointAclModel, forEachGroup } from '../acl/endpoint-acl';
import { parsePrincipal } from '../acl/principal';
import { RoleCapabilityModel, SessionConfigurationModel } from '../jea/model';
import { GroupEligibilityModel, PimEligibilityModel, VmJitPolicyModel } from '../jit/model';
import { loadSynthOutput } from '../policy/load-synth';
import { JitEntry, LoadProblem } from '../policy/policy-set';
import { decode } from '../psd1';
import { readPlacements } from './placement';
import { fold } from './semantic';

/** Where Register-<endpoint>.ps1 installs modules (`$env:ProgramFiles\WindowsPowerShell\Modules`). */
export const MODULES_ROOT = 'C:\\Program Files\\WindowsPowerShell\\Modules';

/** A declared role capability and where a deployed host has it. */
export interface DeclaredRole {
  readonly name: string;
  readonly module?: string;
  /** `C:\Program Files\WindowsPowerShell\Modules\<Module>\RoleCapabilities\<Role>.psrc`; unknown for a role outside a module folder. */
  readonly installPath?: string;
  readonly model: RoleCapabilityModel;
  /** The declared file's text. */
  readonly text: string;
}

/** A declared endpoint: its configuration, ACL and roles. */
export interface DeclaredEndpoint {
  readonly name: string;
  readonly model: SessionConfigurationModel;
  /** The declared .pssc text. */
  readonly text: string;
  /** The declared ACL; for a bare .pssc, what Register-PSSessionConfiguration derives from RoleDefinitions; none without RoleDefinitions. */
  readonly acl?: EndpointAclModel;
  readonly roles: readonly DeclaredRole[];
  /** Account names the host must resolve to SIDs (SIDs and well-known names excluded). */
  readonly principals: readonly string[];
}

/** Everything drift compares against. */
export interface DeclaredEstate {
  readonly endpoints: readonly DeclaredEndpoint[];
  /** Host name (folded) -> names (folded) of the endpoints deployed to it, from the synth's VM deployments. */
  readonly placements: ReadonlyMap<string, ReadonlySet<string>>;
  readonly vmJit: readonly JitEntry<VmJitPolicyModel>[];
  readonly pim: readonly JitEntry<PimEligibilityModel>[];
  readonly groups: readonly JitEntry<GroupEligibilityModel>[];
  /** Endpoint name -> SHA-256 of each Machine Configuration package the synth output records for it. */
  readonly contentHashes?: Readonly<Record<string, readonly string[]>>;
  /** Endpoint name -> what the package records say of it: hashes, and the machines and scopes it is assigned to. */
  readonly packages?: Readonly<Record<string, DeclaredPackages>>;
  /** Problems that do not stop a drift check (a JIT policy whose VMs are known only at deploy time, an unreadable cdk.tf.json). */
  readonly warnings: readonly string[];
}

/** The declaration could not be read: every problem, `file:line:col: message`. */
export class DeclaredError extends Error {
  constructor(readonly problems: readonly LoadProblem[]) {
    super(
      `the declaration does not load:\n${problems.map((p) => `  ${p.file}:${p.line}:${p.column}: ${p.message}`).join('\n')}`,
    );
    this.name = 'DeclaredError';
  }
}

/**
 * Reads a synth output (`cdktf.out`, a stack folder of it) or a folder of .pssc/.psrc files as
 * the declared state. Throws {@link DeclaredError} when a declared file does not load.
 */
export function loadDeclared(dir: string): DeclaredEstate {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory())
    throw new DeclaredError([
      { file: dir, line: 1, column: 1, message: 'not a folder (give the synth output, e.g. cdktf.out)' },
    ]);
  const loaded = loadSynthOutput(dir);
  const packages = declaredPackages(dir);
  const fatal = loaded.problems.filter((p) => /(\.psrc|\.pssc|[\\/]endpoint\.json)$/i.test(p.file));
  if (fatal.length) throw new DeclaredError(fatal);
  const texts = new Map<string, string>();
  const textOf = (file: string) =>
    texts.get(file) ?? texts.set(file, decode(fs.readFileSync(file), file).text).get(file)!;
  const roleCache = new Map<string, DeclaredRole>();
  const endpoints = loaded.set.endpoints.map((ep): DeclaredEndpoint => {
    const acl =
      ep.acl ??
      (ep.model.roleDefinitions?.length
        ? aclFromRoleDefinitions(
            ep.model.roleDefinitions.map(([p]) => p),
            ep.model.requiredGroups,
          )
        : undefined);
    const roles = ep.roles.map((r) => {
      let role = roleCache.get(r.source.file);
      if (!role) {
        const at = installLocation(r.source.file, r.name);
        role = { name: r.name, ...at, model: r.model, text: textOf(r.source.file) };
        roleCache.set(r.source.file, role);
      }
      return role;
    });
    return {
      name: ep.name,
      model: ep.model,
      text: textOf(ep.source.file),
      ...(acl ? { acl } : {}),
      roles,
      principals: principalsOf(ep.model, acl),
    };
  });
  return {
    endpoints,
    placements: readPlacements(dir),
    vmJit: loaded.set.vmJit,
    pim: loaded.set.pim,
    groups: loaded.set.groups,
    packages,
    contentHashes: Object.fromEntries(Object.entries(packages).map(([e, p]) => [e, p.hashes])),
    warnings: loaded.problems.filter((p) => !fatal.includes(p)).map((p) => `${p.file}: ${p.message}`),
  };
}

/** The endpoints a host is expected to run: those deployed to its VM, or every endpoint for a host no deployment names. */
export function endpointsFor(estate: DeclaredEstate, host: string): readonly DeclaredEndpoint[] {
  const names = estate.placements.get(fold(host.split('.')[0]));
  return names ? estate.endpoints.filter((e) => names.has(fold(e.name))) : estate.endpoints;
}

/** Account names the endpoints name, each once (case-insensitive), in order. */
export function declaredPrincipals(endpoints: readonly DeclaredEndpoint[]): string[] {
  const seen = new Map<string, string>();
  for (const e of endpoints) for (const p of e.principals) if (!seen.has(fold(p))) seen.set(fold(p), p);
  return [...seen.values()];
}

function principalsOf(model: SessionConfigurationModel, acl: EndpointAclModel | undefined): string[] {
  const names: string[] = [];
  for (const e of acl?.entries ?? []) names.push(e.principal);
  forEachGroup(acl?.requiredGroups ?? model.requiredGroups, (g) => void names.push(g));
  for (const [p] of model.roleDefinitions ?? []) names.push(p);
  const out = new Map<string, string>();
  for (const n of names) {
    const parsed = parsePrincipal(n);
    if ('kind' in parsed && parsed.kind === 'name' && !parsed.wellKnownSid && !out.has(fold(n))) out.set(fold(n), n);
  }
  return [...out.values()];
}

/** The module (and version) of a role file laid out as `<Module>/[<Version>/]RoleCapabilities/<Role>.psrc`, and its install path. */
function installLocation(file: string, role: string): { module?: string; installPath?: string } {
  const parts = path.resolve(file).split(/[\\/]/);
  const i = parts.map((p) => p.toLowerCase()).lastIndexOf('rolecapabilities');
  if (i < 1) return {};
  const above = parts[i - 1];
  const versioned = /^\d+(\.\d+){1,3}$/.test(above) && i >= 2;
  const module = versioned ? parts[i - 2] : above;
  return { module, installPath: roleInstallPath(module, role) };
}

/** Where a module's role capability is installed on a host: `<Modules>\<Module>\RoleCapabilities\<Role>.psrc`, the layout JEA searches. */
export function roleInstallPath(module: string, role: string): string {
  return [MODULES_ROOT, module, 'RoleCapabilities', `${role}.psrc`].join('\\');
}
