/**
 * jeajit: typed policy-as-code for Windows privileged access. The package root exports the
 * engine-agnostic core and the cdktf constructs.
 */
export * as psd1 from './psd1';
export { parse, render, renderText, PsHashtable, ScriptBlock, Psd1Value, Psd1Error } from './psd1';
