import { AclEntry, aclFromRoleDefinitions, EndpointAclModel } from '../acl/endpoint-acl';
import { JeaModuleModel } from './jea-module';
import { PolicyException } from './capability-policy';
import { ValidationError } from './issues';
import {
  CapabilityModel,
  ExecutionPolicy,
  LanguageMode,
  RequiredGroups,
  RoleGrant,
  SessionConfigurationModel,
  SessionType,
} from './model';

/**
 * The props of the JEA constructs, shared by both engines (cdktf and Pulumi): `R` is the engine's
 * RoleCapability class and `A` its EndpointAcl class.
 */

/** Props of RoleCapability: every .psrc key, typed (see CapabilityModel for each field). */
export interface RoleCapabilityProps extends CapabilityModel {
  /** The role name that RoleDefinitions use; the file is `RoleCapabilities/<roleName>.psrc`. @default the construct id */
  readonly roleName?: string;
  /** What the role is for. @default none */
  readonly description?: string;
  /** The .psrc file's Author key. @default none */
  readonly author?: string;
  /** The .psrc file's CompanyName key. @default none */
  readonly companyName?: string;
  /** The .psrc file's Copyright key. @default none */
  readonly copyright?: string;
  /** The file's GUID. @default derived from the construct path (keep the GUID of an imported file) */
  readonly guid?: string;
  /** Checks deferred to their rules (JEA003, JEA008), each with a reason, as for imported files. @default none */
  readonly policyExceptions?: readonly PolicyException[];
}

/** Props of JeaModule. */
export interface JeaModulePropsOf<R> {
  /** The module name (its folder under Modules). */
  readonly name: string;
  /** The module version, 2 to 4 numbers (`1.0.0`). */
  readonly version: string;
  /** The role capabilities the module carries; role names must be unique. */
  readonly roleCapabilities: readonly R[];
  /** The module manifest's Description. @default a list of the roles */
  readonly description?: string;
  /** The module manifest's Author key. @default none */
  readonly author?: string;
  /** The module manifest's CompanyName key. @default none */
  readonly companyName?: string;
  /** The module manifest's Copyright key. @default none */
  readonly copyright?: string;
}

/** Props of EndpointAcl. */
export interface EndpointAclProps {
  /** Who may connect: allow and deny entries of principals (a SID, an SDDL alias such as BA, or DOMAIN\name) with rights. */
  readonly entries: readonly AclEntry[];
}

/** Something that names a principal, such as a group whose membership JIT grants. */
export interface IJeaPrincipal {
  /** The principal as the host resolves it: DOMAIN\name, a SID or an SDDL alias. */
  readonly principalName: string;
}

/** One RoleDefinitions entry: a principal and what it is granted. */
export interface RoleDefinitionOf<R> {
  /** DOMAIN\name, a SID, an SDDL alias, or a principal construct. */
  readonly principal: string | IJeaPrincipal;
  /** Role capabilities, each carried by a JeaModule. @default none */
  readonly roleCapabilities?: readonly R[];
  /** Absolute paths of .psrc files already on the host. @default none */
  readonly roleCapabilityFiles?: readonly string[];
  /** Capabilities granted inline, without a role capability file. @default none */
  readonly capabilities?: CapabilityModel;
  /** Names of role capabilities that modules outside this app provide on the host. @default none */
  readonly externalRoleCapabilities?: readonly string[];
}

/**
 * Whom the session runs as: a virtual account (optionally in groups instead of local
 * Administrators), a group managed service account, or, only when asked for explicitly, the
 * connecting user's own identity.
 */
export type RunAs =
  | { readonly virtualAccount: true; readonly groups?: readonly string[] }
  | { readonly groupManagedServiceAccount: string }
  | { readonly connectingUser: true };

/** Props of SessionConfiguration: every .pssc key, typed. */
export interface SessionConfigurationPropsOf<R, A> extends CapabilityModel {
  /** The endpoint name clients connect to (`Enter-PSSession -ConfigurationName`). @default the construct id */
  readonly name?: string;
  /** The session type: RestrictedRemoteServer (only the remoting basics, as JEA expects), Empty or Default. @default 'RestrictedRemoteServer' */
  readonly sessionType?: SessionType;
  /** The identity commands run as; required so that pass-through never happens by accident. */
  readonly runAs: RunAs;
  /** Who gets which roles. At least one. */
  readonly roleDefinitions: readonly RoleDefinitionOf<R>[];
  /** Groups a user must be in (and/or) to connect at all. @default none */
  readonly requiredGroups?: RequiredGroups;
  /** Where session transcripts go (absolute path). @default no transcripts */
  readonly transcriptDirectory?: string;
  /** Give each user a `User:` drive to copy files to and from the session. @default false */
  readonly mountUserDrive?: boolean;
  /** Bytes, with mountUserDrive. @default PowerShell's 50000000 */
  readonly userDriveMaximumSize?: number;
  /** The session's language mode. @default PowerShell's choice for the session type (NoLanguage for RestrictedRemoteServer) */
  readonly languageMode?: LanguageMode;
  /** The session's execution policy. @default PowerShell's default */
  readonly executionPolicy?: ExecutionPolicy;
  /** The PowerShell version the session needs (`5.1`). @default any */
  readonly powerShellVersion?: string;
  /** Validate the parameters of visible commands even without constraints. @default false (on with mountUserDrive) */
  readonly enforceInputParameterValidation?: boolean;
  /** What the endpoint is for. @default none */
  readonly description?: string;
  /** The .pssc file's Author key. @default none */
  readonly author?: string;
  /** The .pssc file's CompanyName key. @default none */
  readonly companyName?: string;
  /** The .pssc file's Copyright key. @default none */
  readonly copyright?: string;
  /** Who may connect. @default derived from roleDefinitions, as Register-PSSessionConfiguration does */
  readonly acl?: A;
  /** The file's GUID. @default derived from the construct path (keep the GUID of an imported file) */
  readonly guid?: string;
  /** Checks deferred to their rules (JEA003, JEA008), each with a reason, as for imported files. @default none */
  readonly policyExceptions?: readonly PolicyException[];
}

