import { App, Aspects, TerraformStack, Testing } from 'cdktf';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { JeaChecks, JeaModule, RoleCapability, SessionConfiguration } from '../../../constructs/cdktf';

function estate(app: App, cmdlets: string[]): TerraformStack {
  const stack = new TerraformStack(app, 's');
  const role = new RoleCapability(stack, 'Ops', { visibleCmdlets: cmdlets });
  new JeaModule(stack, 'M', { name: 'OpsModule', version: '1.0', roleCapabilities: [role] });
  new SessionConfiguration(stack, 'JEA-Ops', {
    runAs: { virtualAccount: true, groups: ['BUILTIN\\Users'] },
    transcriptDirectory: 'C:\\Transcripts',
    roleDefinitions: [{ principal: 'CONTOSO\\Ops', roleCapabilities: [role] }],
  });
  return stack;
}

describe('JeaChecks', () => {
  it('fails synth on a rule error and writes nothing', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-checks-'));
    const app = new App({ outdir });
    Aspects.of(estate(app, ['Get-Service', 'Invoke-Expression'])).add(new JeaChecks());
    expect(() => app.synth()).toThrow(/\[JEA001\] s\/Ops VisibleCmdlets\[1\]: .*Invoke-Expression/);
    expect(fs.existsSync(path.join(outdir, 'stacks', 's', 'jea'))).toBe(false);
  });

  it('lets a suppressed finding through, as an info annotation with its reason', () => {
    const app = Testing.app();
    const stack = estate(app, ['Get-Service', 'Invoke-Expression']);
    Aspects.of(stack).add(new JeaChecks({ suppressions: [{ ruleId: 'JEA001', reason: 'break-glass endpoint, reviewed quarterly' }] }));
    expect(() => Testing.fullSynth(stack)).not.toThrow();
    const role = stack.node.findChild('Ops');
    expect(role.node.metadata.map((m) => m.data)).toContainEqual(expect.stringContaining('(suppressed: break-glass endpoint, reviewed quarterly)'));
  });

  it('passes a clean stack', () => {
    const app = Testing.app();
    const stack = estate(app, ['Get-Service']);
    Aspects.of(stack).add(new JeaChecks());
    expect(() => Testing.fullSynth(stack)).not.toThrow();
  });
});
