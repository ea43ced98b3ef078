import * as fs from 'fs';
import * as path from 'path';
import { Ask, blobUrl, fakePolicyName, PROVIDER_SUBSCRIPTION, sha256 } from './ask';
import { templateResources } from './arm-template';
import { azurermPolicyRules } from './policy-rules';
import { AZURERM_MACHINE_CONFIGURATION } from './terraform-machine-configuration';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A resource of cdk.tf.json: its construct path and body (references resolved). */
export interface TerraformResource {
  readonly path: string;
  readonly body: Json;
}

/** What one azurerm resource type asks for (`stackDir`: the stack's folder, where Terraform runs). */
export type AzurermAsks = (r: TerraformResource, stackDir: string) => Omit<Ask, 'name'>[];

/** Entra ID resources map one to one to the azuread Pulumi provider: its token, and the renames of its bridged schema. */
const AZUREAD: Readonly<Record<string, { token: string; renames?: Readonly<Record<string, string>> }>> = {
  azuread_privileged_access_group_eligibility_schedule: {
    token: 'azuread:index/privilegedAccessGroupEligibilitySchedule:PrivilegedAccessGroupEligibilitySchedule',
  },
  azuread_group_role_management_policy: {
    token: 'azuread:index/groupRoleManagementPolicy:GroupRoleManagementPolicy',
    renames: { primaryApprover: 'primaryApprovers' },
  },
  azuread_group: { token: 'azuread:index/group:Group' },
  azuread_directory_role_assignment: { token: 'azuread:index/directoryRoleAssignment:DirectoryRoleAssignment' },
};

const camel = (key: string) => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** A block with camelCase keys (and renames). */
function camelCase(value: unknown, renames: Readonly<Record<string, string>> = {}): unknown {
  if (Array.isArray(value)) return value.map((v) => camelCase(v, renames));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k]) => k !== '//')
      .map(([k, v]) => [renames[camel(k)] ?? camel(k), camelCase(v, renames)]),
  );
}

/** What the ARM resources of azurerm ask for (the provider's code, for the fields jeajit sets). */
const AZURERM: Readonly<Record<string, AzurermAsks>> = {
  ...AZURERM_MACHINE_CONFIGURATION,
  azurerm_virtual_machine_run_command: ({ body: b }) => [
    {
      request: `PUT ${b.virtual_machine_id}/runCommands/${b.name}`,
      body: { location: b.location, properties: { source: camelCase(b.source), parameters: b.parameter ?? [] } },
    },
  ],
  azurerm_storage_blob: ({ body: b }, stackDir) => [
    {
      request: `PUT ${blobUrl(b.storage_account_name, b.storage_container_name, b.name)}`,
      // the file synth wrote, relative to the stack folder; Content-MD5 is hex in azurerm and sent
      // base64 (storage/storage_blob_resource.go, convertHexToBase64Encoding)
      body: {
        type: b.type,
        contentType: b.content_type,
        sha256: sha256(fs.readFileSync(path.join(stackDir, b.source))),
        ...(b.content_md5 ? { contentMd5: Buffer.from(b.content_md5, 'hex').toString('base64') } : {}),
      },
    },
  ],
  // what the deployment deploys (the JIT policy; a guest configuration assignment): each resource
  // of the template whose condition holds, with the parameters put in, in the provider's subscription
  azurerm_resource_group_template_deployment: ({ body: b }) =>
    templateResources(JSON.parse(b.template_content), JSON.parse(b.parameters_content)).map((r) => ({
      request: `PUT /subscriptions/${PROVIDER_SUBSCRIPTION}/resourceGroups/${b.resource_group_name}/${r.path}`,
      body: r.body,
    })),
  azurerm_network_security_rule: ({ body: b }) => [
    {
      request: `PUT /subscriptions/${PROVIDER_SUBSCRIPTION}/resourceGroups/${b.resource_group_name}/providers/Microsoft.Network/networkSecurityGroups/${b.network_security_group_name}/securityRules/${b.name}`,
      body: {
        properties: camelCase(
          Object.fromEntries(
            Object.entries(b).filter(
              ([k]) => !['//', 'name', 'resource_group_name', 'network_security_group_name'].includes(k),
            ),
          ),
        ),
      },
    },
  ],
  // a role eligibility schedule request (pim_eligible_role_assignment_resource.go, Create)
  azurerm_pim_eligible_role_assignment: ({ body: b }) => {
    const days = b.schedule?.expiration?.duration_days as number | undefined;
    return [
      {
        request: `PUT ${b.scope}/providers/Microsoft.Authorization/roleEligibilityScheduleRequests/<new GUID>`,
        body: {
          properties: {
            principalId: b.principal_id,
            roleDefinitionId: b.role_definition_id,
            requestType: 'AdminAssign',
            scope: b.scope,
            // azurerm writes an empty justification for none
            ...(b.justification ? { justification: b.justification } : {}),
            scheduleInfo: {
              expiration: days ? { type: 'AfterDuration', duration: `P${days}D` } : { type: 'NoExpiration' },
            },
            ...(b.ticket ? { ticketInfo: { ticketNumber: b.ticket.number, ticketSystem: b.ticket.system } } : {}),
          },
        },
      },
    ];
  },
  // azurerm finds the policy's name by listing the policies of the role at the scope
  azurerm_role_management_policy: ({ body: b }) => [
    {
      request: `PATCH ${b.scope}/providers/Microsoft.Authorization/roleManagementPolicies/${fakePolicyName(b.scope, b.role_definition_id)}`,
      body: { properties: { rules: azurermPolicyRules(b) } },
    },
  ],
};

