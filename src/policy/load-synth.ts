import * as fs from 'fs';
import * as path from 'path';
import { EndpointManifest } from '../jea/endpoint';
import { roleGuid } from '../jit/builtin-roles';
import { EligibilityExpiry } from '../jit/duration';
import {
  ActivationPolicy,
  Approver,
  GroupEligibilityModel,
  JitPortRule,
  PimEligibilityModel,
  VmJitPolicyModel,
} from '../jit/model';
import { loadPolicyFiles } from './load-files';
import { Declared } from '../jea/declared-at';
import { Suppression } from '../rules/finding';
import { EndpointEntry, JitEntry, LoadProblem, PolicySet, PolicySource, RoleEntry } from './policy-set';

/** What reading a synth output gave. */
export interface LoadedSynth {
  readonly set: PolicySet;
  readonly problems: readonly LoadProblem[];
  /** Each endpoint's manifest (endpoint.json), by endpoint name. */
  readonly manifests: ReadonlyMap<string, EndpointManifest>;
  /**
   * The findings accepted at synth (`<stack>/jeajit/suppressions.json`, written by JeaChecks),
   * their files resolved against the stack folder, so that lint and diff honour them.
   */
  readonly suppressions: readonly Suppression[];
}

/**
 * Reads a synthesized `cdktf.out` folder (or one stack folder of it): every
 * `jea/<endpoint>/endpoint.json` with its .pssc and module .psrc files, and the JIT resources of
 * each stack's `cdk.tf.json`, and the findings accepted at synth (`jeajit/suppressions.json`). A
 * folder without endpoint.json files is read as plain .psrc/.pssc.
 */
export function loadSynthOutput(dir: string): LoadedSynth {
  const manifests = new Map<string, EndpointManifest>();
  const endpointDirs = findEndpointDirs(dir);
  const stackFiles = findFiles(dir, 'cdk.tf.json');
  const problems: LoadProblem[] = [];
  const suppressions = readSynthSuppressions(findFiles(dir, 'suppressions.json'), problems);
  if (endpointDirs.length === 0 && stackFiles.length === 0) {
    const plain = loadPolicyFiles([dir]);
    return { set: plain.set, problems: [...problems, ...plain.problems], manifests, suppressions };
  }
  const roles: RoleEntry[] = [];
  const endpoints: EndpointEntry[] = [];
  for (const epDir of endpointDirs) {
    const manifestFile = path.join(epDir, 'endpoint.json');
    let manifest: EndpointManifest;
    try {
      manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as EndpointManifest;
    } catch (e) {
      problems.push({
        file: manifestFile,
        line: 1,
        column: 1,
        message: `not a readable endpoint.json: ${(e as Error).message}`,
      });
      continue;
    }
    manifests.set(manifest.name, manifest);
    const files = manifest.files
      .filter((f) => /\.(psrc|pssc)$/i.test(f.path))
      .map((f) => path.join(epDir, ...f.path.split('/')));
    const loaded = loadPolicyFiles(files.filter((f) => fs.existsSync(f)));
    problems.push(...loaded.problems);
    const withDeclared = <T extends { readonly source: PolicySource }>(entry: T, d: Declared | undefined): T =>
      d ? { ...entry, source: { ...entry.source, declared: d } } : entry;
    const epRoles = loaded.set.roles.map((r) => withDeclared(r, manifest.declared?.roles[r.name]));
    roles.push(...epRoles);
    for (const ep of loaded.set.endpoints.map((e) => withDeclared(e, manifest.declared?.endpoint))) {
      // Roles the endpoint names that none of its modules carries were declared external (synth refuses others).
      const carried = new Set(manifest.roles.map((r) => r.toLowerCase()));
      const externalRoles = (ep.model.roleDefinitions ?? [])
        .flatMap(([, g]) => g.roleCapabilities ?? [])
        .filter((r) => !carried.has(r.replace(/^[^\\]+\\/, '').toLowerCase()));
      endpoints.push({
        ...ep,
        name: manifest.name,
        acl: {
          entries: manifest.acl.entries,
          ...(manifest.acl.requiredGroups ? { requiredGroups: manifest.acl.requiredGroups } : {}),
        },
        roles: epRoles,
        ...(externalRoles.length ? { externalRoles } : {}),
      });
    }
  }
  const jit = {
    vmJit: [] as JitEntry<VmJitPolicyModel>[],
    pim: [] as JitEntry<PimEligibilityModel>[],
    groups: [] as JitEntry<GroupEligibilityModel>[],
  };
  for (const file of stackFiles) {
    try {
      readJit(file, JSON.parse(fs.readFileSync(file, 'utf8')) as { resource?: Resources }, jit, problems);
    } catch (e) {
      problems.push({ file, line: 1, column: 1, message: `not readable Terraform JSON: ${(e as Error).message}` });
    }
  }
  return { set: { roles, endpoints, ...jit }, problems, manifests, suppressions };
}

