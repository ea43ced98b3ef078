import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { jeajit } from '../helpers/cli';

// Every command, given a missing path, a folder where a file belongs (or a file where a folder
// does), a binary file and a syntax error, exits 1 with one line naming the file (and the line and
// column where there is one): never a raw ENOENT, EISDIR or a stack trace.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-errors-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const at = (name: string) => path.join(tmp, name);

const BINARY = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xff, 0xfe]); // a gzip header: NUL at byte 3
fs.writeFileSync(at('bin.psrc'), BINARY);
fs.writeFileSync(at('bin.pssc'), BINARY);
fs.writeFileSync(at('bin.json'), BINARY);
fs.mkdirSync(at('folder.psrc'));
fs.writeFileSync(at('bad.psrc'), "@{\r\n    VisibleCmdlets = 'Get-Service'\r\n    Description = $(Get-Date)\r\n}\r\n");
fs.writeFileSync(at('bad.pssc'), "@{ SchemaVersion = '2.0.0.0'\n  SessionType = Restricted }");
fs.writeFileSync(at('bad.json'), '{\n  "A": 1,\n  "B" 2\n}\n');
fs.writeFileSync(at('ok.psrc'), "@{ VisibleCmdlets = 'Get-Service' }");
const declaredBinary = at('declared-binary');
fs.mkdirSync(declaredBinary);
fs.writeFileSync(path.join(declaredBinary, 'Ops.pssc'), BINARY);
const declaredBad = at('declared-bad');
fs.mkdirSync(declaredBad);
fs.copyFileSync(at('bad.pssc'), path.join(declaredBad, 'Ops.pssc'));
const empty = at('empty');
fs.mkdirSync(empty);

const SYNTAX_PSRC = (f: string) => `${f}:3:19: subexpressions $( ) run code and are not allowed in a data file`;
const SYNTAX_PSSC = (f: string) =>
  `${f}:2:17: 'Restricted' is a command, not a value: data files hold constants only (quote it to make it a string)`;
const SYNTAX_JSON = (f: string) => `${f}:3:7: not valid JSON: expected ':'`;
const MISSING = (f: string) => `${f}: no such file or folder`;
const FOLDER = (f: string) => `${f}: a folder, not a file`;
const BINARY_FILE = (f: string) => `${f}: not a text file (binary content at byte 3)`;

/** [command, arguments with FILE standing for the path, the path, the whole stderr] */
type Case = [string, (f: string) => string[], string, (f: string) => string];

const fileCommands: Case[] = [];
for (const [name, args, binary, syntaxFile, syntax] of [
  ['psd1 parse', (f: string) => ['psd1', 'parse', f], 'bin.psrc', 'bad.psrc', SYNTAX_PSRC],
  ['psd1 fmt', (f: string) => ['psd1', 'fmt', f], 'bin.psrc', 'bad.psrc', SYNTAX_PSRC],
  ['psd1 fmt --write', (f: string) => ['psd1', 'fmt', '--write', f], 'bin.psrc', 'bad.psrc', SYNTAX_PSRC],
  ['psd1 render', (f: string) => ['psd1', 'render', f], 'bin.json', 'bad.json', SYNTAX_JSON],
  ['effective', (f: string) => ['effective', f, '--user', 'CONTOSO\\ann'], 'bin.pssc', 'bad.pssc', SYNTAX_PSSC],
  ['import', (f: string) => ['import', f], 'bin.psrc', 'bad.psrc', SYNTAX_PSRC],
  [
    'lint --suppressions',
    (f: string) => ['lint', at('ok.psrc'), '--suppressions', f],
    'bin.json',
    'bad.json',
    SYNTAX_JSON,
  ],
  [
    'snapshot --principals',
    (f: string) => ['snapshot', '--expected', at('ok-declared'), '--principals', f],
    'bin.json',
    'bad.json',
    SYNTAX_JSON,
  ],
  [
    'drift --actual',
    (f: string) => ['drift', '--declared', at('ok-declared'), '--actual', f],
    'bin.json',
    'bad.json',
    SYNTAX_JSON,
  ],
] as const) {
  fileCommands.push([
    `${name}: a missing file`,
    args,
    at('nope.psrc'),
    name === 'drift --actual' ? (f) => `${f}: no such snapshot file or folder` : MISSING,
  ]);
  if (name !== 'drift --actual') fileCommands.push([`${name}: a folder`, args, at('folder.psrc'), FOLDER]); // drift reads a folder of snapshots
  fileCommands.push([`${name}: a binary file`, args, at(binary), BINARY_FILE]);
  fileCommands.push([`${name}: a syntax error`, args, at(syntaxFile), syntax]);
}
// a declaration that loads, for the commands whose input is beside it
fs.mkdirSync(at('ok-declared'));
fs.writeFileSync(
  path.join(at('ok-declared'), 'Ops.pssc'),
  "@{ SchemaVersion = '2.0.0.0'; SessionType = 'RestrictedRemoteServer'; RunAsVirtualAccount = $true; RoleDefinitions = @{ 'CONTOSO\\Ops' = @{ VisibleCmdlets = 'Get-Service' } } }",
);

