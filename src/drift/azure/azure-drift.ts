import { PimEligibilityModel } from '../../jit/model';
import { JitEntry } from '../../policy/policy-set';
import { DeclaredEstate } from '../declared';
import { DriftFinding, findingsOf } from '../finding';
import { fold, plain } from '../semantic';
import { ArmClient, ARM_ENDPOINT, TokenProvider } from './arm-client';
import { ArmJitPolicy, compareJitPolicy, isDeclaredPolicy, jitPolicyFromArm, jitPolicyId } from './compare-jit';
import { ArmRoleManagementPolicy, comparePimPolicy, pimPolicyFromArm } from './compare-pim';
import { armTokenProvider } from './credentials';

/** API versions of the resources read. */
export const API_VERSIONS = { jit: '2020-01-01', authorization: '2020-10-01' } as const;

/** Where and how to read Azure. */
export interface AzureDriftOptions {
  readonly subscription: string;
  /** The ARM endpoint. @default https://management.azure.com */
  readonly endpoint?: string;
  /** @default armTokenProvider(endpoint) */
  readonly token?: TokenProvider;
  readonly fetch?: typeof fetch;
  readonly env?: NodeJS.ProcessEnv;
}

interface PolicyAssignment {
  readonly properties: { readonly scope: string; readonly roleDefinitionId: string; readonly policyId: string };
}

interface EligibilitySchedule {
  readonly id: string;
  readonly properties: {
    readonly scope: string;
    readonly roleDefinitionId: string;
    readonly principalId: string;
    readonly memberType?: string;
    readonly status?: string;
  };
}

/**
 * Declared VMs that a deployed policy jeajit does not own also lists: one finding per VM and
 * such policy, at the policy's ID, with the ports it opens for that VM.
 */
function foreignPolicies(host: string, estate: DeclaredEstate, deployed: readonly ArmJitPolicy[]): DriftFinding[] {
  const foreign = deployed.filter((p) => !estate.vmJit.some((e) => isDeclaredPolicy(p, e.model)));
  const out: DriftFinding[] = [];
  for (const entry of estate.vmJit) {
    for (const vm of entry.model.virtualMachines) {
      for (const p of foreign) {
        const theirs = (p.properties?.virtualMachines ?? []).find((v) => fold(v.id) === fold(vm.id));
        if (theirs)
          out.push(
            ...findingsOf(host, entry.name, 'jit-policy-foreign', [
              {
                path: p.id,
                declared: null,
                actual: { virtualMachine: vm.id, ports: (theirs.ports ?? []).map((x) => `${x.number}/${x.protocol}`) },
              },
            ]),
          );
      }
    }
  }
  return out;
}

const guidOf = (roleDefinitionId: string) => fold(roleDefinitionId.split('/').pop() ?? '');
const eligibilityKey = (principalId: string, roleGuid: string) => `${fold(principalId)}|${fold(roleGuid)}`;

/**
 * Compares the declared JIT constructs with a subscription through the ARM REST API: just-in-time
 * VM access policies (`jit-policy-missing`, `jit-policy-changed`, and `jit-policy-foreign` for a
 * declared VM that a policy jeajit does not own lists too), and for every declared PIM
 * eligibility in the subscription its eligibility schedule (`eligibility-missing`) and its role
 * management policy (`pim-policy-changed`); direct eligibility schedules at a declared scope that
 * nothing declares are `eligibility-unexpected`. Findings have host `azure:<subscription>` and the
 * declared construct path as endpoint. PIM for Groups lives in Microsoft Graph and is not read.
 */