/** The schema of `jeajit/suppressions.json`: the findings JeaChecks accepted at synth, with their reasons. */
export const SUPPRESSIONS_SCHEMA = 'jeajit.suppressions/v1';

/** Where synth writes the accepted findings, relative to the stack folder. */
export const SUPPRESSIONS_PATH = 'jeajit/suppressions.json';

/** The first problem of a list of suppressions (`[2].reason: a suppression needs a reason`), or undefined when it is one. */
export function suppressionsProblem(list: unknown): string | undefined {
  if (!Array.isArray(list)) return 'expected a list of { ruleId, reason, file?, path? }';
  for (const [i, item] of (list as unknown[]).entries()) {
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      return `[${i}]: expected { ruleId, reason, file?, path? }`;
    const s = item as Record<string, unknown>;
    if (typeof s.ruleId !== 'string' || !s.ruleId) return `[${i}].ruleId: expected a rule id such as 'JEA002'`;
    if (typeof s.reason !== 'string' || !s.reason.trim())
      return `[${i}].reason: a suppression of ${s.ruleId} needs a reason`;
    for (const key of ['file', 'path'])
      if (s[key] !== undefined && typeof s[key] !== 'string') return `[${i}].${key}: expected text`;
    const unknown = Object.keys(s).find((k) => !['ruleId', 'reason', 'file', 'path'].includes(k));
    if (unknown) return `[${i}].${unknown}: unknown key (a suppression has ruleId, reason, file and path)`;
  }
  return undefined;
}

/**
 * The suppressions of `<stack>/jeajit/suppressions.json` files. An entry's file, relative to the
 * stack folder (`jea/JEA-DNS/JEA-DNS.pssc`), becomes the path the loaded file has, so that it
 * matches that stack's file only; a construct path (a JIT resource) stays as it is.
 */
function readSynthSuppressions(files: readonly string[], problems: LoadProblem[]): Suppression[] {
  const out: Suppression[] = [];
  for (const file of files.filter((f) => path.basename(path.dirname(f)) === 'jeajit')) {
    const stackDir = path.dirname(path.dirname(file));
    let doc: { schema?: unknown; suppressions?: unknown };
    try {
      doc = JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '')) as typeof doc;
    } catch (e) {
      problems.push({ file, line: 1, column: 1, message: `not readable accepted findings: ${(e as Error).message}` });
      continue;
    }
    const problem =
      doc?.schema !== SUPPRESSIONS_SCHEMA
        ? `expected schema '${SUPPRESSIONS_SCHEMA}'`
        : suppressionsProblem(doc.suppressions);
    if (problem) {
      problems.push({ file, line: 1, column: 1, message: `not valid accepted findings: ${problem}` });
      continue;
    }
    for (const s of doc.suppressions as Suppression[]) {
      const local = s.file ? path.join(stackDir, ...s.file.split('/')) : undefined;
      out.push(local && fs.existsSync(local) ? { ...s, file: local } : s);
    }
  }
  return out;
}

function findEndpointDirs(dir: string): string[] {
  return findFiles(dir, 'endpoint.json').map((f) => path.dirname(f));
}

/** Every file of a name below `dir`, in name order, outside node_modules, .terraform and assets. */
export function findFiles(dir: string, name: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && e.name !== '.terraform' && e.name !== 'assets') walk(p);
      } else if (e.name === name) out.push(p);
    }
  };
  walk(dir);
  return out;
}

type Resources = Record<string, Record<string, Record<string, unknown>>>;

/** What cdktf writes beside a resource (`//`): its construct path, and where jeajit saw it declared. */
interface TfResource {
  readonly '//'?: {
    readonly metadata?: { readonly path?: string };
    readonly jeajit?: { readonly declared?: Declared };
  };
}

