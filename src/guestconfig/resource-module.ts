/**
 * The resource module a package carries under `Modules/JeajitDsc/`: manifest, module script,
 * the Windows PowerShell probe, and the endpoint's bundle in `Bundles/<endpoint>/`.
 */
import { EndpointArtifacts } from '../jea/endpoint';
import { derivedGuid } from '../jea/guid';
import { ArtifactFile } from '../jea/jea-module';
import { PsHashtable, render } from '../psd1';
import { bundleFiles, RESOURCE } from './endpoint-resource';
import { PROBE_SCRIPT, probeScript } from './probe-script';
import { BUNDLES_FOLDER, resourceModuleScript } from './resource-script';

/** The resource module's GUID: derived from its name, the same in every package (never random). */
export const RESOURCE_MODULE_GUID = derivedGuid(`jeajit/guestconfig/${RESOURCE.moduleName}`);

/**
 * The module manifest: RootModule the .psm1, the package's version as ModuleVersion (Machine
 * Configuration takes one version of a module per package), the derived GUID, and
 * DscResourcesToExport, through which PSDesiredStateConfiguration 2 finds class-based resources.
 * It exports no command.
 */
export function resourceModuleManifest(version: string): PsHashtable {
  return PsHashtable.from([
    ['RootModule', `${RESOURCE.moduleName}.psm1`],
    ['ModuleVersion', version],
    ['GUID', RESOURCE_MODULE_GUID],
    ['Author', 'jeajit'],
    [
      'Description',
      `jeajit Machine Configuration resource: ${RESOURCE.className} checks that a JEA endpoint is installed and registered as declared, and installs it from ${BUNDLES_FOLDER}\\<endpoint> through Windows PowerShell.`,
    ],
    ['PowerShellVersion', '5.1'],
    ['FunctionsToExport', []],
    ['CmdletsToExport', []],
    ['VariablesToExport', []],
    ['AliasesToExport', []],
    ['DscResourcesToExport', [RESOURCE.className]],
  ]);
}

/** The module's files, paths relative to the package root (`Modules/JeajitDsc/...`). */
export function resourceModuleFiles(artifacts: EndpointArtifacts, version: string): ArtifactFile[] {
  const root = `Modules/${RESOURCE.moduleName}`;
  const bundle = `${root}/${BUNDLES_FOLDER}/${artifacts.manifest.name}`;
  return [
    { path: `${root}/${RESOURCE.moduleName}.psd1`, content: render(resourceModuleManifest(version)) },
    { path: `${root}/${RESOURCE.moduleName}.psm1`, content: resourceModuleScript() },
    { path: `${root}/${PROBE_SCRIPT}`, content: probeScript() },
    ...bundleFiles(artifacts).map((f) => ({ path: `${bundle}/${f.path}`, content: f.content })),
  ];
}
