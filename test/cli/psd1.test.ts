import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse, valuesEqual } from '../../src/psd1';
import { jeajit } from '../helpers/cli';
import { CORPUS_DIR } from '../helpers/corpus';

const DNS_ADMIN = path.join(
  CORPUS_DIR,
  'psrc',
  'PowerShell__JEA__Samples__DnsAdministration__RoleCapabilities__DnsAdmin.psrc',
);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jeajit-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('jeajit psd1 parse', () => {
  it('prints the value as JSON in source order, script blocks as {"$scriptblock": text}', () => {
    const file = path.join(tmp, 'sample.psd1');
    fs.writeFileSync(file, "@{ Zeta = 1; Alpha = @('a', $true, $null); '2' = { Get-Item } }");
    const r = jeajit(['psd1', 'parse', file]);
    expect(r.status).toBe(0);
    expect(r.stdout.toString()).toBe(
      '{\n  "Zeta": 1,\n  "Alpha": [\n    "a",\n    true,\n    null\n  ],\n  "2": {\n    "$scriptblock": " Get-Item "\n  }\n}\n',
    );
  });

  it('reads the UTF-16LE corpus files', () => {
    const r = jeajit(['psd1', 'parse', '--compact', DNS_ADMIN]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout.toString()).VisibleCmdlets[1].Parameters).toEqual({ Name: 'Name', ValidateSet: 'Dns' });
  });

  it('exits 1 with FILE:LINE:COL: message and no stack trace on bad input', () => {
    const file = path.join(tmp, 'bad.psd1');
    fs.writeFileSync(file, "@{\n    A = 'x'\n    B = $(Remove-Item C:\\)\n}\n");
    const r = jeajit(['psd1', 'parse', file]);
    expect(r.status).toBe(1);
    expect(r.stdout.length).toBe(0);
    expect(r.stderr).toBe(`${file}:3:9: subexpressions $( ) run code and are not allowed in a data file\n`);
  });

  it('exits 1 with a one-line message for a missing file', () => {
    const file = path.join(tmp, 'nope.psd1');
    const r = jeajit(['psd1', 'parse', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(`${file}: no such file or folder\n`);
  });
});

describe('jeajit psd1 render', () => {
  it('renders JSON from stdin as UTF-8 with BOM and CRLF', () => {
    const r = jeajit(['psd1', 'render', '-'], '{"Name":"it\'s","List":["a"],"Code":{"$scriptblock":" 1 "}}');
    expect(r.status).toBe(0);
    expect(r.stdout.toString('utf8')).toBe(
      "\ufeff@{\r\n    Name = 'it''s'\r\n    List = @('a')\r\n    Code = { 1 }\r\n}\r\n",
    );
  });

  it('round-trips a corpus file: parse | render gives the same value', () => {
    const json = jeajit(['psd1', 'parse', DNS_ADMIN]).stdout;
    const r = jeajit(['psd1', 'render'], json);
    expect(r.status).toBe(0);
    expect(valuesEqual(parse(r.stdout).value, parse(fs.readFileSync(DNS_ADMIN)).value)).toBe(true);
  });

  it('refuses JSON a data file cannot hold, naming the path', () => {
    const r = jeajit(['psd1', 'render'], '{"A":{"$scriptblock":1}}');
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('<stdin>: $.A: a script block is written {"$scriptblock": "<text>"} with no other key\n');
    const bad = jeajit(['psd1', 'render'], '{"A":');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toBe('<stdin>:1:6: not valid JSON: unexpected end of the text\n');
  });

  it('refuses a script block that could close early, and writes nothing', () => {
    const r = jeajit(['psd1', 'render'], '{"A":{"$scriptblock":"}; Remove-Item C:\\\\ -Recurse; {"}}');
    expect(r.status).toBe(1);
    expect(r.stdout.length).toBe(0);
    expect(r.stderr).toMatch(/^<stdin>: A: script block text is not self-contained/);
  });
});

describe('jeajit psd1 fmt', () => {
  it('prints, checks and rewrites a file canonically', () => {
    const file = path.join(tmp, 'fmt.psrc');
    fs.writeFileSync(
      file,
      "@{VisibleCmdlets='Get-Service',  'Get-Process'\n  Description =   'Ops'; FunctionDefinitions = @{ Name = 'F'; ScriptBlock = { 1 # kept: inside a script block\n } } }\n",
    );
    const before = parse(fs.readFileSync(file)).value;
    const printed = jeajit(['psd1', 'fmt', file]);
    expect(printed.status).toBe(0);
    expect(printed.stderr).toBe('');
    expect(jeajit(['psd1', 'fmt', '--check', file]).status).toBe(3);
    expect(jeajit(['psd1', 'fmt', '--write', file]).status).toBe(0);
    expect(fs.readFileSync(file)).toEqual(printed.stdout);
    expect(jeajit(['psd1', 'fmt', '--check', file]).status).toBe(0);
    expect(valuesEqual(parse(fs.readFileSync(file)).value, before)).toBe(true);
  });

  it('refuses to rewrite a file whose comments it would drop, and leaves it as it was', () => {
    const file = path.join(tmp, 'commented.psrc');
    fs.copyFileSync(DNS_ADMIN, file);
    const r = jeajit(['psd1', 'fmt', '--write', file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/not rewritten: fmt would drop \d+ comment line\(s\), the first at line \d+/);
    expect(fs.readFileSync(file)).toEqual(fs.readFileSync(DNS_ADMIN));
    const printed = jeajit(['psd1', 'fmt', file]);
    expect(printed.status).toBe(0);
    expect(printed.stderr).toMatch(/warning: .*leaves out \d+ comment line\(s\)/);
    expect(jeajit(['psd1', 'fmt', '--check', file]).stderr).toMatch(/comment line\(s\) keep fmt from rewriting it/);
  });
});

describe('jeajit --help', () => {
  it('lists the psd1 commands', () => {
    const r = jeajit(['psd1', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout.toString()).toMatch(/parse[\s\S]*render[\s\S]*fmt/);
  });
});
