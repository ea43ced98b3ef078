import * as pulumi from '@pulumi/pulumi';
import { IsToken } from '../../src/jit/model';

/** A text that may be known only at deploy time (another resource's output). */
export type Text = pulumi.Input<string>;

const PLACEHOLDER = /^\$\{pulumi:[^}]*\}$/;

/**
 * The text the core model holds for an input: the input itself when it is a plain string, else a
 * placeholder `${pulumi:<where>}` that the checks skip (as cdktf tokens are skipped).
 */
export function modelText(value: Text, where: string): string {
  return typeof value === 'string' ? value : `\${pulumi:${where}}`;
}

/** Whether a model text stands for a value known only at deploy time (see {@link modelText}). */
export const isDeployTime: IsToken = (value) => PLACEHOLDER.test(value);

/** Whether every input is a plain string. */
export function allKnown(values: readonly Text[]): values is readonly string[] {
  return values.every((v) => typeof v === 'string');
}
