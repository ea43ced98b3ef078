import fc from 'fast-check';
import { checkDotNetRegex } from '../../src/jea/dotnet-regex';

/**
 * Patterns from Microsoft Learn's .NET regular expression pages ("Regular Expression Language - Quick
 * Reference", "Character Escapes", "Grouping Constructs", "Quantifiers", "Character Classes",
 * "Backreference Constructs", "Miscellaneous Constructs", "Regular expression options") and from
 * .NET's parser's error paths. Every verdict, offset and message below was checked against .NET's
 * own parser (the .NET Framework reference source, as Windows PowerShell 5.1 runs it), with
 * RegexOptions.IgnoreCase as ValidatePattern passes it.
 */
const r = String.raw;

const VALID: readonly string[] = [
  '',
  'abc',
  '^[a-z]+$',
  'HR_*',
  '(Q*)|(R*)|(S*)',
  r`^\d{3}-\d{4}$`,
  r`^(?i:contoso)\\[a-z0-9._-]{1,20}$`,
  '^OU=Helpdesk,DC=contoso,DC=com$',
  'a|b|c',
  'a||b',
  '|',
  '(|)',
  '(a|)',
  '^$',
  '.',
  '.*',
  '(?:abc)',
  '(?<name>abc)',
  "(?'name'abc)",
  '(?<open>a)(?<close-open>b)',
  '(?<open>a)(?<-open>b)',
  "(?'o'a)(?'c-o'b)",
  r`(?<2>a)\2`,
  '(?=a)',
  '(?!a)',
  '(?<=a)b',
  '(?<!a)b',
  '(?>a+)',
  '(?i)abc',
  '(?imnsx-imnsx)a',
  '(?-i:abc)',
  '(?+i)a',
  '(?I)a',
  '(?#comment)abc',
  'a(?#c)*',
  '(?(a)b|c)',
  '(?(?=a)ab|cd)',
  '(?<g>a)?(?(g)b|c)',
  '(a)?(?(1)b|c)',
  '(?(1)a)(b)',
  '(?(zz)a|b)',
  'a*',
  'a+',
  'a?',
  'a{3}',
  'a{3,}',
  'a{3,5}',
  'a*?',
  'a+?',
  'a??',
  'a{3}?',
  'a{3,}?',
  'a{3,5}?',
  'a{',
  'a{,3}',
  'a{x}',
  'a{1',
  'a{1,2',
  '{',
  '}',
  'x{0}',
  '^*',
  r`\b+`,
  '(a)*',
  '[ab]+',
  r`\d{2,}?`,
  r`\w\W\s\S\d\D`,
  r`\bword\B`,
  r`\Aabc\Z`,
  r`\Gabc\z`,
  r`\n\r\t\f\v\e\a`,
  r`\0`,
  r`\012`,
  r`\x41`,
  r`\u00e9`,
  r`\cC`,
  r`\ca`,
  r`\c[`,
  r`\p{Lu}`,
  r`\P{L}`,
  r`\p{IsBasicLatin}`,
  r`\p{IsGreek}`,
  r`\p{IsGreekandCoptic}`,
  r`\p{IsLatin-1Supplement}`,
  r`\p{Sc}`,
  r`\p{Cn}`,
  r`\-\.\ \*\#`,
  r`\10`,
  r`(a)\1`,
  r`\1(a)`,
  r`(?<n>a)\k<n>`,
  r`(?<n>a)\k'n'`,
  r`(?<n>a)\1`,
  r`(a)\k<1>`,
  r`(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)\10`,
  r`(?<n>a)\<n>`,
  '[abc]',
  '[^abc]',
  '[]a]',
  '[^]a]',
  '[a-z]',
  '[a-zA-Z0-9]',
  r`[\b]`,
  r`[\p{L}\d]`,
  '[a-z-[aeiou]]',
  '[a-z-[d-w-[m-o]]]',
  r`[\u0000-\uFFFF-[\s\p{P}\p{IsGreek}\x85]]`,
  '[a-]',
  '[-a]',
  r`[\-]`,
  r`[\x41-\x5A]`,
  '[.*+?(){}|$^]',
  r`[\]]`,
  r`[\d-z]`,
  r`[\\]`,
  '[[]',
  r`[\1]`,
  '(?x) a b c # comment',
  '(?x)a #x\n +',
  '(?x)[ ]',
  '(?x)a{2} ?',
  '(?x:a b)c d',
  r`(?n)(a)(?<x>b)\k<x>`,
  '(?i)[A-Z]',
  'café',
  r`(?<café>a)\k<café>`,
  '日本語+',
];

