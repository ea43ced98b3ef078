/**
 * ARM requests that the azurerm and azure-native mappings build alike, with the parts that differ
 * between engines only in form (a name chosen at random, the scope of a role definition's ID, a
 * name repeated in the body) put in one form.
 */
import { Ask } from './ask';

type Json = Record<string, unknown>;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `PUT <machine>/providers/Microsoft.GuestConfiguration/guestConfigurationAssignments/<name>`
 * (`<machine>`: `/subscriptions/<s>/resourceGroups/<rg>/providers/Microsoft.Compute/virtualMachines/<vm>`
 * or `.../Microsoft.HybridCompute/machines/<m>`). azurerm and azure-native repeat the name in the
 * body, an ARM template deployment does not (the URL names the resource): a body `name` equal to
 * the URL's is left out, a different one kept.
 */
export function guestAssignmentAsk(machine: string, name: string, body: Json): Omit<Ask, 'name'> {
  const { name: bodyName, ...rest } = body;
  return {
    request: `PUT ${machine}/providers/Microsoft.GuestConfiguration/guestConfigurationAssignments/${name}`,
    body: bodyName === undefined || bodyName === name ? rest : body,
  };
}

/**
 * `PUT <scope>/providers/Microsoft.Authorization/roleAssignments/<GUID>`. The assignment's name
 * is a GUID either way (azurerm makes a random one, the native component derives one): a GUID
 * becomes `<GUID>`, anything else stays. The role is compared by its GUID: azurerm sends the ID
 * its role definition lookup at the scope answers, the native component the tenant-level
 * `/providers/Microsoft.Authorization/roleDefinitions/<GUID>`; both name the same built-in role.
 */
export function roleAssignmentAsk(scope: string, name: string, properties: Json): Omit<Ask, 'name'> {
  const role = String(properties.roleDefinitionId).split('/').pop()!.toLowerCase();
  return {
    request: `PUT ${scope}/providers/Microsoft.Authorization/roleAssignments/${GUID.test(name) ? '<GUID>' : name}`,
    body: {
      properties: {
        ...properties,
        roleDefinitionId: `<role scope>/providers/Microsoft.Authorization/roleDefinitions/${role}`,
      },
    },
  };
}
