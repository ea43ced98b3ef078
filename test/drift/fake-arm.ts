import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as path from 'path';
import { jitVirtualMachines } from '../../src/jit/arm-template';
import { ActivationPolicy, PimEligibilityModel, VmJitPolicyModel } from '../../src/jit/model';

/** The official ARM REST API examples (../shared/azure-api-examples). */
export const EXAMPLES_DIR = path.resolve(__dirname, '../../../shared/azure-api-examples');

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function example(file: string): Json {
  const full = path.join(EXAMPLES_DIR, file);
  if (!fs.existsSync(full)) throw new Error(`ARM example not found at ${full}`);
  return JSON.parse(fs.readFileSync(full, 'utf8')).responses['200'].body;
}

/** What the fake ARM serves; tests edit it to make drift. */
export interface FakeArmState {
  /** Pages of the subscription's JIT policy list. */
  jitPages: Json[][];
  /** Scope (lower case) -> role management policy assignments. */
  assignments: Map<string, Json[]>;
  /** Policy ID (lower case) -> role management policy. */
  policies: Map<string, Json>;
  /** Scope (lower case) -> eligibility schedules listed at it (atScope(): at and above). */
  schedules: Map<string, Json[]>;
}

/** A running fake ARM server. */
export interface FakeArm {
  readonly url: string;
  readonly state: FakeArmState;
  /** Every request, `GET path?query`. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** The rules of the example policy rewritten to enforce a declared activation policy and expiry. */
export function declaredRules(rules: Json[], activation: ActivationPolicy, expiry: string): Json[] {
  return rules.map((r) => {
    const rule = JSON.parse(JSON.stringify(r));
    switch (rule.id) {
      case 'Expiration_EndUser_Assignment':
        rule.maximumDuration = activation.maximumDuration;
        break;
      case 'Enablement_EndUser_Assignment':
        rule.enabledRules = [
          ...(activation.requireMfa ? ['MultiFactorAuthentication'] : []),
          ...(activation.requireJustification !== false ? ['Justification'] : []),
          ...(activation.requireTicketInfo ? ['Ticketing'] : []),
        ];
        break;
      case 'Approval_EndUser_Assignment':
        rule.setting.isApprovalRequired = !!activation.approval;
        rule.setting.approvalStages[0].primaryApprovers = (activation.approval?.approvers ?? []).map((a) => ({
          id: a.objectId,
          description: 'approver',
          isBackup: false,
          userType: a.type,
        }));
        break;
      case 'AuthenticationContext_EndUser_Assignment':
        rule.isEnabled = !!activation.conditionalAccessContext;
        rule.claimValue = activation.conditionalAccessContext ?? '';
        break;
      case 'Notification_Admin_EndUser_Assignment':
        rule.notificationRecipients = activation.notifyOnActivation ?? [];
        break;
      case 'Expiration_Admin_Eligibility':
        rule.isExpirationRequired = expiry !== 'none';
        rule.maximumDuration = expiry === 'none' ? 'P365D' : expiry;
        break;
    }
    return rule;
  });
}

/**
 * The state a correct deployment of `jit` and `pim` in `subscription` gives, built from the
 * official example responses with the declared values put in; the examples' own resources stay
 * as unrelated neighbours (another JIT policy, another role's policy assignment, an eligibility
 * inherited from the subscription).
 */
export function deployedState(
  subscription: string,
  jit: readonly VmJitPolicyModel[],
  pim: readonly PimEligibilityModel[],
): FakeArmState {
  const other = JSON.parse(
    JSON.stringify(example('jit/GetJitNetworkAccessPoliciesSubscription_example.json').value).replace(
      /20ff7fc3-e762-44dd-bd96-b71116dcdc23/g,
      subscription,
    ),
  );
  const ours = jit.map((model) => {
    const policy = example('jit/GetJitNetworkAccessPolicy_example.json');
    return {
      ...policy,
      id: `/subscriptions/${subscription}/resourceGroups/${model.resourceGroupName}/providers/Microsoft.Security/locations/${model.location}/jitNetworkAccessPolicies/${model.name}`,
      name: model.name,
      location: model.location,
      properties: { ...policy.properties, virtualMachines: jitVirtualMachines(model), requests: [] },
    };
  });
  const state: FakeArmState = {
    jitPages: [other, ours],
    assignments: new Map(),
    policies: new Map(),
    schedules: new Map(),
  };
  const subScope = `/subscriptions/${subscription}`;
  for (const m of pim) {
    const scope = m.scope.toLowerCase();
    const policyId = `${m.scope}/providers/Microsoft.Authorization/roleManagementPolicies/5e1c2b3a-0d4f-4a6b-9c8d-7e6f5a4b3c2d`;
    const roleDefinitionId = `${subScope}/providers/Microsoft.Authorization/roleDefinitions/${m.roleDefinitionGuid}`;
    const [neighbour] = example('pim-role-management-policies/GetRoleManagementPolicyAssignmentByScope.json').value;
    const exampleAssignment = JSON.parse(
      JSON.stringify(neighbour).replace(/\/subscriptions\/129ff972-28f8-46b8-a726-e497be039368/g, m.scope),
    );
    const assignment = JSON.parse(JSON.stringify(exampleAssignment));
    assignment.properties.roleDefinitionId = roleDefinitionId;
    assignment.properties.policyId = policyId;
    assignment.name = `5e1c2b3a-0d4f-4a6b-9c8d-7e6f5a4b3c2d_${m.roleDefinitionGuid}`;
    state.assignments.set(scope, [...(state.assignments.get(scope) ?? []), exampleAssignment, assignment]);
    const policy = example('pim-role-management-policies/GetRoleManagementPolicyByName.json');
    policy.id = policyId;
    policy.properties.scope = m.scope;
    policy.properties.rules = declaredRules(policy.properties.rules, m.activation, m.expiry);
    state.policies.set(policyId.toLowerCase(), policy);
    const [schedule] = example('pim-eligibility-schedules/GetRoleEligibilitySchedulesByScope.json').value;
    const inherited = JSON.parse(
      JSON.stringify(schedule).replace(/dfa2a084-766f-4003-8ae1-c4aeb893a99f/g, subscription),
    );
    const own = JSON.parse(JSON.stringify(inherited));
    own.properties.scope = m.scope;
    own.properties.roleDefinitionId = roleDefinitionId;
    own.properties.principalId = m.principalId;
    own.properties.principalType = 'Group';
    own.id = `${m.scope}/providers/Microsoft.Authorization/RoleEligibilitySchedules/0b2c4d6e-8f0a-4b1c-9d2e-3f4a5b6c7d8e`;
    state.schedules.set(scope, [...(state.schedules.get(scope) ?? []), own, inherited]);
  }
  return state;
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const notFound = (res: http.ServerResponse, p: string) =>
  send(res, 404, { error: { code: 'ResourceNotFound', message: `The resource '${p}' was not found.` } });

/**
 * Starts a fake ARM on 127.0.0.1 that answers like the real API: bearer token checked, api-version
 * required, list pages with `nextLink`, ARM error bodies.
 */
export async function startFakeArm(state: FakeArmState, subscription: string, token: string): Promise<FakeArm> {
  const requests: string[] = [];
  let base = '';
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', base);
    requests.push(`GET ${url.pathname}${url.search}`);
    if (req.headers.authorization !== `Bearer ${token}`)
      return send(res, 401, { error: { code: 'AuthenticationFailed', message: 'Authentication failed.' } });
    const version = url.searchParams.get('api-version');
    const p = decodeURIComponent(url.pathname);
    const lower = p.toLowerCase();
    const want = (v: string) =>
      version === v
        ? true
        : (send(res, 400, {
            error: { code: 'InvalidApiVersionParameter', message: `The api-version '${version}' is invalid.` },
          }),
          false);
    if (
      lower === `/subscriptions/${subscription}/providers/microsoft.security/jitnetworkaccesspolicies`.toLowerCase()
    ) {
      if (!want('2020-01-01')) return;
      const page = Number(url.searchParams.get('$skipToken') ?? 0);
      const next =
        page + 1 < state.jitPages.length ? `${base}${p}?api-version=2020-01-01&$skipToken=${page + 1}` : undefined;
      return send(res, 200, { value: state.jitPages[page] ?? [], ...(next ? { nextLink: next } : {}) });
    }
    if (!want('2020-10-01')) return;
    const list =
      /^(.*)\/providers\/microsoft\.authorization\/(rolemanagementpolicyassignments|roleeligibilityschedules)$/.exec(
        lower,
      );
    if (list) {
      const map = list[2] === 'rolemanagementpolicyassignments' ? state.assignments : state.schedules;
      return send(res, 200, { value: map.get(list[1]) ?? [] });
    }
    const policy = state.policies.get(lower);
    return policy ? send(res, 200, policy) : notFound(res, p);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url: base, state, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
