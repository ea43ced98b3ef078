/**
 * What the JeajitEndpoint resource is told about one endpoint (its MOF properties), and the files
 * of the endpoint's bundle the package carries, both from the endpoint's synthesized artifacts.
 */
import { EndpointArtifacts } from '../jea/endpoint';
import { ArtifactFile } from '../jea/jea-module';
import { sha256 } from '../jea/powershell-script';

/** The DSC resource class and the module that carries it. */
export const RESOURCE = { className: 'JeajitEndpoint', moduleName: 'JeajitDsc' } as const;

/**
 * The properties of one JeajitEndpoint instance, as the MOF sets them: the expected bundle.
 * Files are `<sha256> <path>` (the bundle's files, `/`-separated paths as in endpoint.json);
 * module files are installed as `$env:ProgramFiles\WindowsPowerShell\Modules\<path>`, the only
 * layout JEA searches.
 */
export interface EndpointResourceProperties {
  /** The endpoint name (the Key). */
  readonly Name: string;
  /** The identity of the bundle (bundleHash); Install-<endpoint>.ps1 refuses another. */
  readonly BundleSha256: string;
  /** SHA-256 of Install-<endpoint>.ps1, the script Set runs. */
  readonly InstallScriptSha256: string;
  /** The .pssc, relative to the bundle. */
  readonly ConfigFile: string;
  /** The modules that carry the roles, each installed as `Modules\<Module>\` (no version folder). */
  readonly Modules: readonly string[];
  /** Every file of the bundle as `<sha256> <path>`, in the bundle's order. */
  readonly Files: readonly string[];
  /** The endpoint's SDDL with `<<Pn>>` where the SID of Principals[n] goes. */
  readonly SddlTemplate: string;
  /** The principal names the SDDL template refers to, resolved to SIDs on the machine. */
  readonly Principals: readonly string[];
}

/** The resource properties of an endpoint, from its artifacts (endpoint.json's facts). */
export function endpointResourceProperties(artifacts: EndpointArtifacts): EndpointResourceProperties {
  const m = artifacts.manifest;
  return {
    Name: m.name,
    BundleSha256: artifacts.bundleSha256,
    InstallScriptSha256: sha256(artifacts.installScript.content),
    ConfigFile: m.configFile,
    Modules: m.modules.map((x) => x.name),
    Files: m.files.map((f) => `${f.sha256} ${f.path}`),
    SddlTemplate: m.acl.sddlTemplate,
    Principals: [...m.acl.names],
  };
}

/** The properties in MOF order, as name/value pairs. */
export function resourcePropertyList(
  p: EndpointResourceProperties,
): readonly (readonly [string, string | readonly string[]])[] {
  return [
    ['Name', p.Name],
    ['BundleSha256', p.BundleSha256],
    ['InstallScriptSha256', p.InstallScriptSha256],
    ['ConfigFile', p.ConfigFile],
    ['Modules', p.Modules],
    ['Files', p.Files],
    ['SddlTemplate', p.SddlTemplate],
    ['Principals', p.Principals],
  ];
}

/**
 * The endpoint's bundle as the package carries it: the files Install-<endpoint>.ps1 carries
 * (those endpoint.json lists, in its order), then Install-<endpoint>.ps1 itself. endpoint.json
 * is left out: it records where the code was declared (file and line), which would change the
 * package's hash whenever the code moves.
 */
export function bundleFiles(artifacts: EndpointArtifacts): ArtifactFile[] {
  const byPath = new Map(artifacts.files.map((f) => [f.path, f]));
  const carried = artifacts.manifest.files.map((f) => {
    const file = byPath.get(f.path);
    if (!file || sha256(file.content) !== f.sha256)
      throw new Error(`endpoint '${artifacts.manifest.name}': '${f.path}' is not the file endpoint.json lists`);
    return file;
  });
  return [...carried, artifacts.installScript];
}
