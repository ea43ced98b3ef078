import fc from 'fast-check';
import * as fs from 'fs';
import { parse, PsHashtable, renderText, ScriptBlock } from '../../src/psd1';
import { codeText, psd1ValueOf } from '../helpers/arbitraries';
import { corpusFiles } from '../helpers/corpus';
import { oracleError, powershellOracle } from '../helpers/oracle';

// tree-sitter-powershell is an independent PowerShell grammar: whatever we render must be valid
// PowerShell to it too. (It knows only ASCII quotes, so it sees ‘’‚‛ as ordinary characters; the
// doubling of those is covered by our own parser's round-trip tests.)
describe('tree-sitter-powershell oracle', () => {
  beforeAll(async () => {
    await powershellOracle();
  });

  it('is a real check: it rejects broken PowerShell', async () => {
    expect(await oracleError("@{ A = 'unterminated }")).toBeDefined();
    expect(await oracleError('@{ A = @(1, 2 }')).toBeDefined();
    expect(await oracleError("@{ A = 'ok' }")).toBeUndefined();
  });

  it.each(corpusFiles().map((f) => [f.name, f.file]))(
    'accepts the original and the rendered %s',
    async (name, file) => {
      const doc = parse(fs.readFileSync(file), { file: name });
      expect(await oracleError(doc.text)).toBeUndefined();
      expect(await oracleError(renderText(doc.value))).toBeUndefined();
    },
  );

  it('accepts rendered edge cases: nested arrays, empty containers, keywords as keys, script blocks', async () => {
    const value = PsHashtable.from([
      ['if', [[], [['x']], [1, [2]]]],
      ['x y', PsHashtable.from([])],
      ['Neg', [-1, -0, 1.5e-7, 1e21]],
      ['Code', new ScriptBlock(' param($a) "{$a}" # }\r\n')],
      ['Quotes', `it's "quoted" \`$(whoami)\` #<#`],
      ['Lines', 'one\r\ntwo\nthree'],
    ]);
    expect(await oracleError(renderText(value))).toBeUndefined();
  });

  // Data files hold a hashtable at the top (tree-sitter's grammar refuses a lone `{}` statement),
  // and script blocks are not empty (the grammar errs on `@({}, {})`, which PowerShell reads).
  it('accepts every rendered random value', async () => {
    await fc.assert(
      fc.asyncProperty(
        psd1ValueOf(codeText(false).filter((t) => t.trim() !== '')),
        async (value) => (await oracleError(renderText(PsHashtable.from([['V', value]])))) === undefined,
      ),
      { numRuns: 400 },
    );
  });
});