/** [pattern, offset .NET reports, fragment of its message] */
const INVALID: ReadonlyArray<readonly [string, number, string]> = [
  ['(', 1, "Not enough )'s"],
  ['(a', 2, "Not enough )'s"],
  ['((a)', 4, "Not enough )'s"],
  ['(?:a', 4, "Not enough )'s"],
  ['(?<=a', 5, "Not enough )'s"],
  [')', 1, "Too many )'s"],
  ['a)', 2, "Too many )'s"],
  ['(a))', 4, "Too many )'s"],
  ['[', 1, 'Unterminated [] set'],
  ['[a', 2, 'Unterminated [] set'],
  ['[]', 2, 'Unterminated [] set'],
  ['[^]', 3, 'Unterminated [] set'],
  ['[a-z', 4, 'Unterminated [] set'],
  ['[a-z-[b]', 8, 'Unterminated [] set'],
  ['*', 1, 'Quantifier {x,y} following nothing'],
  ['+a', 1, 'Quantifier {x,y} following nothing'],
  ['?', 1, 'Quantifier {x,y} following nothing'],
  ['{2}', 1, 'Quantifier {x,y} following nothing'],
  ['(*)', 2, 'Quantifier {x,y} following nothing'],
  ['a|*', 3, 'Quantifier {x,y} following nothing'],
  ['(?i)*', 5, 'Quantifier {x,y} following nothing'],
  ['(?)', 2, 'Quantifier {x,y} following nothing'],
  ['a**', 3, 'Nested quantifier *'],
  ['a+*', 3, 'Nested quantifier *'],
  ['a{2}{3}', 5, 'Nested quantifier {'],
  ['a*??', 4, 'Nested quantifier ?'],
  ['a{2}*', 5, 'Nested quantifier *'],
  ['a{3,2}', 6, 'Illegal {x,y} with x > y'],
  ['a{2,1}?', 7, 'Illegal {x,y} with x > y'],
  [r`\q`, 2, r`Unrecognized escape sequence \q`],
  [r`\i`, 2, r`Unrecognized escape sequence \i`],
  [r`\_`, 2, r`Unrecognized escape sequence \_`],
  [r`\é`, 2, r`Unrecognized escape sequence \é`],
  [r`[\q]`, 3, r`Unrecognized escape sequence \q`],
  [r`[\B]`, 3, r`Unrecognized escape sequence \B`],
  [r`\8`, 2, 'Reference to undefined group number 8'],
  [r`\81`, 2, r`Unrecognized escape sequence \8`],
  ['\\', 1, r`Illegal \ at end of pattern`],
  ['abc\\', 4, r`Illegal \ at end of pattern`],
  [r`\1`, 2, 'Reference to undefined group number 1'],
  [r`(a)(b)\3`, 8, 'Reference to undefined group number 3'],
  [r`\k<3>`, 5, 'Reference to undefined group number 3'],
  [r`\k<foo>`, 7, 'Reference to undefined group name foo'],
  [r`\k'foo'`, 7, 'Reference to undefined group name foo'],
  [r`(?<a>x)\k<b>`, 12, 'Reference to undefined group name b'],
  ['(?<a-b>x)', 6, 'Reference to undefined group name b'],
  ['(?<-b>x)', 5, 'Reference to undefined group name b'],
  [r`\k`, 1, r`Malformed \k<...> named back reference`],
  [r`\kx`, 3, r`Malformed \k<...> named back reference`],
  [r`\k<`, 3, r`Malformed \k<...> named back reference`],
  ['(?', 2, 'Unrecognized grouping construct'],
  ['(?P<n>a)', 3, 'Unrecognized grouping construct'],
  ["(?'=a)", 4, 'Unrecognized grouping construct'],
  ['(?i-z)', 5, 'Unrecognized grouping construct'],
  ['(?x', 3, 'Unrecognized grouping construct'],
  ['(?<a', 4, 'Unrecognized grouping construct'],
  ['(?<a-', 5, 'Unrecognized grouping construct'],
  ['(?<>a)', 3, 'Invalid group name: Group names must begin with a word character'],
  ['(?<a!>b)', 4, 'Invalid group name: Group names must begin with a word character'],
  ['(?<1a>b)', 4, 'Invalid group name: Group names must begin with a word character'],
  ['(?<0>a)', 4, 'Capture number cannot be zero'],
  ['[z-a]', 4, '[x-y] range in reverse order'],
  ['[9-0]', 4, '[x-y] range in reverse order'],
  [r`[\x5A-\x41]`, 10, '[x-y] range in reverse order'],
  [r`[a-\b]`, 5, '[x-y] range in reverse order'],
  [r`\x4`, 2, 'Insufficient hexadecimal digits'],
  [r`\xG1`, 3, 'Insufficient hexadecimal digits'],
  [r`\u12`, 2, 'Insufficient hexadecimal digits'],
  [r`\u12G4`, 5, 'Insufficient hexadecimal digits'],
  [r`[\x1]`, 5, 'Insufficient hexadecimal digits'],
  [r`\p{Foo}`, 7, "Unknown property 'Foo'"],
  [r`\p{isgreek}`, 11, "Unknown property 'isgreek'"],
  [r`\p{IsGreekAndCoptic}`, 20, "Unknown property 'IsGreekAndCoptic'"],
  [r`\p{lu}`, 6, "Unknown property 'lu'"],
  [r`[\p{Foo}]`, 8, "Unknown property 'Foo'"],
  [r`\p{L`, 2, r`Incomplete \p{X} character escape`],
  [r`\pL`, 2, r`Incomplete \p{X} character escape`],
  [r`\p{}`, 2, r`Incomplete \p{X} character escape`],
  [r`\pLxy`, 3, r`Malformed \p{X} character escape`],
  [r`\c`, 2, 'Missing control character'],
  [r`[\c`, 3, 'Missing control character'],
  [r`\c1`, 3, 'Unrecognized control character'],
  ['[a-z-[aeiou]x]', 12, 'A subtraction must be the last element in a character class'],
  ['[a-[b]c]', 6, 'A subtraction must be the last element in a character class'],
  ['(?(1)a|b)', 5, '(?(1) ) reference to undefined group'],
  ['(a)(?(1)b|c|d)', 14, 'Too many | in (?()|)'],
  ['(?(a)b|c|d)', 11, 'Too many | in (?()|)'],
  ['(?(1', 4, '(?(1) ) malformed'],
  ['(?(?#c)a)', 2, 'Alternation conditions cannot be comments'],
  ['(?(?<n>a)b)', 2, 'Alternation conditions do not capture and cannot be named'],
  ["(?(?'n'a)b)", 2, 'Alternation conditions do not capture and cannot be named'],
  ['(?(a)(?i)b)', 8, 'Unrecognized grouping construct'],
  ['(?#abc', 6, 'Unterminated (?#...) comment'],
  ['a(?#', 4, 'Unterminated (?#...) comment'],
  ['a{99999999999}', 12, 'Capture group numbers must be less than or equal to Int32.MaxValue'],
  ['(?<99999999999>a)', 13, 'Capture group numbers must be less than or equal to Int32.MaxValue'],
  [r`[a-\d]`, 5, r`Cannot include class \d in character range`],
  [r`[a-\p{L}]`, 5, r`Cannot include class \p in character range`],
  ['(?x)a # c\n**', 12, 'Nested quantifier *'],
  ['(?x) *', 6, 'Quantifier {x,y} following nothing'],
  ['(?x)(?#', 7, 'Unterminated (?#...) comment'],
];

