import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import * as path from 'path';
import { writeAtSynth } from './stack-files';

/** Props of {@link GeneratedFile}. */
export interface GeneratedFileProps {
  /** Path of the file relative to the stack's folder in cdktf.out, with `/` separators (no `..`). */
  readonly path: string;
  /** The exact bytes to write. */
  readonly content: Uint8Array;
}

/**
 * A file written into `cdktf.out/stacks/<stack>/<path>` at synth time, byte for byte. The bytes
 * are fixed when the construct is created, so two synths write identical files.
 */
export class GeneratedFile extends Construct {
  /** The path relative to the stack folder. */
  readonly path: string;
  /** The bytes that synth writes. */
  readonly content: Uint8Array;

  constructor(scope: Construct, id: string, props: GeneratedFileProps) {
    super(scope, id);
    const normalized = path.posix.normalize(props.path);
    if (
      path.posix.isAbsolute(normalized) ||
      normalized.startsWith('..') ||
      normalized === '.' ||
      props.path.includes('\\')
    ) {
      throw new Error(
        `${this.node.path}: path '${props.path}' must be relative to the stack folder, use '/' and stay inside it`,
      );
    }
    this.path = normalized;
    this.content = props.content;
    const stack = TerraformStack.of(this);
    this.node.addValidation({
      validate: () =>
        stack.node
          .findAll()
          .filter(
            (c): c is GeneratedFile =>
              c instanceof GeneratedFile && c !== this && c.path.toLowerCase() === this.path.toLowerCase(),
          )
          .map(
            (other) =>
              `path '${this.path}' is also written by ${other.node.path} (paths compare case-insensitively, as on Windows)`,
          ),
    });
    writeAtSynth(this, () => [this]);
  }
}