/** `${type.id.attribute}`, the attribute maybe in a block (`identity[0].principal_id`). */
const REFERENCE = /^\$\{([a-z_]+)\.([A-Za-z0-9_]+)\.([a-z_]+(?:\[0\]\.[a-z_]+)?)\}$/;

/** A reference's value: what the mocked Pulumi providers give the same attribute (test/pulumi/helpers.ts). */
function dereference(type: string, attribute: string, target: TerraformResource): string {
  if (type === 'azurerm_storage_blob' && attribute === 'url')
    return blobUrl(target.body.storage_account_name, target.body.storage_container_name, target.body.name);
  if (attribute === 'object_id') return `${target.path}-object-id`;
  if (attribute === 'identity[0].principal_id') return `${target.path}-principal-id`;
  if (attribute === 'id') return `${target.path}-id`;
  throw new Error(`no value for \${${type}.${attribute}}`);
}

function resolve(value: unknown, resources: ReadonlyMap<string, TerraformResource>): unknown {
  if (typeof value === 'string') {
    const m = REFERENCE.exec(value);
    if (!m) return value;
    const target = resources.get(`${m[1]}.${m[2]}`);
    if (!target) throw new Error(`reference to an unknown resource: ${value}`);
    return dereference(m[1], m[3], target);
  }
  if (Array.isArray(value)) return value.map((v) => resolve(v, resources));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, resources)]));
  return value;
}

/** What every resource of a cdk.tf.json asks of Azure, by construct path; unknown resource types throw. */
export function terraformAsks(cdkTfJson: { resource?: Record<string, Record<string, Json>> }, stackDir: string): Ask[] {
  const resources = new Map<string, TerraformResource>();
  for (const [type, byId] of Object.entries(cdkTfJson.resource ?? {}))
    for (const [id, body] of Object.entries(byId))
      resources.set(`${type}.${id}`, { path: (body['//'] as { metadata: { path: string } }).metadata.path, body });
  const out: Ask[] = [];
  for (const [key, r] of resources) {
    const type = key.split('.')[0];
    const resource = { path: r.path, body: resolve(r.body, resources) as Json };
    const azuread = AZUREAD[type];
    const asks = azuread
      ? [{ request: azuread.token, body: camelCase(resource.body, azuread.renames) }]
      : AZURERM[type]?.(resource, stackDir);
    if (!asks) throw new Error(`no mapping for ${type}`);
    out.push(...asks.map((a) => ({ name: r.path, ...a })));
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
