import { parse } from '../../src/psd1';
import { corpusFile } from '../helpers/corpus';

describe('locate: source positions of values and keys', () => {
  const text = [
    '@{',
    "    Name = 'a'",
    '    VisibleCmdlets = @(',
    "        'Get-Service',",
    "        @{ Name = 'Restart-Service'; Parameters = @{ Name = 'Name'; ValidateSet = 'Dns', 'Spooler' } }",
    '    )',
    '    Flat = @(@(1, 2); 3)',
    '}',
  ].join('\r\n');
  const doc = parse(text);

  it.each([
    [['Name'], { key: { line: 2, column: 5 }, value: { line: 2, column: 12 } }],
    [['VisibleCmdlets', 0], { value: { line: 4, column: 9 } }],
    [['VisibleCmdlets', 1, 'Name'], { key: { line: 5, column: 12 }, value: { line: 5, column: 19 } }],
    [['visiblecmdlets', 1, 'parameters', 'validateset', 1], { value: { line: 5, column: 90 } }],
    [['Flat', 1], { value: { line: 7, column: 19 } }],
    [['Flat', 2], { value: { line: 7, column: 23 } }],
    [[], { value: { line: 1, column: 1 } }],
  ])('%j', (path, expected) => {
    expect(doc.locate(path)).toEqual(expected);
  });

  it('is undefined for a path that is not there', () => {
    expect(doc.locate(['Nope'])).toBeUndefined();
    expect(doc.locate(['VisibleCmdlets', 9])).toBeUndefined();
    expect(doc.locate(['Name', 0])).toBeUndefined();
  });

  it('finds positions in a UTF-16LE corpus file', () => {
    const dns = parse(
      corpusFile('psrc', 'PowerShell__JEA__Samples__DnsAdministration__RoleCapabilities__DnsAdmin.psrc'),
    );
    const at = dns.locate(['VisibleCmdlets', 1, 'Parameters', 'ValidateSet'])!;
    const line = dns.text.split(/\r\n|\n|\r/)[at.value.line - 1];
    expect(line.slice(at.value.column - 1).startsWith("'Dns'")).toBe(true);
    const key = dns.locate(['GUID'])!.key!;
    expect(dns.text.split(/\r\n/)[key.line - 1].slice(key.column - 1)).toMatch(/^GUID = /);
  });
});
