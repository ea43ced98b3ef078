import { fieldPath, Issues } from '../jea/issues';
import { RoleCapabilityModel, SessionConfigurationModel } from '../jea/model';
import { decodeRoleCapability } from '../jea/role-capability';
import { decodeSessionConfiguration } from '../jea/session-configuration';
import { positionOf } from '../policy/policy-set';
import { parse, Psd1Error } from '../psd1';

/** Why a file could not be read into the model: `line:col: reason`. */
export interface ReadProblem {
  readonly line: number;
  readonly column: number;
  readonly reason: string;
}

/** A file read into the model, or why it could not be. */
export type ReadModel<T> = { readonly model: T } | { readonly problem: ReadProblem };

/** `line:col: reason`. */
export function formatProblem(p: ReadProblem): string {
  return `${p.line}:${p.column}: ${p.reason}`;
}

/**
 * Reads the text of a .pssc or .psrc (as the collector captured it) into the model. A syntax
 * error, or a value PowerShell would refuse, is a problem with its position, never an exception.
 */
export function readModel(kind: 'pssc', text: string): ReadModel<SessionConfigurationModel>;
export function readModel(kind: 'psrc', text: string): ReadModel<RoleCapabilityModel>;
export function readModel(
  kind: 'pssc' | 'psrc',
  text: string,
): ReadModel<SessionConfigurationModel | RoleCapabilityModel> {
  let doc;
  try {
    doc = parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    if (e instanceof Psd1Error) return { problem: { line: e.line, column: e.column, reason: e.reason } };
    throw e;
  }
  const issues = new Issues(kind);
  const model =
    kind === 'psrc' ? decodeRoleCapability(doc.value, issues) : decodeSessionConfiguration(doc.value, issues);
  const first = issues.all[0];
  if (first) {
    const at = positionOf({ file: kind, locate: doc.locate }, fieldPath(first.field));
    return { problem: { ...at, reason: `${first.field}: ${first.reason}` } };
  }
  if (!model)
    return {
      problem: {
        line: 1,
        column: 1,
        reason: `not a ${kind === 'psrc' ? 'role capability' : 'session configuration'} file`,
      },
    };
  return { model };
}
