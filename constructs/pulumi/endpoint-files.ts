import * as fs from 'fs';
import * as path from 'path';
import { EndpointArtifacts } from '../../src/jea/endpoint';

/** A file to write: a `/`-separated path relative to the output folder, and its exact bytes. */
export interface OutputFile {
  readonly path: string;
  readonly content: Uint8Array;
}

/**
 * The files of an endpoint as the cdktf SessionConfiguration writes them into its stack folder:
 * `jea/<endpoint>/<file>` for every artifact, the install script included.
 */
export function endpointFiles(endpoint: string, artifacts: EndpointArtifacts): OutputFile[] {
  return [...artifacts.files, artifacts.installScript].map((f) => ({
    path: `jea/${endpoint}/${f.path}`,
    content: f.content,
  }));
}

/**
 * Writes the files of endpoints under `outDir` (`<outDir>/jea/<endpoint>/...`), byte for byte,
 * as `cdktf synth` writes them under `cdktf.out/stacks/<stack>/`; Pulumi has no synth folder, so
 * the program calls this with a folder of its choice. Refuses two files at one path (compared
 * case-insensitively, as on Windows) before writing anything. Returns the paths written.
 */
export function writeEndpointFiles(
  outDir: string,
  endpoints: readonly { readonly files: readonly OutputFile[] }[],
): string[] {
  const files = endpoints.flatMap((e) => e.files);
  const seen = new Set<string>();
  for (const f of files) {
    const key = f.path.toLowerCase();
    if (seen.has(key))
      throw new Error(
        `writeEndpointFiles: '${f.path}' is written twice (paths compare case-insensitively, as on Windows): two endpoints share a name`,
      );
    seen.add(key);
  }
  const written = files.map((f) => ({ target: path.join(outDir, ...f.path.split('/')), content: f.content }));
  for (const dir of new Set(written.map((w) => path.dirname(w.target)))) fs.mkdirSync(dir, { recursive: true });
  for (const w of written) fs.writeFileSync(w.target, w.content);
  return written.map((w) => w.target);
}
