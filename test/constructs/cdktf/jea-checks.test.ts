import { App, Aspects, TerraformStack, Testing } from 'cdktf';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { JeaChecks, JeaModule, RoleCapability, SessionConfiguration } from '../../../constructs/cdktf';
import { loadSynthOutput } from '../../../src/policy/load-synth';
import { runRules } from '../../../src/rules/run';

/** Runs `fn`, returning what it wrote to process.stderr. */
function stderrOf(fn: () => void): string {
  let text = '';
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    text += chunk.toString();
    return true;
  });
  try {
    fn();
  } finally {
    spy.mockRestore();
  }
  return text;
}

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
    Aspects.of(stack).add(
      new JeaChecks({ suppressions: [{ ruleId: 'JEA001', reason: 'break-glass endpoint, reviewed quarterly' }] }),
    );
    expect(() => Testing.fullSynth(stack)).not.toThrow();
    const role = stack.node.findChild('Ops');
    expect(role.node.metadata.map((m) => m.data)).toContainEqual(
      expect.stringContaining('(suppressed: break-glass endpoint, reviewed quarterly)'),
    );
  });

  it('passes a clean stack', () => {
    const app = Testing.app();
    const stack = estate(app, ['Get-Service']);
    Aspects.of(stack).add(new JeaChecks());
    expect(() => Testing.fullSynth(stack)).not.toThrow();
  });

  it('prints warnings and accepted findings at synth, one line each, and writes the accepted ones into the synth output', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-checks-'));
    const synth = () => {
      const app = new App({ outdir });
      Aspects.of(estate(app, ['Get-Service', 'Invoke-Expression', 'Get-DnsServer*'])).add(
        new JeaChecks({ suppressions: [{ ruleId: 'JEA001', reason: 'break-glass endpoint, reviewed quarterly' }] }),
      );
      return stderrOf(() => app.synth());
    };
    const printed = synth();
    expect(printed).toBe(
      [
        'jeajit: 1 warning(s), 1 accepted finding(s) in stack s',
        "  warning JEA002 s/Ops VisibleCmdlets[2] at test/constructs/cdktf/jea-checks.test.ts:26: VisibleCmdlets 'Get-DnsServer*' is a wildcard: it makes visible every matching command, including ones a module update adds; list the commands the role needs by name",
        "  accepted JEA001 s/Ops VisibleCmdlets[1] at test/constructs/cdktf/jea-checks.test.ts:26: VisibleCmdlets 'Invoke-Expression': code execution: Invoke-Expression runs any text as code in the session; remove it and expose the one task as a function with fixed arguments [accepted: break-glass endpoint, reviewed quarterly]",
        '',
      ].join('\n'),
    );
    const file = path.join(outdir, 'stacks', 's', 'jeajit', 'suppressions.json');
    const bytes = fs.readFileSync(file);
    expect(JSON.parse(bytes.toString())).toEqual({
      schema: 'jeajit.suppressions/v1',
      suppressions: [
        {
          ruleId: 'JEA001',
          reason: 'break-glass endpoint, reviewed quarterly',
          file: 'jea/JEA-Ops/OpsModule/RoleCapabilities/Ops.psrc',
          path: 'VisibleCmdlets[1]',
        },
      ],
    });
    expect(synth()).toBe(printed);
    expect(fs.readFileSync(file)).toEqual(bytes); // deterministic
    // lint of the synth output honours what synth accepted
    const loaded = loadSynthOutput(outdir);
    expect(loaded.problems).toEqual([]);
    const accepted = runRules(loaded.set, { suppressions: loaded.suppressions }).filter((f) => f.ruleId === 'JEA001');
    expect(accepted.map((f) => f.suppressed)).toEqual([{ reason: 'break-glass endpoint, reviewed quarterly' }]);
  });

  it('prints nothing for a clean stack, and writes an empty list', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-checks-'));
    const app = new App({ outdir });
    Aspects.of(estate(app, ['Get-Service'])).add(new JeaChecks());
    expect(stderrOf(() => app.synth())).toBe('');
    expect(
      JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 's', 'jeajit', 'suppressions.json'), 'utf8')),
    ).toEqual({ schema: 'jeajit.suppressions/v1', suppressions: [] });
  });

  it('still fails synth on an error, counting it in the heading, and writes no accepted findings', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-checks-'));
    const app = new App({ outdir });
    Aspects.of(estate(app, ['Invoke-Expression', 'Get-DnsServer*'])).add(new JeaChecks());
    const printed = stderrOf(() => expect(() => app.synth()).toThrow(/\[JEA001\] s\/Ops VisibleCmdlets\[0\]/));
    expect(printed).toMatch(
      /^jeajit: 1 error\(s\) \(synth fails\), 1 warning\(s\), 0 accepted finding\(s\) in stack s\n  warning JEA002 /,
    );
    expect(fs.existsSync(path.join(outdir, 'stacks', 's', 'jeajit'))).toBe(false);
  });
});
