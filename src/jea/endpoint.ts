import { EndpointAclModel, endpointSddlTemplate } from '../acl/endpoint-acl';
import { render } from '../psd1';
import { installBundle, bundleHash } from './install-bundle';
import { Declared } from './declared-at';
import { Issues } from './issues';
import { ArtifactFile, JeaModuleModel, moduleFiles } from './jea-module';
import { SessionConfigurationModel } from './model';
import { sha256 } from './powershell-script';
import { registrationScript, unregistrationScript } from './registration-script';
import { encodeSessionConfiguration } from './session-configuration';

/** Everything one endpoint needs: its configuration, the modules that carry its roles, and its ACL. */
export interface EndpointModel {
  readonly name: string;
  readonly configuration: SessionConfigurationModel;
  readonly modules: readonly JeaModuleModel[];
  readonly acl: EndpointAclModel;
  /** Role names that modules outside this app provide on the host (not checked against modules). */
  readonly externalRoles?: readonly string[];
  /** Where the endpoint was declared (for reports). */
  readonly declared?: Declared;
}

/** The synthesized artifacts of an endpoint. */
export interface EndpointArtifacts {
  /** Module folders, `<endpoint>.pssc`, `Register-`/`Unregister-<endpoint>.ps1` and `endpoint.json`. */
  readonly files: readonly ArtifactFile[];
  /** `Install-<endpoint>.ps1`: the self-contained script a VM run command executes. */
  readonly installScript: ArtifactFile;
  /** The identity of the files the install script carries (see bundleHash). */
  readonly bundleSha256: string;
  /** The endpoint.json manifest, as an object. */
  readonly manifest: EndpointManifest;
}

/** endpoint.json: what was synthesized for an endpoint, for review, drift and deployment. */
export interface EndpointManifest {
  readonly schema: 'jeajit.endpoint/v1';
  readonly name: string;
  readonly configFile: string;
  readonly sessionType: string;
  readonly modules: readonly { name: string; version: string; guid: string; roles: string[] }[];
  readonly roles: readonly string[];
  readonly principals: readonly string[];
  readonly acl: {
    readonly entries: EndpointAclModel['entries'];
    readonly requiredGroups?: EndpointAclModel['requiredGroups'];
    readonly sddlTemplate: string;
    readonly names: readonly string[];
  };
  readonly bundleSha256: string;
  readonly files: readonly { path: string; sha256: string; bytes: number }[];
  /** Where the endpoint and each role (by name) were declared, for reports that point at the code (not part of the bundle). */
  readonly declared?: { readonly endpoint?: Declared; readonly roles: Readonly<Record<string, Declared>> };
}

/** Endpoint names: what Register-PSSessionConfiguration takes, never a built-in `Microsoft.*` endpoint. */
export function endpointNameProblem(name: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/.test(name) || name.endsWith('.'))
    return 'not an endpoint name (allowed: a letter, then up to 63 letters, digits, _ . -)';
  if (/^microsoft\./i.test(name) || /^powershell\./i.test(name))
    return "names starting with 'Microsoft.' or 'PowerShell.' belong to built-in endpoints";
  return undefined;
}

/**
 * Renders an endpoint: every role its RoleDefinitions name must be carried by one of its modules
 * (or be given as a RoleCapabilityFiles path), and no role name may be carried twice.
 */