/** The .pssc fields of a run-as choice; exactly one kind must be chosen. */
export function runAsFields(path: string, runAs: RunAs): Partial<SessionConfigurationModel> {
  const raw = (runAs ?? {}) as Partial<{
    virtualAccount: boolean;
    groups: readonly string[];
    groupManagedServiceAccount: string;
    connectingUser: boolean;
  }>;
  const kinds = [
    raw.virtualAccount === true,
    raw.groupManagedServiceAccount !== undefined,
    raw.connectingUser === true,
  ].filter(Boolean).length;
  if (kinds !== 1) {
    throw new ValidationError([
      {
        path,
        field: 'runAs',
        value: runAs,
        reason:
          "choose exactly one: { virtualAccount: true, groups? }, { groupManagedServiceAccount: 'DOMAIN\\name' } or, explicitly, { connectingUser: true }",
      },
    ]);
  }
  return {
    ...(raw.virtualAccount ? { runAsVirtualAccount: true } : {}),
    ...(raw.groups ? { runAsVirtualAccountGroups: raw.groups } : {}),
    ...(raw.groupManagedServiceAccount !== undefined
      ? { groupManagedServiceAccount: raw.groupManagedServiceAccount }
      : {}),
  };
}

/** What a SessionConfiguration is declared with, in the core's terms. */
export interface SessionDeclaration<R> {
  /** What defineSessionConfiguration takes. */
  readonly declaration: Parameters<typeof import('./session-configuration').defineSessionConfiguration>[1];
  /** The role capability constructs the RoleDefinitions use, in order. */
  readonly roles: readonly R[];
  /** Role names provided outside the app. */
  readonly externalRoles: readonly string[];
  /** The RoleDefinitions principals, in order. */
  readonly principals: readonly string[];
}

/**
 * Translates SessionConfiguration props into the core declaration: principals resolved (a
 * construct gives its principalName), role constructs named by `roleName`, the run-as choice
 * turned into .pssc fields, and RestrictedRemoteServer as the default session type.
 */
export function sessionDeclaration<R, A>(
  path: string,
  props: SessionConfigurationPropsOf<R, A>,
  roleName: (r: R) => string,
): SessionDeclaration<R> {
  const { name: _name, runAs, roleDefinitions, acl: _acl, sessionType, ...rest } = props;
  void [_name, _acl];
  const roleDefinitionsModel: (readonly [string, RoleGrant])[] = roleDefinitions.map((d) => [
    typeof d.principal === 'string' ? d.principal : d.principal.principalName,
    {
      ...(d.roleCapabilities?.length || d.externalRoleCapabilities?.length
        ? { roleCapabilities: [...(d.roleCapabilities ?? []).map(roleName), ...(d.externalRoleCapabilities ?? [])] }
        : {}),
      ...(d.roleCapabilityFiles?.length ? { roleCapabilityFiles: d.roleCapabilityFiles } : {}),
      ...d.capabilities,
    },
  ]);
  return {
    declaration: {
      sessionType: sessionType ?? 'RestrictedRemoteServer',
      ...runAsFields(path, runAs),
      roleDefinitions: roleDefinitionsModel,
      ...rest,
    },
    roles: roleDefinitions.flatMap((d) => d.roleCapabilities ?? []),
    externalRoles: roleDefinitions.flatMap((d) => d.externalRoleCapabilities ?? []),
    principals: roleDefinitionsModel.map(([p]) => p),
  };
}

/**
 * The effective ACL of an endpoint: the explicit entries, or those Register-PSSessionConfiguration
 * derives from RoleDefinitions; RequiredGroups apply either way.
 */
export function effectiveAcl(
  explicit: readonly AclEntry[] | undefined,
  principals: readonly string[],
  requiredGroups: RequiredGroups | undefined,
): EndpointAclModel {
  return explicit
    ? { entries: explicit, ...(requiredGroups ? { requiredGroups } : {}) }
    : aclFromRoleDefinitions(principals, requiredGroups);
}

/**
 * The modules carrying an endpoint's role capabilities, each once, in order; a role no module
 * carries is a ValidationError naming the endpoint (`path`) and the role (`rolePath`).
 */
export function modulesOfRoles<R>(
  path: string,
  roles: readonly R[],
  moduleOf: (r: R) => JeaModuleModel | undefined,
  describe: (r: R) => { roleName: string; rolePath: string },
): JeaModuleModel[] {
  const out: JeaModuleModel[] = [];
  for (const role of roles) {
    const module = moduleOf(role);
    if (!module) {
      const { roleName, rolePath } = describe(role);
      throw new ValidationError([
        {
          path,
          field: 'roleDefinitions',
          value: roleName,
          reason: `role capability ${rolePath} is not carried by any JeaModule`,
        },
      ]);
    }
    if (!out.includes(module)) out.push(module);
  }
  return out;
}
