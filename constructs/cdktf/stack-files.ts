import { ISynthesisSession, TerraformStack } from 'cdktf';
// Not re-exported from the package root; it is how cdktf's own TerraformAsset writes files.
import { addCustomSynthesis } from 'cdktf/lib/synthesize/synthesizer';
import { IConstruct } from 'constructs';
import * as fs from 'fs';
import * as path from 'path';

/** A file to write into a stack's folder: a `/`-separated relative path and its exact bytes. */
export interface StackFile {
  readonly path: string;
  readonly content: Uint8Array;
}

/**
 * Writes files into `cdktf.out/stacks/<stack>/` when the stack synthesizes. cdktf runs every
 * validation before any custom synthesis, so a construct that validates in `node.addValidation`
 * writes nothing when the app is invalid. `files` is called at synth time.
 */
export function writeAtSynth(construct: IConstruct, files: () => readonly StackFile[]): void {
  const stack = TerraformStack.of(construct);
  addCustomSynthesis(construct, {
    onSynthesize: (session: ISynthesisSession) => {
      const root = path.join(session.outdir, session.manifest.forStack(stack).workingDirectory);
      const written = files().map((file) => ({
        target: path.join(root, ...file.path.split('/')),
        content: file.content,
      }));
      for (const dir of new Set(written.map((w) => path.dirname(w.target)))) fs.mkdirSync(dir, { recursive: true });
      for (const w of written) fs.writeFileSync(w.target, w.content);
    },
  });
}