export function endpointArtifacts(path: string, endpoint: EndpointModel): EndpointArtifacts {
  const issues = new Issues(path);
  const problem = endpointNameProblem(endpoint.name);
  if (problem) issues.at('name').add(endpoint.name, problem);
  const roleOwners = new Map<string, string>();
  for (const m of endpoint.modules) {
    for (const r of m.roles) {
      const key = r.roleName.toLowerCase();
      const other = roleOwners.get(key);
      if (other && other !== m.name)
        issues
          .at('modules')
          .add(
            r.roleName,
            `role '${r.roleName}' is carried by modules '${other}' and '${m.name}'; JEA would load one of them in no guaranteed order`,
          );
      roleOwners.set(key, m.name);
    }
  }
  for (const [principal, grant] of endpoint.configuration.roleDefinitions ?? []) {
    grant.roleCapabilities?.forEach((role, i) => {
      const bare = role.replace(/^[^\\]+\\/, '').toLowerCase();
      const external = (endpoint.externalRoles ?? []).some((r) => r.toLowerCase() === role.toLowerCase());
      if (!roleOwners.has(bare) && !external)
        issues
          .at('RoleDefinitions')
          .atKey(principal)
          .at('RoleCapabilities')
          .at(i)
          .add(role, 'no module of this endpoint carries this role');
    });
  }
  issues.throwIfAny();

  const configFile = `${endpoint.name}.pssc`;
  const files: ArtifactFile[] = [
    ...endpoint.modules.flatMap(moduleFiles),
    { path: configFile, content: render(encodeSessionConfiguration(endpoint.configuration)) },
  ];
  const { template, names } = endpointSddlTemplate(endpoint.acl);
  const roles = endpoint.modules.flatMap((m) => m.roles.map((r) => r.roleName));
  const register = `Register-${endpoint.name}.ps1`;
  files.push({
    path: register,
    content: registrationScript({
      endpoint: endpoint.name,
      configFile,
      modules: endpoint.modules,
      roles,
      files: files.map((f) => ({ path: f.path, sha256: sha256(f.content) })),
      sddlTemplate: template,
      principals: names,
    }),
  });
  files.push({
    path: `Unregister-${endpoint.name}.ps1`,
    content: unregistrationScript({ endpoint: endpoint.name, modules: endpoint.modules }),
  });
  const bundled = [...files];
  const bundleSha256 = bundleHash(bundled);
  const manifest: EndpointManifest = {
    schema: 'jeajit.endpoint/v1',
    name: endpoint.name,
    configFile,
    sessionType: endpoint.configuration.sessionType ?? 'Default',
    modules: endpoint.modules.map((m) => ({
      name: m.name,
      version: m.version,
      guid: m.guid,
      roles: m.roles.map((r) => r.roleName),
    })),
    roles,
    principals: (endpoint.configuration.roleDefinitions ?? []).map(([p]) => p),
    acl: {
      entries: endpoint.acl.entries,
      ...(endpoint.acl.requiredGroups === undefined ? {} : { requiredGroups: endpoint.acl.requiredGroups }),
      sddlTemplate: template,
      names,
    },
    bundleSha256,
    files: bundled.map((f) => ({ path: f.path, sha256: sha256(f.content), bytes: f.content.length })),
    ...declarations(endpoint),
  };
  files.push({ path: 'endpoint.json', content: Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8') });
  const installScript = {
    path: `Install-${endpoint.name}.ps1`,
    content: installBundle(endpoint.name, bundled, register),
  };
  return { files, installScript, bundleSha256, manifest };
}

/** The manifest's `declared` record, when the endpoint or a role knows where it was declared. */
function declarations(endpoint: EndpointModel): Pick<EndpointManifest, 'declared'> {
  const roles = Object.fromEntries(
    endpoint.modules
      .flatMap((m) => m.roles.filter((r) => r.declared).map((r) => [r.roleName, r.declared!] as const))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  if (!endpoint.declared && Object.keys(roles).length === 0) return {};
  return { declared: { ...(endpoint.declared ? { endpoint: endpoint.declared } : {}), roles } };
}

/** The install script as a run command takes it inline: its text (ASCII, so without the BOM nothing is lost). */
export function inlineInstallScript(artifacts: EndpointArtifacts): string {
  return Buffer.from(artifacts.installScript.content.subarray(3)).toString('utf8');
}

/** The blob an install script is uploaded to, named by the bundle hash so any change is a new URL. */
export function installBlobName(endpoint: string, artifacts: EndpointArtifacts): string {
  return `jeajit/${endpoint}/${artifacts.bundleSha256}/${artifacts.installScript.path}`;
}
