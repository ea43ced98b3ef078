import { ArmClient, ARM_ENDPOINT, TokenProvider } from '../../src/drift/azure/arm-client';
import { armTokenProvider } from '../../src/drift/azure/credentials';
import { findRoleManagementPolicyName } from '../../src/drift/azure/pim-policy-name';

/**
 * Finds the name (a GUID that Azure gives) of the role management policy of a role at a scope,
 * at deploy time. `roleDefinitionId` is the subscription-scoped ID
 * (`/subscriptions/<id>/providers/Microsoft.Authorization/roleDefinitions/<guid>`).
 */
export type PolicyNameResolver = (scope: string, roleDefinitionId: string) => Promise<string>;

/** Where and how {@link armPolicyNameResolver} reads ARM. */
export interface ArmPolicyNameOptions {
  /** @default https://management.azure.com */
  readonly endpoint?: string;
  /** @default DefaultAzureCredential from @azure/identity (environment, managed identity, Azure CLI, ...) */
  readonly token?: TokenProvider;
  /** @default the global fetch */
  readonly fetch?: typeof fetch;
  /** Where a test token for a local endpoint is read (see armTokenProvider). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Reads the policy name from ARM (the role's `roleManagementPolicyAssignments` entry at the scope)
 * with the program's Azure sign-in: the lookup `azurerm_role_management_policy` makes inside the
 * provider, made here because azure-native's RoleManagementPolicy needs the name as an input.
 */
export function armPolicyNameResolver(options: ArmPolicyNameOptions = {}): PolicyNameResolver {
  const endpoint = options.endpoint ?? ARM_ENDPOINT;
  let client: ArmClient | undefined;
  return (scope, roleDefinitionId) => {
    client ??= new ArmClient(endpoint, options.token ?? armTokenProvider(endpoint, options.env), options.fetch);
    return findRoleManagementPolicyName(client, scope, roleDefinitionId);
  };
}

let current: PolicyNameResolver | undefined;

/** The resolver of PimRoleEligibility components that do not give `roleManagementPolicyName`. */
export function policyNameResolver(): PolicyNameResolver {
  return (current ??= armPolicyNameResolver());
}

/**
 * Replaces the resolver that PimRoleEligibility components without `roleManagementPolicyName`
 * use (tests under mocks; another ARM endpoint or credential); returns the one it replaces.
 */
export function setPolicyNameResolver(resolver: PolicyNameResolver): PolicyNameResolver {
  const previous = policyNameResolver();
  current = resolver;
  return previous;
}
