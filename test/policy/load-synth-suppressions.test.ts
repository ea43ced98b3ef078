import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  loadSynthOutput,
  SUPPRESSIONS_PATH,
  SUPPRESSIONS_SCHEMA,
  suppressionsProblem,
} from '../../src/policy/load-synth';

/** A stack folder holding one endpoint file and a `jeajit/suppressions.json` with `content`. */
function synthWith(content: unknown): string {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-load-synth-'));
  const stack = path.join(out, 'stacks', 'app');
  fs.mkdirSync(path.join(stack, 'jea', 'JEA-Ops'), { recursive: true });
  fs.writeFileSync(path.join(stack, 'jea', 'JEA-Ops', 'JEA-Ops.pssc'), "@{ SchemaVersion = '2.0.0.0' }");
  fs.writeFileSync(path.join(stack, 'cdk.tf.json'), '{}');
  fs.mkdirSync(path.join(stack, 'jeajit'));
  fs.writeFileSync(
    path.join(stack, ...SUPPRESSIONS_PATH.split('/')),
    typeof content === 'string' ? content : JSON.stringify(content),
  );
  return out;
}

describe('the accepted findings of a synth output (jeajit/suppressions.json)', () => {
  it('resolve a file of the stack against the stack folder, and keep a construct path as it is', () => {
    const out = synthWith({
      schema: SUPPRESSIONS_SCHEMA,
      suppressions: [
        {
          ruleId: 'JEA014',
          reason: 'needs an administrator',
          file: 'jea/JEA-Ops/JEA-Ops.pssc',
          path: 'RunAsVirtualAccount',
        },
        { ruleId: 'JIT002', reason: 'a long maintenance window', file: 'app/JitRdp' },
        { ruleId: 'JEA013', reason: 'transcripts go to the SIEM agent' },
      ],
    });
    const loaded = loadSynthOutput(out);
    expect(loaded.problems).toEqual([]);
    expect(loaded.suppressions).toEqual([
      {
        ruleId: 'JEA014',
        reason: 'needs an administrator',
        file: path.join(out, 'stacks', 'app', 'jea', 'JEA-Ops', 'JEA-Ops.pssc'),
        path: 'RunAsVirtualAccount',
      },
      { ruleId: 'JIT002', reason: 'a long maintenance window', file: 'app/JitRdp' },
      { ruleId: 'JEA013', reason: 'transcripts go to the SIEM agent' },
    ]);
  });

  it.each([
    ['not JSON', '{ "schema": ', /^not readable accepted findings: /],
    [
      'another schema',
      { schema: 'other/v1', suppressions: [] },
      /^not valid accepted findings: expected schema 'jeajit\.suppressions\/v1'$/,
    ],
    [
      'an entry without a reason',
      { schema: SUPPRESSIONS_SCHEMA, suppressions: [{ ruleId: 'JEA001', reason: '' }] },
      /: \[0\]\.reason: a suppression of JEA001 needs a reason$/,
    ],
  ])('are a problem of that file when they are %s, and accept nothing', (_what, content, message) => {
    const out = synthWith(content);
    const loaded = loadSynthOutput(out);
    expect(loaded.suppressions).toEqual([]);
    expect(loaded.problems).toEqual([
      {
        file: path.join(out, 'stacks', 'app', 'jeajit', 'suppressions.json'),
        line: 1,
        column: 1,
        message: expect.stringMatching(message),
      },
    ]);
  });

  it('a suppressions.json outside a jeajit folder is no synth file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-load-synth-'));
    fs.writeFileSync(path.join(dir, 'suppressions.json'), '[]');
    fs.writeFileSync(path.join(dir, 'Ops.psrc'), "@{ VisibleCmdlets = 'Get-Service' }");
    expect(loadSynthOutput(dir)).toMatchObject({ suppressions: [], problems: [] });
  });
});

describe('suppressionsProblem', () => {
  it.each([
    [[], undefined],
    [[{ ruleId: 'JEA001', reason: 'r', file: 'a', path: 'b' }], undefined],
    [{}, 'expected a list of { ruleId, reason, file?, path? }'],
    [['JEA001'], '[0]: expected { ruleId, reason, file?, path? }'],
    [[{ reason: 'r' }], "[0].ruleId: expected a rule id such as 'JEA002'"],
    [[{ ruleId: 'JEA001', reason: 'r', file: 3 }], '[0].file: expected text'],
    [
      [{ ruleId: 'JEA001', reason: 'r', why: 'x' }],
      '[0].why: unknown key (a suppression has ruleId, reason, file and path)',
    ],
  ])('%j: %s', (list, problem) => {
    expect(suppressionsProblem(list)).toBe(problem);
  });
});
