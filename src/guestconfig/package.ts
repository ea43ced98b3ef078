/**
 * A Machine Configuration (guest configuration) package for one JEA endpoint: a zip with
 * `<Name>.mof`, `<Name>.metaconfig.json` and `Modules/JeajitDsc/` at its root, the same bytes
 * for the same declaration.
 */
import { createHash } from 'crypto';
import { EndpointArtifacts } from '../jea/endpoint';
import { configurationMof } from './mof';
import { endpointResourceProperties, RESOURCE, resourcePropertyList } from './endpoint-resource';
import { resourceModuleFiles } from './resource-module';
import { deterministicZip } from './zip';

/** What Machine Configuration may do with the package: report only, or also apply (metaconfig Type). */
export type PackageMode = 'Audit' | 'AuditAndSet';

/** Options of {@link machineConfigurationPackage}. */
export interface PackageOptions {
  /** `Audit` (Test and Get only) or `AuditAndSet` (Set runs when Test is false). */
  readonly mode: PackageMode;
  /** The package version, `x.y.z`: metaconfig Version and the resource module's ModuleVersion. */
  readonly version: string;
}

/** A built package. */
export interface MachineConfigurationPackage {
  /** Package name = MOF ConfigurationName = the assignment name to use: `jeajit-<endpoint>`. */
  readonly name: string;
  /** `<name>.zip`. */
  readonly fileName: string;
  readonly bytes: Uint8Array;
  /** SHA-256 of the zip, upper-case hexadecimal (the assignment's contentHash, as azurerm wants it). */
  readonly sha256: string;
}

/** The package name of an endpoint: `jeajit-<endpoint>`. */
export function packageName(endpoint: string): string {
  return `jeajit-${endpoint}`;
}

/** `{"Type":...,"Version":...}` as the GuestConfiguration module writes it (no frequency: 15 minutes is the default and minimum). */
export function metaconfig(options: PackageOptions): Uint8Array {
  return Buffer.from(JSON.stringify({ Type: options.mode, Version: options.version }), 'utf8');
}

/**
 * Builds the package of one endpoint: the MOF with one JeajitEndpoint instance whose properties
 * are the endpoint's expected bundle (file hashes, modules, SDDL template and principals), the
 * metaconfig, and the JeajitDsc module carrying the bundle (the files Install-<endpoint>.ps1
 * carries, and that script). Deterministic: fixed timestamps, sorted entries, stored content,
 * derived module GUID.
 */
export function machineConfigurationPackage(
  artifacts: EndpointArtifacts,
  options: PackageOptions,
): MachineConfigurationPackage {
  if (options.mode !== 'Audit' && options.mode !== 'AuditAndSet')
    throw new Error(`machine configuration package: mode '${String(options.mode)}' is not Audit or AuditAndSet`);
  if (!/^\d{1,9}\.\d{1,9}\.\d{1,9}$/.test(options.version))
    throw new Error(`machine configuration package: version '${options.version}' is not x.y.z`);
  const name = packageName(artifacts.manifest.name);
  const properties = endpointResourceProperties(artifacts);
  const mof = configurationMof(name, [
    {
      className: RESOURCE.className,
      instanceName: properties.Name,
      moduleName: RESOURCE.moduleName,
      moduleVersion: options.version,
      properties: resourcePropertyList(properties),
    },
  ]);
  const bytes = deterministicZip([
    { path: `${name}.mof`, content: mof },
    { path: `${name}.metaconfig.json`, content: metaconfig(options) },
    ...resourceModuleFiles(artifacts, options.version),
  ]);
  return {
    name,
    fileName: `${name}.zip`,
    bytes,
    sha256: createHash('sha256').update(bytes).digest('hex').toUpperCase(),
  };
}
