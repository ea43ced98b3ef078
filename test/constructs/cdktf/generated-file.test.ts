import { App, Testing, TerraformStack } from 'cdktf';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { GeneratedFile } from '../../../constructs/cdktf';

describe('GeneratedFile', () => {
  it('writes its exact bytes into the stack folder at synth', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'estate');
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, 0x40, 0x7b, 0x7d, 0x0d, 0x0a]);
    new GeneratedFile(stack, 'Role', { path: 'jea/Ops/Role.psrc', content: bytes });
    const outdir = Testing.fullSynth(stack);
    expect(fs.readFileSync(path.join(outdir, 'stacks', 'estate', 'jea', 'Ops', 'Role.psrc'))).toEqual(
      Buffer.from(bytes),
    );
  });

  it.each(['../escape.psrc', '/abs.psrc', 'a\\b.psrc', '.'])('refuses the path %j', (bad) => {
    const stack = new TerraformStack(Testing.app(), 'estate');
    expect(() => new GeneratedFile(stack, 'Bad', { path: bad, content: new Uint8Array() })).toThrow(
      `estate/Bad: path '${bad}' must be relative to the stack folder, use '/' and stay inside it`,
    );
  });

  it('fails synth when two constructs write the same path (case-insensitively, as on Windows)', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-gf-')) });
    const stack = new TerraformStack(app, 'estate');
    new GeneratedFile(stack, 'A', { path: 'jea/x.psrc', content: new Uint8Array([1]) });
    new GeneratedFile(stack, 'B', { path: 'JEA/X.psrc', content: new Uint8Array([2]) });
    expect(() => app.synth()).toThrow(/path 'jea\/x.psrc' is also written by estate\/B/);
  });
});