/** Patterns taken from JEA role capability files (ValidatePattern on VisibleCmdlets parameters). */
const JEA_EXAMPLES: readonly string[] = [
  '^[a-z]+$',
  'HR_*',
  '(Q*)|(R*)|(S*)',
  r`^\d{3}-\d{4}$`,
  r`^(?i:contoso)\\[a-z0-9._-]{1,20}$`,
  '^OU=Helpdesk,DC=contoso,DC=com$',
];

describe('checkDotNetRegex', () => {
  it('has a table of at least 80 valid and 80 invalid patterns', () => {
    expect(VALID.length).toBeGreaterThanOrEqual(80);
    expect(INVALID.length).toBeGreaterThanOrEqual(80);
  });

  describe('accepts what .NET accepts', () => {
    it.each(VALID.map((p) => [p]))('%j', (pattern) => {
      expect(checkDotNetRegex(pattern)).toBeUndefined();
    });
  });

  describe('rejects what .NET rejects, at the offset .NET reports', () => {
    it.each(INVALID.map(([p, offset, reason]) => [p, offset, reason]))('%j at %d: %s', (pattern, offset, reason) => {
      const problem = checkDotNetRegex(pattern);
      expect(problem).toBeDefined();
      expect(problem!.reason).toContain(reason);
      expect(problem!.offset).toBe(offset);
    });
  });

  describe('real JEA ValidatePattern examples', () => {
    it.each(JEA_EXAMPLES.map((p) => [p]))('%j is valid', (pattern) => {
      expect(checkDotNetRegex(pattern)).toBeUndefined();
    });

    it('catches a typo that JavaScript would accept: a reference to a group defined nowhere', () => {
      // JavaScript (without the u flag) takes \2 as an octal escape; .NET refuses it.
      expect(() => new RegExp(r`^(\d{3})-\2$`)).not.toThrow();
      expect(checkDotNetRegex(r`^(\d{3})-\2$`)).toEqual({
        offset: 11,
        reason: 'Reference to undefined group number 2',
      });
    });

    it('accepts .NET syntax that JavaScript would reject', () => {
      expect(() => new RegExp('(?i)^[a-z]+$')).toThrow();
      expect(checkDotNetRegex('(?i)^[a-z]+$')).toBeUndefined();
      expect(checkDotNetRegex(r`^[\p{L}-[\p{Lu}]]+\Z`)).toBeUndefined();
    });
  });

  describe('backreference numbering follows .NET', () => {
    it('counts groups defined after the reference', () => {
      expect(checkDotNetRegex(r`\2(a)(b)`)).toBeUndefined();
    });

    it('gives named groups the numbers after the unnamed ones', () => {
      expect(checkDotNetRegex(r`(?<x>a)(b)\2`)).toBeUndefined();
      expect(checkDotNetRegex(r`(?<x>a)(b)\3`)).toEqual({
        offset: 12,
        reason: 'Reference to undefined group number 3',
      });
    });

    it('does not count groups under the n option', () => {
      expect(checkDotNetRegex(r`(?n)(a)\1`)).toEqual({ offset: 9, reason: 'Reference to undefined group number 1' });
    });

    it('reads \\10 and up as octal when there is no such group', () => {
      expect(checkDotNetRegex(r`(a)\12`)).toBeUndefined();
      expect(checkDotNetRegex(r`(a)\9`)).toEqual({ offset: 5, reason: 'Reference to undefined group number 9' });
    });
  });

  describe('IgnorePatternWhitespace (x)', () => {
    it('ignores white space and # comments after (?x)', () => {
      expect(checkDotNetRegex('(?x) ^ [a-z]+ # user name\n $')).toBeUndefined();
    });

    it('keeps white space literal without it, so a quantifier after a space applies to the space', () => {
      expect(checkDotNetRegex('a *')).toBeUndefined();
      expect(checkDotNetRegex('(?x)a * *')).toEqual({ offset: 9, reason: 'Nested quantifier *' });
    });

    it('ends with the group that set it', () => {
      expect(checkDotNetRegex('(?x: a )#(')).toEqual({ offset: 10, reason: "Not enough )'s" });
      expect(checkDotNetRegex('(?x) a #(')).toBeUndefined();
    });
  });

  describe('property: never throws, always terminates', () => {
    const alphabet = [
      '(',
      ')',
      '[',
      ']',
      '{',
      '}',
      '\\',
      '|',
      '*',
      '+',
      '?',
      '^',
      '$',
      '.',
      '-',
      ',',
      '<',
      '>',
      "'",
      '=',
      '!',
      ':',
      '#',
      ' ',
      '\n',
      'a',
      'k',
      'p',
      'P',
      'x',
      'u',
      'c',
      'i',
      'n',
      'd',
      'b',
      'B',
      '0',
      '1',
      '2',
      '9',
      'L',
      '_',
      'é',
      '\u200d',
      '\ud83d',
    ];
    const tokens = [
      '(?<n>',
      "(?'m'",
      '(?<n-m>',
      '(?:',
      '(?<=',
      '(?(',
      '(?(n)',
      '(?(1)',
      '(?x)',
      '(?n)',
      '(?#c)',
      '\\k<n>',
      '\\1',
      '\\p{L}',
      '\\p{IsGreek}',
      '\\x4',
      '\\cA',
      '{2}',
      '{2,}',
      '{3,2}',
      '-[',
      '[^',
    ];
    const pattern = fc.oneof(
      fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }).map((cs) => cs.join('')),
      fc.array(fc.constantFrom(...alphabet, ...tokens), { maxLength: 25 }).map((cs) => cs.join('')),
      fc.string({ maxLength: 40 }),
    );

    it('returns undefined or a problem inside the pattern', () => {
      fc.assert(
        fc.property(pattern, (p) => {
          const problem = checkDotNetRegex(p);
          if (problem !== undefined) {
            expect(Number.isInteger(problem.offset)).toBe(true);
            expect(problem.offset).toBeGreaterThanOrEqual(0);
            expect(problem.offset).toBeLessThanOrEqual(p.length);
            expect(problem.reason.length).toBeGreaterThan(0);
          }
        }),
        { numRuns: 5000 },
      );
    });

    it('accepts any text escaped as Regex.Escape escapes it', () => {
      const escape = (s: string): string =>
        s.replace(/[\t\n\f\r #$()*+.?[\\^{|]/g, (c) => '\\' + ({ '\t': 't', '\n': 'n', '\f': 'f', '\r': 'r' }[c] ?? c));
      fc.assert(
        fc.property(fc.string({ maxLength: 40 }), (s) => {
          expect(checkDotNetRegex(escape(s))).toBeUndefined();
        }),
        { numRuns: 2000 },
      );
    });
  });
});
