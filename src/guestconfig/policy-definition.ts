/**
 * A custom Azure Policy definition that puts a jeajit package on every Windows machine of a
 * scope, present and future: Azure VMs, and Arc servers when the assignment says so. The shape
 * follows Microsoft's GuestConfiguration module (FACTS.md §6, its source/templates): mode Indexed,
 * `metadata.guestConfiguration` (which the Machine Configuration service reads to create the
 * guest assignment itself), an assignment name `<package>$pid<unique>`, and existence =
 * `complianceStatus` Compliant.
 */
import { createHash } from 'crypto';
import { ASSIGNMENT_TEMPLATE, assignmentTemplateParameters, GuestConfigurationBody, MACHINE_TYPES } from './assignment';

/**
 * `DeployIfNotExists` creates the assignment (with its assignment type) on every machine in
 * scope that lacks a compliant one; `AuditIfNotExists` only reports them (the Machine
 * Configuration service still creates an Audit assignment from the metadata).
 */
export type PolicyEffect = 'DeployIfNotExists' | 'AuditIfNotExists';

/** Both effects. */
export const POLICY_EFFECTS: readonly PolicyEffect[] = ['DeployIfNotExists', 'AuditIfNotExists'];

/** Guest Configuration Resource Contributor: what a DeployIfNotExists assignment's identity needs. */
export const GUEST_CONFIGURATION_RESOURCE_CONTRIBUTOR = '088ab73d-1256-47ae-bea9-9de8e7131f31';

/** A parameter of a policy definition. */
export interface PolicyParameter {
  readonly type: 'String';
  readonly allowedValues: string[];
  readonly defaultValue: string;
  readonly metadata: { readonly displayName: string; readonly description: string };
}

/** A policy definition's body, as ARM and azurerm's `azurerm_policy_definition` take it. */
export interface PolicyDefinitionBody {
  readonly displayName: string;
  readonly description: string;
  readonly mode: 'Indexed';
  readonly metadata: Record<string, unknown>;
  readonly parameters: Record<string, PolicyParameter>;
  readonly policyRule: Record<string, unknown>;
}

/**
 * A string ARM and Azure Policy take literally: one that starts with `[` would be read as an
 * expression, so its bracket is doubled (ARM's escape for a literal leading `[`).
 */
export function armLiteral(value: string): string {
  return value.startsWith('[') ? `[${value}` : value;
}

/**
 * A name Azure accepts for a policy object: `preferred` when it is at most `max` characters of
 * letters, digits, `-` and `_`; else `jeajit-` and 16 hex digits of its SHA-256 (management
 * group assignments allow only 24 characters).
 */
export function policyObjectName(preferred: string, max: number): string {
  if (preferred.length <= max && /^[A-Za-z0-9_-]+$/.test(preferred)) return preferred;
  return `jeajit-${createHash('sha256').update(preferred, 'utf8').digest('hex').slice(0, 16)}`;
}

/** The policy parameter that lets one assignment include Arc servers. */
export const INCLUDE_ARC_MACHINES = 'IncludeArcMachines';

/**
 * Which resources the policy applies to: Windows Azure VMs (by OS disk type or a Windows OS
 * profile), and Windows Arc servers when IncludeArcMachines is 'true'. The aliases are those of
 * Microsoft's templates (3-Images-Windows.json).
 */
const WINDOWS_MACHINES = {
  anyOf: [
    {
      allOf: [
        { field: 'type', equals: MACHINE_TYPES.virtualMachine },
        {
          anyOf: [
            { field: 'Microsoft.Compute/virtualMachines/storageProfile.osDisk.osType', like: 'Windows*' },
            { field: 'Microsoft.Compute/virtualMachines/osProfile.windowsConfiguration', exists: true },
          ],
        },
      ],
    },
    {
      allOf: [
        { value: `[parameters('${INCLUDE_ARC_MACHINES}')]`, equals: 'true' },
        { field: 'type', equals: MACHINE_TYPES.arcMachine },
        { field: 'Microsoft.HybridCompute/imageOffer', like: 'windows*' },
      ],
    },
  ],
};

/** Everything the definition says, but the effect. */
export interface GuestConfigurationPolicyInput {
  /** The endpoint the package installs (for the texts). */
  readonly endpoint: string;
  /** The assignment body every machine gets (its `name` is the package name). */
  readonly body: GuestConfigurationBody;
  readonly effect: PolicyEffect;
}

/**
 * The policy definition of a package. DeployIfNotExists deploys {@link ASSIGNMENT_TEMPLATE} on
 * each machine without a compliant assignment, with Guest Configuration Resource Contributor.
 * Every literal string is passed through {@link armLiteral}, so no declared value can become an
 * ARM expression.
 */
export function guestConfigurationPolicy(input: GuestConfigurationPolicyInput): PolicyDefinitionBody {
  const body = Object.fromEntries(
    Object.entries(input.body).map(([k, v]) => [k, typeof v === 'string' ? armLiteral(v) : v]),
  ) as unknown as GuestConfigurationBody;
  const name = body.name;
  const assignmentName = `[concat('${name}$pid', uniqueString(policy().assignmentId, policy().definitionReferenceId))]`;
  const details = {
    type: 'Microsoft.GuestConfiguration/guestConfigurationAssignments',
    name: assignmentName,
    existenceCondition: {
      field: 'Microsoft.GuestConfiguration/guestConfigurationAssignments/complianceStatus',
      equals: 'Compliant',
    },
  };
  const then =
    input.effect === 'AuditIfNotExists'
      ? { effect: 'auditIfNotExists', details }
      : {
          effect: 'deployIfNotExists',
          details: {
            ...details,
            roleDefinitionIds: [
              `/providers/Microsoft.Authorization/roleDefinitions/${GUEST_CONFIGURATION_RESOURCE_CONTRIBUTOR}`,
            ],
            deployment: {
              properties: {
                mode: 'incremental',
                parameters: assignmentTemplateParameters({
                  machineId: "[field('id')]",
                  location: "[field('location')]",
                  assignmentName,
                  guestConfiguration: body,
                }),
                template: ASSIGNMENT_TEMPLATE,
              },
            },
          },
        };
  return {
    displayName: armLiteral(`JEA endpoint ${input.endpoint} (jeajit, ${input.effect})`),
    description: armLiteral(
      `${input.effect === 'DeployIfNotExists' ? 'Installs and checks' : 'Checks'} the JEA endpoint ${input.endpoint} on Windows machines through Machine Configuration package ${input.body.name} (${input.body.contentHash.slice(0, 12)}). Generated by jeajit.`,
    ),
    mode: 'Indexed',
    metadata: {
      category: 'Guest Configuration',
      version: body.version,
      requiredProviders: ['Microsoft.GuestConfiguration'],
      guestConfiguration: {
        name: body.name,
        version: body.version,
        contentType: 'Custom',
        contentUri: body.contentUri,
        contentHash: body.contentHash,
        ...(input.effect === 'DeployIfNotExists' ? { assignmentType: body.assignmentType } : {}),
        ...(body.contentManagedIdentity !== undefined ? { contentManagedIdentity: body.contentManagedIdentity } : {}),
      },
    },
    parameters: {
      [INCLUDE_ARC_MACHINES]: {
        type: 'String',
        allowedValues: ['true', 'false'],
        defaultValue: 'false',
        metadata: {
          displayName: 'Include Arc-enabled servers',
          description: 'Also check Windows Arc-enabled servers (Machine Configuration is billed per Arc server).',
        },
      },
    },
    policyRule: { if: WINDOWS_MACHINES, then },
  };
}