/** The template deployment of a VM JIT policy (`jeajit-jit-*`); its parameters are JSON text. */
interface TfJitDeployment extends TfResource {
  readonly name?: unknown;
  readonly parameters_content?: unknown;
  readonly resource_group_name: string;
}

/** A port of the deployment's parameters: a list of sources, or one (the ARM field). */
interface TfJitPort {
  readonly number: number;
  readonly protocol: JitPortRule['protocol'];
  readonly allowedSourceAddressPrefixes?: readonly string[];
  readonly allowedSourceAddressPrefix?: string;
  readonly maxRequestAccessDuration: string;
}

/** The parameters of a VM JIT policy's template deployment. */
interface TfJitParameters {
  readonly policyName: { readonly value: string };
  readonly location: { readonly value: string };
  readonly virtualMachines: {
    readonly value: readonly { readonly id: string; readonly ports: readonly TfJitPort[] }[];
  };
}

/** `azurerm_pim_eligible_role_assignment`. */
interface TfPimEligibility extends TfResource {
  readonly scope: string;
  readonly role_definition_id: string;
  readonly principal_id: string;
  readonly schedule?: { readonly expiration?: { readonly duration_days?: number } };
  readonly justification?: string;
  readonly ticket?: { readonly number: string; readonly system: string };
}

/** `azuread_privileged_access_group_eligibility_schedule`. */
interface TfGroupEligibility extends TfResource {
  readonly group_id: string;
  readonly assignment_type: GroupEligibilityModel['assignmentType'];
  readonly principal_id: string;
  readonly permanent_assignment?: boolean;
  readonly duration?: string;
  readonly justification?: string;
  readonly ticket_number?: string;
  readonly ticket_system: string;
}

/** `azurerm_role_management_policy` or `azuread_group_role_management_policy` (the parts read here). */
interface TfRoleManagementPolicy {
  readonly scope?: string;
  readonly role_definition_id?: string;
  readonly group_id?: string;
  readonly role_id?: string;
  readonly activation_rules?: {
    readonly maximum_duration?: string;
    readonly require_approval?: boolean;
    readonly approval_stage?: { readonly primary_approver?: readonly { type: Approver['type']; object_id: string }[] };
    readonly require_multifactor_authentication?: boolean;
    readonly required_conditional_access_authentication_context?: string;
    readonly require_justification?: boolean;
    readonly require_ticket_info?: boolean;
  };
  readonly notification_rules?: {
    readonly eligible_activations?: { readonly admin_notifications?: { readonly additional_recipients?: string[] } };
  };
}

/** The resources of one type in a stack, by logical id. */
function resourcesOf<T>(res: Resources, type: string): Record<string, T> {
  return (res[type] ?? {}) as Record<string, T>;
}

/** The construct path cdktf records for a resource, or its logical id. */
function constructPath(id: string, r: TfResource): string {
  return r['//']?.metadata?.path ?? id;
}

/** A JIT resource's source: its construct path, and where it was declared when jeajit recorded it (`//.jeajit.declared`). */
function sourceOf(file: string, r: TfResource): PolicySource {
  const d = r['//']?.jeajit?.declared;
  return d ? { file, declared: d } : { file };
}

