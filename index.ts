/**
 * jeajit: typed policy-as-code for Windows privileged access. The package root exports the
 * engine-agnostic core (src/) and the CLI; the constructs come from `jeajit/cdktf` and
 * `jeajit/pulumi`, so that a project installs only the engine it uses.
 */
export * from './src';
export { buildProgram, main } from './src/cli/main';
