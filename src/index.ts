/** The engine-agnostic core: no import of cdktf or Pulumi below this folder. */
export * as psd1 from './psd1';
export { parse, render, renderText, PsHashtable, ScriptBlock, Psd1Value, Psd1Error } from './psd1';
export * from './jea/model';
export { ValidationError, ValidationIssue } from './jea/issues';
export { AclEntry, AclRight, EndpointAclModel } from './acl/endpoint-acl';
export * from './jit/model';
export { EligibilityExpiry } from './jit/duration';
