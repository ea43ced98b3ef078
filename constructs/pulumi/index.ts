export * from './component';
export * from './scope';
export * from './inputs';
export * from './endpoint-files';
export * from './role-capability';
export * from './jea-module';
export * from './endpoint-acl';
export * from './session-configuration';
export * from './jea-vm-deployment';
export * from './vm-jit-access-policy';
export * from './pim-role-eligibility';
export * from './jit-group-eligibility';
export * from './jit-local-admin';
export * from './machine-configuration';
export * from './policy-name';
export * from './jea-checks';

/** Script block values for FunctionDefinitions and the like (from the core). */
export { ScriptBlock } from '../../src/psd1';