export async function azureDrift(estate: DeclaredEstate, options: AzureDriftOptions): Promise<DriftFinding[]> {
  const endpoint = options.endpoint ?? ARM_ENDPOINT;
  const client = new ArmClient(endpoint, options.token ?? armTokenProvider(endpoint, options.env), options.fetch);
  const sub = options.subscription;
  const host = `azure:${sub}`;
  const out: DriftFinding[] = [];
  if (estate.vmJit.length) {
    const deployed = await client.list<ArmJitPolicy>(
      `/subscriptions/${sub}/providers/Microsoft.Security/jitNetworkAccessPolicies`,
      API_VERSIONS.jit,
    );
    for (const entry of estate.vmJit) {
      const policy = deployed.find((p) => isDeclaredPolicy(p, entry.model));
      if (!policy)
        out.push(
          ...findingsOf(host, entry.name, 'jit-policy-missing', [
            { path: jitPolicyId(sub, entry.model), declared: plain(entry.model), actual: null },
          ]),
        );
      else
        out.push(
          ...findingsOf(
            host,
            entry.name,
            'jit-policy-changed',
            compareJitPolicy(entry.model, jitPolicyFromArm(policy, entry.model)),
          ),
        );
    }
    out.push(...foreignPolicies(host, estate, deployed));
  }
  const inSubscription = estate.pim.filter((p) => fold(p.model.scope).startsWith(fold(`/subscriptions/${sub}`)));
  const scopes = new Map<string, JitEntry<PimEligibilityModel>[]>();
  for (const p of inSubscription)
    (scopes.get(fold(p.model.scope)) ?? scopes.set(fold(p.model.scope), []).get(fold(p.model.scope))!).push(p);
  for (const entries of scopes.values()) {
    const scope = entries[0].model.scope;
    const [assignments, schedules] = await Promise.all([
      client.list<PolicyAssignment>(
        `${scope}/providers/Microsoft.Authorization/roleManagementPolicyAssignments`,
        API_VERSIONS.authorization,
      ),
      client.list<EligibilitySchedule>(
        `${scope}/providers/Microsoft.Authorization/roleEligibilitySchedules`,
        API_VERSIONS.authorization,
        { $filter: 'atScope()' },
      ),
    ]);
    const here = schedules.filter(
      (s) =>
        fold(s.properties.scope) === fold(scope) && (s.properties.memberType ?? 'Direct').toLowerCase() === 'direct',
    );
    const found = new Set(
      here.map((s) => eligibilityKey(s.properties.principalId, guidOf(s.properties.roleDefinitionId))),
    );
    for (const entry of entries) {
      const m = entry.model;
      if (!found.has(eligibilityKey(m.principalId, m.roleDefinitionGuid))) {
        out.push(
          ...findingsOf(host, entry.name, 'eligibility-missing', [
            {
              path: '',
              declared: { scope: m.scope, roleDefinitionGuid: m.roleDefinitionGuid, principalId: m.principalId },
              actual: null,
            },
          ]),
        );
      }
      const assignment = assignments.find(
        (a) =>
          fold(a.properties.scope) === fold(scope) &&
          guidOf(a.properties.roleDefinitionId) === fold(m.roleDefinitionGuid),
      );
      const declared = { activation: m.activation, expiry: m.expiry };
      if (!assignment) {
        out.push(
          ...findingsOf(host, entry.name, 'pim-policy-changed', [
            { path: '', declared: plain(declared), actual: null },
          ]),
        );
        continue;
      }
      const policy = await client.get<ArmRoleManagementPolicy>(
        assignment.properties.policyId,
        API_VERSIONS.authorization,
      );
      out.push(
        ...findingsOf(host, entry.name, 'pim-policy-changed', comparePimPolicy(declared, pimPolicyFromArm(policy))),
      );
    }
    const declaredKeys = new Set(entries.map((e) => eligibilityKey(e.model.principalId, e.model.roleDefinitionGuid)));
    for (const s of here) {
      if (declaredKeys.has(eligibilityKey(s.properties.principalId, guidOf(s.properties.roleDefinitionId)))) continue;
      out.push(
        ...findingsOf(host, null, 'eligibility-unexpected', [
          {
            path: s.id,
            declared: null,
            actual: {
              scope: s.properties.scope,
              roleDefinitionId: s.properties.roleDefinitionId,
              principalId: s.properties.principalId,
            },
          },
        ]),
      );
    }
  }
  return out;
}