const folderCommands: Case[] = [];
for (const [name, args] of [
  ['collect-script', (f: string) => ['collect-script', '--declared', f]],
  ['snapshot', (f: string) => ['snapshot', '--expected', f]],
  ['drift', (f: string) => ['drift', '--declared', f, '--actual', at('ok.psrc')]],
] as const) {
  folderCommands.push([
    `${name}: a missing folder`,
    args,
    at('nowhere'),
    (f) => `${f}: no such file or folder, so not a folder with a declaration (give the synth output, e.g. cdktf.out)`,
  ]);
  folderCommands.push([
    `${name}: a file`,
    args,
    at('ok.psrc'),
    (f) => `${f}: not a folder (give the synth output, e.g. cdktf.out)`,
  ]);
  folderCommands.push([
    `${name}: an empty folder`,
    args,
    empty,
    (f) => `${f}: nothing declared: no .psrc or .pssc files and no synth output in this folder`,
  ]);
  folderCommands.push([
    `${name}: a binary file in it`,
    args,
    declaredBinary,
    (f) =>
      `${f}: the declaration does not load:\n  ${path.join(f, 'Ops.pssc')}:1:1: not a text file (binary content at byte 3)`,
  ]);
  folderCommands.push([
    `${name}: a syntax error in it`,
    args,
    declaredBad,
    (f) => `${f}: the declaration does not load:\n  ${SYNTAX_PSSC(path.join(f, 'Ops.pssc'))}`,
  ]);
}
folderCommands.push(['diff: a missing folder', (f) => ['diff', f, empty], at('nowhere'), MISSING]);
folderCommands.push([
  'diff: a file',
  (f) => ['diff', empty, f],
  at('ok.psrc'),
  (f) => `${f}: not a folder (give a synth output, e.g. cdktf.out, or a folder of .psrc/.pssc files)`,
]);
folderCommands.push(['lint: a missing path', (f) => ['lint', f], at('nope.psrc'), MISSING]);
folderCommands.push([
  'lint: an empty folder',
  (f) => ['lint', f],
  empty,
  (f) => `${f}: nothing to check: no .psrc or .pssc files and no synth output in this folder`,
]);
folderCommands.push([
  'lint: a file that is not .psrc or .pssc',
  (f) => ['lint', f],
  at('bad.json'),
  (f) => `${f}: not a .psrc or .pssc file (give .psrc/.pssc files, folders of them, or a synth output)`,
]);

describe('every command names the file it cannot use, and exits 1', () => {
  it.each([...fileCommands, ...folderCommands])('%s', (_name, args, file, message) => {
    const r = jeajit(args(file));
    expect(r.stderr).toBe(`${message(file)}\n`);
    expect(r.status).toBe(1);
  });

  it('lint reports a binary or unparsable file among others as JEA000 at its position', () => {
    const r = jeajit(['lint', at('bin.psrc'), at('bad.psrc'), '--format', 'json']);
    expect(r.status).toBe(1);
    expect(
      JSON.parse(r.stdout.toString()).map(
        (f: { file: string; line: number; column: number; message: string }) =>
          `${f.file}:${f.line}:${f.column}: ${f.message}`,
      ),
    ).toEqual([
      `${at('bin.psrc')}:1:1: not valid JEA: not a text file (binary content at byte 3)`,
      `${at('bad.psrc')}:3:19: not valid JEA: subexpressions $( ) run code and are not allowed in a data file`,
    ]);
  });

  it('a file that cannot be written is named', () => {
    const out = path.join(tmp, 'no-such-folder', 'x.ts');
    const r = jeajit(['import', at('ok.psrc'), '--out', out]);
    expect([r.status, r.stderr]).toEqual([1, `${out}: cannot write: no such file or folder\n`]);
  });

  it('a suppressions file must be a list of suppressions with reasons', () => {
    const file = at('no-reason.json');
    fs.writeFileSync(file, JSON.stringify([{ ruleId: 'JEA001', reason: ' ' }]));
    const r = jeajit(['lint', at('ok.psrc'), '--suppressions', file]);
    expect([r.status, r.stderr]).toEqual([
      1,
      `${file}: not a list of suppressions: [0].reason: a suppression of JEA001 needs a reason\n`,
    ]);
  });

  it('psd1 fmt --write still refuses a file whose comments it would drop', () => {
    const file = at('commented.psrc');
    const text = "@{\r\n    # who may restart what\r\n    VisibleCmdlets = 'Get-Service'\r\n}\r\n";
    fs.writeFileSync(file, text);
    const r = jeajit(['psd1', 'fmt', '--write', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `${file}: not rewritten: fmt would drop 1 comment line(s), the first at line 2 ('who may restart what'); move them into a description, or format by hand\n`,
    );
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
  });
});
