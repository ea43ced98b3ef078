/**
 * jeajit: typed policy-as-code for Windows privileged access. The package root exports the
 * engine-agnostic core (src/) and the cdktf constructs (constructs/cdktf).
 */
export * from './src';
export * from './constructs/cdktf';
