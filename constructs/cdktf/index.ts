export * from './generated-file';
export * from './role-capability';
export * from './jea-module';
export * from './endpoint-acl';
export * from './session-configuration';
export * from './jea-vm-deployment';
export * from './vm-jit-access-policy';
export * from './pim-role-eligibility';
export * from './jit-group-eligibility';
export * from './jit-local-admin';
export * from './jea-checks';
export * from './policy-of-stack';

/** Script block values for FunctionDefinitions and the like (from the core). */
export { ScriptBlock } from '../../src/psd1';
export * from './machine-configuration';