function readJit(
  file: string,
  tf: { resource?: Resources },
  out: {
    vmJit: JitEntry<VmJitPolicyModel>[];
    pim: JitEntry<PimEligibilityModel>[];
    groups: JitEntry<GroupEligibilityModel>[];
  },
  problems: LoadProblem[],
): void {
  const res = tf.resource ?? {};
  for (const [id, r] of Object.entries(
    resourcesOf<TfJitDeployment>(res, 'azurerm_resource_group_template_deployment'),
  )) {
    if (!String(r.name).startsWith('jeajit-jit-')) continue;
    const name = constructPath(id, r).replace(/\/Policy$/, '');
    if (String(r.parameters_content).startsWith('${')) {
      problems.push({
        file,
        line: 1,
        column: 1,
        message: `${name}: the JIT policy's VMs are known only at deploy time; it is not reviewed`,
      });
      continue;
    }
    const p = JSON.parse(String(r.parameters_content)) as TfJitParameters;
    out.vmJit.push({
      name,
      source: sourceOf(name, r),
      model: {
        name: p.policyName.value,
        resourceGroupName: r.resource_group_name,
        location: p.location.value,
        virtualMachines: p.virtualMachines.value.map((vm) => ({
          id: vm.id,
          ports: vm.ports.map((port) => ({
            number: port.number,
            protocol: port.protocol,
            allowedSourceAddressPrefixes: port.allowedSourceAddressPrefixes ?? [port.allowedSourceAddressPrefix!],
            maxRequestAccessDuration: port.maxRequestAccessDuration,
          })),
        })),
      },
    });
  }
  const rmPolicies = Object.values(resourcesOf<TfRoleManagementPolicy>(res, 'azurerm_role_management_policy'));
  for (const [id, r] of Object.entries(resourcesOf<TfPimEligibility>(res, 'azurerm_pim_eligible_role_assignment'))) {
    const policy = rmPolicies.find(
      (p) =>
        String(p.scope).toLowerCase() === String(r.scope).toLowerCase() &&
        p.role_definition_id === r.role_definition_id,
    );
    const guid = String(r.role_definition_id).split('/').pop()!;
    const role = roleGuid(guid);
    const days = r.schedule?.expiration?.duration_days;
    out.pim.push({
      name: constructPath(id, r).replace(/\/Eligibility$/, ''),
      source: sourceOf(constructPath(id, r), r),
      model: {
        scope: r.scope,
        roleDefinitionGuid: guid,
        ...(role?.name ? { roleName: role.name } : {}),
        principalId: r.principal_id,
        expiry: (days ? `P${days}D` : 'none') as EligibilityExpiry,
        ...(r.justification !== undefined ? { justification: r.justification } : {}),
        ...(r.ticket ? { ticket: { number: r.ticket.number, system: r.ticket.system } } : {}),
        activation: activationOf(policy),
      },
    });
  }
  const groupPolicies = Object.values(resourcesOf<TfRoleManagementPolicy>(res, 'azuread_group_role_management_policy'));
  const byGroup = new Map<string, { name: string; schedules: TfGroupEligibility[] }>();
  for (const [id, r] of Object.entries(
    resourcesOf<TfGroupEligibility>(res, 'azuread_privileged_access_group_eligibility_schedule'),
  )) {
    const key = `${r.group_id}|${r.assignment_type}`;
    const entry = byGroup.get(key) ?? { name: constructPath(id, r).replace(/\/Eligibility\d+$/, ''), schedules: [] };
    entry.schedules.push(r);
    byGroup.set(key, entry);
  }
  for (const { name, schedules } of byGroup.values()) {
    const first = schedules[0];
    const policy = groupPolicies.find((p) => p.group_id === first.group_id && p.role_id === first.assignment_type);
    out.groups.push({
      name,
      source: sourceOf(name, first),
      model: {
        groupId: first.group_id,
        principalIds: schedules.map((s) => s.principal_id),
        assignmentType: first.assignment_type,
        expiry: (first.permanent_assignment ? 'none' : first.duration) as EligibilityExpiry,
        ...(first.justification !== undefined ? { justification: first.justification } : {}),
        ...(first.ticket_number !== undefined
          ? { ticket: { number: first.ticket_number, system: first.ticket_system } }
          : {}),
        activation: activationOf(policy),
      },
    });
  }
}

/** The activation policy of a role management policy resource (azurerm or azuread: same shape). */
function activationOf(policy: TfRoleManagementPolicy | undefined): ActivationPolicy {
  const a = policy?.activation_rules ?? {};
  const approvers = a.approval_stage?.primary_approver;
  const notify = policy?.notification_rules?.eligible_activations?.admin_notifications?.additional_recipients;
  return {
    maximumDuration: a.maximum_duration ?? 'PT8H',
    ...(a.require_approval
      ? { approval: { approvers: (approvers ?? []).map((x) => ({ type: x.type, objectId: x.object_id })) } }
      : {}),
    ...(a.require_multifactor_authentication ? { requireMfa: true } : {}),
    ...(a.required_conditional_access_authentication_context
      ? { conditionalAccessContext: a.required_conditional_access_authentication_context }
      : {}),
    requireJustification: a.require_justification ?? true,
    requireTicketInfo: a.require_ticket_info ?? false,
    ...(notify?.length ? { notifyOnActivation: notify } : {}),
  };
}
