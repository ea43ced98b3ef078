import { parse, PsHashtable, render, renderText, ScriptBlock } from '../../src/psd1';
import { RenderError } from '../../src/psd1/writer';

const table = (entries: Array<[string, unknown]>) => PsHashtable.from(entries as never);

describe('render', () => {
  it('writes the canonical layout: UTF-8 BOM, CRLF, 4-space indent, inline short scalar arrays', () => {
    const value = table([
      ['GUID', 'a5fe0fd8-6e21-4bf3-aee2-5bae2194d244'],
      [
        'VisibleCmdlets',
        [
          'DnsServer\\*',
          table([
            ['Name', 'Restart-Service'],
            [
              'Parameters',
              table([
                ['Name', 'Name'],
                ['ValidateSet', ['Dns']],
              ]),
            ],
          ]),
        ],
      ],
      ['VisibleProviders', ['FileSystem']],
      ['Empty', []],
      ['None', table([])],
      ['Flags', [true, false, null, 1, -2.5]],
    ]);
    const bytes = render(value);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(Buffer.from(bytes.slice(3)).toString('utf8')).toBe(
      [
        '@{',
        "    GUID = 'a5fe0fd8-6e21-4bf3-aee2-5bae2194d244'",
        '    VisibleCmdlets = @(',
        "        'DnsServer\\*',",
        '        @{',
        "            Name = 'Restart-Service'",
        '            Parameters = @{',
        "                Name = 'Name'",
        "                ValidateSet = @('Dns')",
        '            }',
        '        }',
        '    )',
        "    VisibleProviders = @('FileSystem')",
        '    Empty = @()',
        '    None = @{}',
        '    Flags = @($true, $false, $null, 1, -2.5)',
        '}',
        '',
      ].join('\r\n'),
    );
  });

  it('breaks a long scalar array one item a line, with trailing commas that keep it one statement', () => {
    const items = Array.from({ length: 12 }, (_, i) => `Get-Something${i}`);
    const text = renderText(table([['VisibleCmdlets', items]]));
    expect(text).toContain("@(\r\n        'Get-Something0',\r\n        'Get-Something1',");
    expect((parse(text).value as PsHashtable).get('VisibleCmdlets')).toEqual(items);
  });

  it('keeps a lone nested array from being flattened with the unary comma', () => {
    expect(renderText([['a']])).toBe("@(\r\n    ,@('a')\r\n)\r\n");
    expect(parse(renderText([['a']])).value).toEqual([['a']]);
    expect(parse(renderText([[]])).value).toEqual([[]]);
  });

  it('quotes keys that are not plain names, and keys that are keywords', () => {
    const text = renderText(
      table([
        ['if', 1],
        ['CONTOSO\\Ops', 2],
        ['x y', 3],
        ['Plain_1', 4],
      ]),
    );
    expect(text).toContain("'if' = 1");
    expect(text).toContain("'CONTOSO\\Ops' = 2");
    expect(text).toContain("'x y' = 3");
    expect(text).toContain('Plain_1 = 4');
  });

  it('writes numbers PowerShell reads back as the same value', () => {
    expect(renderText([-0, 1e21, 2 ** 60, 0.1])).toBe('@(-0.0, 1e+21, 1.152921504606847e+18, 0.1)\r\n');
    const back = parse(renderText([-0, 2 ** 60])).value as number[];
    expect(Object.is(back[0], -0)).toBe(true);
    expect(back[1]).toBe(2 ** 60);
  });

  it('refuses numbers with no literal and values of other types, naming the path', () => {
    expect(() => renderText(table([['A', [1, NaN]]]))).toThrow(
      new RenderError('A[1]', 'the number NaN has no PowerShell literal (allowed: finite numbers)'),
    );
    expect(() => renderText(table([['B', Infinity]]))).toThrow(/B: the number Infinity/);
    expect(() => renderText(table([['C', new Date(0)]]))).toThrow(/C: cannot write a value of type Date/);
    expect(() => renderText(table([['D', undefined]]))).toThrow(/D: cannot write a value of type undefined/);
  });

  it('refuses a lone surrogate, which UTF-8 cannot encode, instead of writing U+FFFD', () => {
    expect(() => render(table([['Name', ['ok', 'bad\ud800x']]]))).toThrow(
      new RenderError('Name[1]', 'the string has a lone surrogate (U+D800) at index 3, which UTF-8 cannot encode'),
    );
    expect(() => render(table([['Name', '\udc00']]))).toThrow(/^Name: the string has a lone surrogate \(U\+DC00\)/);
  });

  it('encodes every plane of Unicode as UTF-8', () => {
    const s = 'a\u00e9\u0800\uffff\ud83d\ude00\u2019';
    expect(
      Buffer.from(render(s)).equals(Buffer.from(`\ufeff'${s.replace('\u2019', '\u2019\u2019')}'\r\n`, 'utf8')),
    ).toBe(true);
  });

  it('decides inline arrays by width in bytes, deterministically', () => {
    const items = ['x'.repeat(40), 'y'.repeat(40)];
    expect(renderText(items, { inlineWidth: 200 })).toBe(`@('${items[0]}', '${items[1]}')\r\n`);
    expect(renderText(items, { inlineWidth: 40 })).toBe(`@(\r\n    '${items[0]}',\r\n    '${items[1]}'\r\n)\r\n`);
  });
});

