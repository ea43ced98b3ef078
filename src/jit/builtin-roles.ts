/**
 * Built-in Azure roles jeajit knows by name, with their fixed GUIDs
 * (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
 */
export const BUILTIN_ROLES: Readonly<Record<string, string>> = {
  Owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  Contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  Reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
  'User Access Administrator': '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
  'Role Based Access Control Administrator': 'f58310d9-a9f6-439a-9e8d-f62e7b41a168',
  'Virtual Machine Contributor': '9980e02c-c2be-4d73-94e8-173b1dc7cf3c',
  'Virtual Machine Administrator Login': '1c0163c0-47e6-4577-8991-ea5c82e286e4',
  'Virtual Machine User Login': 'fb879df8-f326-4884-b1cf-06f3ad86be52',
  'Network Contributor': '4d97b98b-1d4f-4787-a291-c67834d212e7',
  'Key Vault Administrator': '00482a5a-887f-4fb3-b363-3b7fe8e74483',
};

/** Roles that hand out control of everything in their scope (JIT004 requires approval for them). */
export const PRIVILEGED_ROLES = [
  'Owner',
  'User Access Administrator',
  'Contributor',
  'Role Based Access Control Administrator',
];

/** The Entra role that makes a user local administrator on every Entra-joined device. */
export const DEVICE_LOCAL_ADMINISTRATOR_ROLE = '9f06204d-73c1-4d4c-880a-6edb90606fd8';

/** The GUID of a role given by name (case-insensitive) or by GUID; undefined when unknown. */
export function roleGuid(role: string): { guid: string; name?: string } | undefined {
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(role)) {
    const name = Object.keys(BUILTIN_ROLES).find((n) => BUILTIN_ROLES[n] === role.toLowerCase());
    return name ? { guid: role.toLowerCase(), name } : { guid: role.toLowerCase() };
  }
  const name = Object.keys(BUILTIN_ROLES).find((n) => n.toLowerCase() === role.toLowerCase());
  return name ? { guid: BUILTIN_ROLES[name], name } : undefined;
}
