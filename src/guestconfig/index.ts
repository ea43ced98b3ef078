export {
  machineConfigurationPackage,
  MachineConfigurationPackage,
  metaconfig,
  PackageMode,
  packageName,
  PackageOptions,
} from './package';
export { EndpointResourceProperties, endpointResourceProperties, RESOURCE } from './endpoint-resource';
export { configurationMof, MofResource, mofString, MofValue } from './mof';
export { RESOURCE_MODULE_GUID } from './resource-module';
export { deterministicZip } from './zip';
