import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EndpointAclModel } from '../../src/acl/endpoint-acl';
import { RoleCapabilityModel, SessionConfigurationModel } from '../../src/jea/model';
import { GroupEligibilityModel, PimEligibilityModel, VmJitPolicyModel } from '../../src/jit/model';
import { loadPolicyFiles } from '../../src/policy/load-files';
import { EndpointEntry, JitEntry, PolicySet, PolicySource, RoleEntry } from '../../src/policy/policy-set';
import { Finding } from '../../src/rules/finding';
import { Rule, RuleFinding } from '../../src/rules/rule';
import { runRules } from '../../src/rules/run';

/** A source without positions (as a construct declares it). */
export function source(file: string): PolicySource {
  return { file };
}

/** A role capability declared in code. */
export function role(name: string, model: RoleCapabilityModel, module?: string): RoleEntry {
  return { name, source: source(`roles/${name}.psrc`), model, ...(module ? { module } : {}) };
}

/** A session configuration declared in code, with the roles it can load and its ACL. */
export function endpoint(
  name: string,
  model: SessionConfigurationModel,
  roles: RoleEntry[] = [],
  acl?: EndpointAclModel,
): EndpointEntry {
  return { name, source: source(`endpoints/${name}.pssc`), model, roles, ...(acl ? { acl } : {}) };
}

/** A JEA-clean endpoint model (RestrictedRemoteServer, virtual account with groups, transcripts) plus overrides. */
export function goodEndpointModel(over: Partial<SessionConfigurationModel> = {}): SessionConfigurationModel {
  return {
    schemaVersion: '2.0.0.0',
    sessionType: 'RestrictedRemoteServer',
    transcriptDirectory: 'C:\\ProgramData\\JEA\\Transcripts',
    runAsVirtualAccount: true,
    runAsVirtualAccountGroups: ['CONTOSO\\JEA_DNS_Host'],
    roleDefinitions: [['CONTOSO\\DnsOps', { roleCapabilities: ['DnsOps'] }]],
    ...over,
  };
}

/** A policy set from parts. */
export function policy(parts: Partial<PolicySet>): PolicySet {
  return { roles: [], endpoints: [], vmJit: [], pim: [], groups: [], ...parts };
}

/** A policy set with one role. */
export function withRole(model: RoleCapabilityModel, name = 'Ops'): PolicySet {
  return policy({ roles: [role(name, model)] });
}

/** A policy set with one endpoint (and its roles). */
export function withEndpoint(
  model: SessionConfigurationModel,
  roles: RoleEntry[] = [],
  acl?: EndpointAclModel,
): PolicySet {
  return policy({ roles, endpoints: [endpoint('Ops', model, roles, acl)] });
}

/** A JIT entry. */
export function jit<T>(name: string, model: T): JitEntry<T> {
  return { name, source: source(`jit/${name}`), model };
}

/** A VM JIT policy with one VM and one port. */
export function vmJit(prefixes: string[], duration = 'PT3H', port = 3389): JitEntry<VmJitPolicyModel> {
  return jit('rdp', {
    name: 'default',
    resourceGroupName: 'rg',
    location: 'westeurope',
    virtualMachines: [
      {
        id: '/subscriptions/0000/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm1',
        ports: [
          { number: port, protocol: 'TCP', allowedSourceAddressPrefixes: prefixes, maxRequestAccessDuration: duration },
        ],
      },
    ],
  });
}

const APPROVER = { type: 'Group' as const, objectId: '11111111-1111-1111-1111-111111111111' };

/** A PIM eligibility that passes every rule, plus overrides. */
export function pim(over: Partial<PimEligibilityModel> = {}): JitEntry<PimEligibilityModel> {
  return jit('owner', {
    scope: '/subscriptions/0000',
    roleDefinitionGuid: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
    roleName: 'Owner',
    principalId: '22222222-2222-2222-2222-222222222222',
    expiry: 'P180D',
    activation: { maximumDuration: 'PT1H', approval: { approvers: [APPROVER] }, requireMfa: true },
    ...over,
  });
}

/** A PIM for Groups eligibility that passes every rule, plus overrides. */
export function group(over: Partial<GroupEligibilityModel> = {}): JitEntry<GroupEligibilityModel> {
  return jit('ops-group', {
    groupId: '33333333-3333-3333-3333-333333333333',
    principalIds: ['22222222-2222-2222-2222-222222222222'],
    assignmentType: 'member',
    expiry: 'P90D',
    activation: { maximumDuration: 'PT2H', conditionalAccessContext: 'c1' },
    ...over,
  });
}

/** What a rule finds in a policy set (it must not throw). */
export function check(rule: Rule, set: PolicySet): RuleFinding[] {
  return rule.check(set);
}

/** The messages of what a rule finds. */
export function messages(rule: Rule, set: PolicySet): string[] {
  return check(rule, set).map((f) => f.message);
}

/** Writes files (name -> text) to a fresh temporary folder and returns the folder. */
export function writeFiles(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-rules-'));
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return dir;
}

/**
 * Loads files from text and runs one rule with positions. Load problems fail the test, except
 * those `expected` names (a message fragment each): files the constructs refuse still load.
 */
export function lint(rule: Rule, files: Record<string, string>, expected: readonly string[] = []): Finding[] {
  const dir = writeFiles(files);
  try {
    const loaded = loadPolicyFiles([dir]);
    const unexpected = loaded.problems.filter((p) => !expected.some((e) => p.message.includes(e)));
    if (unexpected.length || loaded.problems.length !== expected.length)
      throw new Error(`test files do not load as expected: ${JSON.stringify(loaded.problems)}`);
    return runRules(loaded.set, { rules: [rule] });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of `text` from a 1-based line and column to the end of that line. */
export function textAt(text: string, line: number, column: number): string {
  return text.split(/\r\n|\n|\r/)[line - 1]?.slice(column - 1) ?? '';
}

/** Joins lines with CRLF, as PowerShell writes data files. */
export function lines(...l: string[]): string {
  return l.join('\r\n');
}

/** The 1-based line and column of the first occurrence of `needle` in `text` (after `from`, when given). */
export function where(text: string, needle: string, from?: string): { line: number; column: number } {
  const start = from === undefined ? 0 : text.indexOf(from);
  const at = text.indexOf(needle, Math.max(0, start));
  if (at < 0) throw new Error(`'${needle}' not in the text`);
  const before = text.slice(0, at).split(/\r\n|\n|\r/);
  return { line: before.length, column: before[before.length - 1].length + 1 };
}
