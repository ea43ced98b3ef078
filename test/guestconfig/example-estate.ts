/**
 * The example estate's endpoints (examples/estate.ts, stack `contoso`, as `npm start` declares
 * it) and their artifacts, without synthesizing: the same construct paths, so the same bytes as
 * the synthesized `jea/<endpoint>/` folders.
 */
import { App } from 'cdktf';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { SessionConfiguration } from '../../constructs/cdktf';
import { JeaEstate } from '../../examples/estate';
import { EndpointArtifacts } from '../../src/jea/endpoint';

let endpoints: Map<string, EndpointArtifacts> | undefined;

/** Endpoint name to artifacts, in declaration order (built once per test file). */
export function exampleEndpoints(): Map<string, EndpointArtifacts> {
  if (!endpoints) {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-gc-estate-'));
    try {
      const app = new App({ outdir });
      new JeaEstate(app, 'contoso');
      const found = app.node.findAll().filter((c): c is SessionConfiguration => c instanceof SessionConfiguration);
      endpoints = new Map(found.map((e) => [e.name, e.artifacts()]));
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  }
  return endpoints;
}

/** One endpoint's artifacts; throws when the estate has no such endpoint. */
export function exampleEndpoint(name: string): EndpointArtifacts {
  const a = exampleEndpoints().get(name);
  if (!a) throw new Error(`the example estate has no endpoint '${name}'`);
  return a;
}