describe('strings: no value can leave its quotes', () => {
  it.each([
    ["it's", "'it''s'"],
    ['\u2018a\u2019', "'\u2018\u2018a\u2019\u2019'"],
    ['\u201a\u201b', "'\u201a\u201a\u201b\u201b'"],
    ["'; Remove-Item C:\\ -Recurse; '", "'''; Remove-Item C:\\ -Recurse; '''"],
    ['$(whoami) `n "x" \u201c\u201d', '\'$(whoami) `n "x" \u201c\u201d\''],
    ['line1\r\nline2\0', "'line1\r\nline2\0'"],
  ])('%j', (input, quoted) => {
    expect(renderText(input)).toBe(`${quoted}\r\n`);
    expect(parse(quoted).value).toBe(input);
  });
});

describe('script blocks are written only when they cannot close early', () => {
  it('writes balanced text verbatim', () => {
    const text = ' param($Name) Get-Service -Name $Name | Where-Object { $_.Status -eq "Running" } ';
    expect(renderText(new ScriptBlock(text))).toBe(`{${text}}\r\n`);
  });

  it.each([
    ['a closing brace too many', '}; Remove-Item C:\\ -Recurse; {', /unexpected '}': nothing is open here/],
    ['an unclosed brace', 'if ($x) {', /missing '}'/],
    ['an unterminated string', "'abc", /string is missing its closing quote/],
    ['a trailing line comment', 'Get-Item # note', /ends inside a line comment/],
    ['a trailing backtick', 'Get-Item `', /backtick at the end/],
    ['a word-internal #', 'Get-Item C:\\a#}', /inside a word is ambiguous/],
    ['an unterminated block comment', '<# note', /block comment <# is missing its closing #>/],
    ['an unterminated here-string', "@'\r\n}\r\n", /here-string is missing its terminator/],
    ['a mismatched bracket', '( }', /unexpected '}': expected '\)'/],
  ])('refuses %s', (_, text, message) => {
    expect(() => renderText(table([['FunctionDefinitions', table([['ScriptBlock', new ScriptBlock(text)]])]]))).toThrow(
      message,
    );
    expect(() => renderText(table([['X', new ScriptBlock(text)]]))).toThrow(
      /^X: script block text is not self-contained/,
    );
  });

  it('lets braces hide in strings, here-strings, comments and $() inside strings', () => {
    const text = " '}' \"}\" \"$('}')\" <# } #> @'\r\n}\r\n'@\r\n # }\r\n ${a}";
    const back = parse(renderText(new ScriptBlock(text))).value as ScriptBlock;
    expect(back.text).toBe(text);
  });
});
