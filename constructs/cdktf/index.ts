export * from './generated-file';
export * from './role-capability';
export * from './jea-module';
export * from './endpoint-acl';
export * from './session-configuration';
export * from './jea-vm-deployment';
