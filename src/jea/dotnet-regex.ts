/**
 * A syntax checker for .NET regular expressions, as PowerShell's `ValidatePattern` evaluates them.
 *
 * JEA role capabilities constrain parameters with `ValidatePattern`, which PowerShell hands to
 * `System.Text.RegularExpressions.Regex` with `RegexOptions.IgnoreCase`. JavaScript's `RegExp` has a
 * different syntax (named groups, `\A`, `\Z`, `(?i)`, class subtraction, `{` as a literal, octal
 * escapes, ...), so it cannot say whether .NET would accept a pattern; this module scans the pattern
 * itself, by hand, with an index, the way .NET's `RegexParser` does, and reports the first problem
 * .NET would report, at .NET's offset (the parser's position when it gives up, usually just past the
 * offending text; `RegexParseException.Offset` on modern .NET) and in .NET Framework's wording, which is
 * what Windows PowerShell 5.1, the usual JEA host, prints (modern .NET quotes a few names: `'foo'`).
 *
 * The language is as described by Microsoft Learn's .NET pages:
 * - "Regular Expression Language - Quick Reference"
 *   (https://learn.microsoft.com/dotnet/standard/base-types/regular-expression-language-quick-reference)
 * - "Character Escapes in Regular Expressions"
 *   (https://learn.microsoft.com/dotnet/standard/base-types/character-escapes-in-regular-expressions)
 * - "Grouping Constructs in Regular Expressions"
 *   (https://learn.microsoft.com/dotnet/standard/base-types/grouping-constructs-in-regular-expressions)
 * - "Quantifiers in Regular Expressions"
 *   (https://learn.microsoft.com/dotnet/standard/base-types/quantifiers-in-regular-expressions)
 * - "Character Classes in Regular Expressions", including "Supported Unicode general categories" and
 *   "Supported named blocks"
 *   (https://learn.microsoft.com/dotnet/standard/base-types/character-classes-in-regular-expressions)
 * - "Backreference Constructs in Regular Expressions"
 *   (https://learn.microsoft.com/dotnet/standard/base-types/backreference-constructs-in-regular-expressions)
 * - "Miscellaneous Constructs in Regular Expressions"
 *   (https://learn.microsoft.com/dotnet/standard/base-types/miscellaneous-constructs-in-regular-expressions)
 * - "Regular expression options"
 *   (https://learn.microsoft.com/dotnet/standard/base-types/regular-expression-options)
 * and, for the exact error conditions the pages leave out, by the behaviour of .NET's `RegexParser`
 * (dotnet/runtime, src/libraries/System.Text.RegularExpressions): like it, the check runs in two passes,
 * a first one that notes every capturing group (so that `\2` may refer to a group defined later) and
 * can already fail on a bad escape or an unterminated set, then the full one.
 *
 * Only the options a pattern can switch on inline matter here: `n` (ExplicitCapture) changes which
 * groups count, `x` (IgnorePatternWhitespace) makes white space and `#` comments insignificant. The
 * others (`i`, `m`, `s`) change matching only; IgnoreCase, which ValidatePattern sets, never changes
 * whether a pattern parses.
 */

/** Why a pattern is not a valid .NET regular expression, and where (0-based UTF-16 offset). */
export interface DotNetRegexProblem {
  /** The offset .NET would report: the position where its parser stopped, usually just past the bad text. */
  readonly offset: number;
  /** .NET's own message for the problem (.NET Framework's wording), without the trailing period. */
  readonly reason: string;
}

/**
 * Checks a pattern against .NET's regular expression syntax (RegexParser); undefined when valid.
 *
 * The pattern is taken as `[ValidatePattern()]` takes it: no options but IgnoreCase, so no white space
 * is ignored unless the pattern itself says `(?x)`. Never throws.
 */
export function checkDotNetRegex(pattern: string): DotNetRegexProblem | undefined {
  try {
    new Scanner(pattern).check();
    return undefined;
  } catch (e) {
    if (e instanceof Failure) return { offset: e.offset, reason: e.reason };
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------------
// Tables

/** Unicode general categories accepted by `\p{...}` (case-sensitive, as in .NET). */
const CATEGORIES: ReadonlySet<string> = new Set([
  'L',
  'Lu',
  'Ll',
  'Lt',
  'Lm',
  'Lo',
  'M',
  'Mn',
  'Mc',
  'Me',
  'N',
  'Nd',
  'Nl',
  'No',
  'P',
  'Pc',
  'Pd',
  'Ps',
  'Pe',
  'Pi',
  'Pf',
  'Po',
  'S',
  'Sm',
  'Sc',
  'Sk',
  'So',
  'Z',
  'Zs',
  'Zl',
  'Zp',
  'C',
  'Cc',
  'Cf',
  'Cs',
  'Co',
  'Cn',
]);

/**
 * Named blocks accepted by `\p{...}` (case-sensitive): the "Supported named blocks" table, which is
 * Unicode 4.0's blocks plus Perl's aliases, and the four XML-name helper sets .NET's table also holds.
 */
const NAMED_BLOCKS: ReadonlySet<string> = new Set([
  'IsAlphabeticPresentationForms',
  'IsArabic',
  'IsArabicPresentationForms-A',
  'IsArabicPresentationForms-B',
  'IsArmenian',
  'IsArrows',
  'IsBasicLatin',
  'IsBengali',
  'IsBlockElements',
  'IsBopomofo',
  'IsBopomofoExtended',
  'IsBoxDrawing',
  'IsBraillePatterns',
  'IsBuhid',
  'IsCJKCompatibility',
  'IsCJKCompatibilityForms',
  'IsCJKCompatibilityIdeographs',
  'IsCJKRadicalsSupplement',
  'IsCJKSymbolsandPunctuation',
  'IsCJKUnifiedIdeographs',
  'IsCJKUnifiedIdeographsExtensionA',
  'IsCherokee',
  'IsCombiningDiacriticalMarks',
  'IsCombiningDiacriticalMarksforSymbols',
  'IsCombiningHalfMarks',
  'IsCombiningMarksforSymbols',
  'IsControlPictures',
  'IsCurrencySymbols',
  'IsCyrillic',
  'IsCyrillicSupplement',
  'IsDevanagari',
  'IsDingbats',
  'IsEnclosedAlphanumerics',
  'IsEnclosedCJKLettersandMonths',
  'IsEthiopic',
  'IsGeneralPunctuation',
  'IsGeometricShapes',
  'IsGeorgian',
  'IsGreek',
  'IsGreekExtended',
  'IsGreekandCoptic',
  'IsGujarati',
  'IsGurmukhi',
  'IsHalfwidthandFullwidthForms',
  'IsHangulCompatibilityJamo',
  'IsHangulJamo',
  'IsHangulSyllables',
  'IsHanunoo',
  'IsHebrew',
  'IsHighPrivateUseSurrogates',
  'IsHighSurrogates',
  'IsHiragana',
  'IsIPAExtensions',
  'IsIdeographicDescriptionCharacters',
  'IsKanbun',
  'IsKangxiRadicals',
  'IsKannada',
  'IsKatakana',
  'IsKatakanaPhoneticExtensions',
  'IsKhmer',
  'IsKhmerSymbols',
  'IsLao',
  'IsLatin-1Supplement',
  'IsLatinExtended-A',
  'IsLatinExtended-B',
  'IsLatinExtendedAdditional',
  'IsLetterlikeSymbols',
  'IsLimbu',
  'IsLowSurrogates',
  'IsMalayalam',
  'IsMathematicalOperators',
  'IsMiscellaneousMathematicalSymbols-A',
  'IsMiscellaneousMathematicalSymbols-B',
  'IsMiscellaneousSymbols',
  'IsMiscellaneousSymbolsandArrows',
  'IsMiscellaneousTechnical',
  'IsMongolian',
  'IsMyanmar',
  'IsNumberForms',
  'IsOgham',
  'IsOpticalCharacterRecognition',
  'IsOriya',
  'IsPhoneticExtensions',
  'IsPrivateUse',
  'IsPrivateUseArea',
  'IsRunic',
  'IsSinhala',
  'IsSmallFormVariants',
  'IsSpacingModifierLetters',
  'IsSpecials',
  'IsSuperscriptsandSubscripts',
  'IsSupplementalArrows-A',
  'IsSupplementalArrows-B',
  'IsSupplementalMathematicalOperators',
  'IsSyriac',
  'IsTagalog',
  'IsTagbanwa',
  'IsTaiLe',
  'IsTamil',
  'IsTelugu',
  'IsThaana',
  'IsThai',
  'IsTibetan',
  'IsUnifiedCanadianAboriginalSyllabics',
  'IsVariationSelectors',
  'IsYiRadicals',
  'IsYiSyllables',
  'IsYijingHexagramSymbols',
  '_xmlC',
  '_xmlD',
  '_xmlI',
  '_xmlW',
]);

/** The largest number .NET reads in a quantifier or a group number (Int32.MaxValue). */
const INT_MAX = 2147483647;

/** Option bits this checker follows. */
const EXPLICIT_CAPTURE = 1;
const IGNORE_PATTERN_WHITESPACE = 2;

// ---------------------------------------------------------------------------------------------------
// Character tests, on single UTF-16 code units as .NET's parser sees them

/** Letters (Lu Ll Lt Lm Lo), non-spacing marks, decimal digits and connector punctuation. */
const NON_ASCII_WORD = /[\p{L}\p{Mn}\p{Nd}\p{Pc}\u200C\u200D]/u;

/** A character of a group name or a \p{} name, and one whose escape is an error: .NET's boundary word character. */
function isWordChar(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 0x80) {
    return (
      (code >= 0x30 && code <= 0x39) ||
      (code >= 0x41 && code <= 0x5a) ||
      (code >= 0x61 && code <= 0x7a) ||
      code === 0x5f
    );
  }
  // A lone surrogate (half of an astral character) is category Cs, never a word character.
  return code < 0xd800 || code > 0xdfff ? NON_ASCII_WORD.test(c) : false;
}

function isDigit(c: string): boolean {
  return c >= '0' && c <= '9';
}

/** Characters that end a run of literal text: `$ ( ) * + . ? [ \ ^ { |`. */
function isSpecial(c: string): boolean {
  switch (c) {
    case '$':
    case '(':
    case ')':
    case '*':
    case '+':
    case '.':
    case '?':
    case '[':
    case '\\':
    case '^':
    case '{':
    case '|':
      return true;
    default:
      return false;
  }
}

/** White space as IgnorePatternWhitespace skips it (not \v, not non-ASCII spaces). */
function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\f' || c === '\r';
}

function isQuantifierChar(c: string): boolean {
  return c === '*' || c === '+' || c === '?' || c === '{';
}

function hexValue(c: string): number {
  const code = c.charCodeAt(0);
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  return -1;
}

// ---------------------------------------------------------------------------------------------------
// The scanner

/** Thrown inside the scanner to stop at the first problem. */
class Failure extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/**
 * An open group: a plain one (capturing or not, lookaround, atomic, ...), an expression conditional
 * `(?(expr)yes|no)`, or a group-reference conditional `(?(name)yes|no)`; `parts` counts the branches
 * (and, for an expression conditional, its condition) seen so far; `outerOptions` are restored at `)`.
 */
interface Frame {
  readonly kind: 'group' | 'expression-conditional' | 'reference-conditional';
  parts: number;
  readonly outerOptions: number;
}

class Scanner {
  private readonly p: string;
  private readonly len: number;
  private pos = 0;
  private options = 0;

  /** Group numbers in use, from the first pass (0 is the whole match). */
  private readonly groupNumbers = new Set<number>();
  /** Group names in use, from the first pass, in order of appearance. */
  private readonly groupNames: string[] = [];
  private readonly groupNameSet = new Set<string>();

  constructor(pattern: string) {
    this.p = pattern;
    this.len = pattern.length;
  }

  check(): void {
    this.noteGroups();
    this.pos = 0;
    this.options = 0;
    this.parse();
  }

  private fail(reason: string): never {
    throw new Failure(this.pos, reason);
  }

  // --- first pass -----------------------------------------------------------------------------------

  /**
   * Notes every capturing group, as .NET does before parsing: unnamed ones are numbered from 1 in
   * order of their `(`, explicitly numbered ones keep their number, and named ones then take the
   * lowest numbers still free. Escapes and sets are scanned (not checked in full) to skip them, so a
   * bad escape or an unterminated set already fails here.
   */
  private noteGroups(): void {
    const p = this.p;
    const optionStack: number[] = [];
    let ignoreNextParen = false;
    let nextNumber = 1;
    this.groupNumbers.add(0);

    while (this.pos < this.len) {
      const c = p[this.pos++];
      switch (c) {
        case '\\':
          if (this.pos < this.len) this.scanBackslash(true);
          break;
        case '#':
          if (this.options & IGNORE_PATTERN_WHITESPACE) {
            this.pos--;
            this.skipBlank();
          }
          break;
        case '[':
          this.scanCharClass(true);
          break;
        case ')':
          if (optionStack.length > 0) this.options = optionStack.pop()!;
          break;
        case '(':
          if (this.pos + 1 < this.len && p[this.pos] === '?' && p[this.pos + 1] === '#') {
            this.pos--;
            this.skipBlank();
          } else {
            optionStack.push(this.options);
            if (this.pos < this.len && p[this.pos] === '?') {
              this.pos++;
              if (this.pos + 1 < this.len && (p[this.pos] === '<' || p[this.pos] === "'")) {
                this.pos++;
                const first = p[this.pos];
                if (first !== '0' && isWordChar(first)) {
                  if (first >= '1' && first <= '9') this.groupNumbers.add(this.scanDecimal());
                  else this.noteName(this.scanName());
                }
              } else {
                this.scanOptions();
                if (this.pos < this.len) {
                  if (p[this.pos] === ')') {
                    // (?imnsx-imnsx): the options last until the enclosing group ends.
                    this.pos++;
                    optionStack.pop();
                  } else if (p[this.pos] === '(') {
                    // (?(...: the condition's own parentheses do not capture.
                    ignoreNextParen = true;
                    break;
                  }
                }
              }
            } else if (!(this.options & EXPLICIT_CAPTURE) && !ignoreNextParen) {
              this.groupNumbers.add(nextNumber++);
            }
          }
          ignoreNextParen = false;
          break;
        default:
          break;
      }
    }

    for (let i = 0; i < this.groupNames.length; i++) {
      while (this.groupNumbers.has(nextNumber)) nextNumber++;
      this.groupNumbers.add(nextNumber++);
    }
  }

  private noteName(name: string): void {
    if (!this.groupNameSet.has(name)) {
      this.groupNameSet.add(name);
      this.groupNames.push(name);
    }
  }

  // --- second pass ----------------------------------------------------------------------------------

  /** The full parse: structure, quantifiers, sets, escapes and references. */
  private parse(): void {
    const p = this.p;
    const frames: Frame[] = [{ kind: 'group', parts: 0, outerOptions: 0 }];
    /** Whether something quantifiable was just scanned and not yet closed off. */
    let unit = false;
    let lastWasQuantifier = false;

    while (this.pos < this.len) {
      let afterQuantifier = lastWasQuantifier;
      lastWasQuantifier = false;
      this.skipBlank();

      // A run of literal text (a '{' that does not start a quantifier is literal).
      const runStart = this.pos;
      const ignoreSpace = (this.options & IGNORE_PATTERN_WHITESPACE) !== 0;
      while (this.pos < this.len) {
        const c = p[this.pos];
        const stops = isSpecial(c) || (ignoreSpace && (isSpace(c) || c === '#'));
        if (stops && !(c === '{' && !this.isTrueQuantifier())) break;
        this.pos++;
      }
      const runEnd = this.pos;
      this.skipBlank();

      let ch: string;
      if (this.pos === this.len) {
        ch = '';
      } else if (isSpecial(p[this.pos])) {
        ch = p[this.pos++];
        lastWasQuantifier = isQuantifierChar(ch);
      } else {
        ch = 'literal';
      }
      if (runStart < runEnd) {
        afterQuantifier = false;
        // The quantifier, if one follows, applies to the run's last character.
        if (lastWasQuantifier) unit = true;
      }

      switch (ch) {
        case '':
          break;
        case 'literal':
          continue;
        case '[':
          this.scanCharClass(false);
          unit = true;
          break;
        case '(': {
          const outerOptions = this.options;
          const kind = this.scanGroupOpen(frames[frames.length - 1].kind);
          if (kind !== undefined) frames.push({ kind, parts: 0, outerOptions });
          continue;
        }
        case '|': {
          const top = frames[frames.length - 1];
          if (top.kind !== 'group') top.parts++;
          continue;
        }
        case ')': {
          if (frames.length === 1) this.fail("Too many )'s");
          const closed = frames.pop()!;
          if (closed.kind !== 'group') {
            closed.parts++;
            if ((closed.kind === 'reference-conditional' && closed.parts > 2) || closed.parts > 3) {
              this.fail('Too many | in (?()|)');
            }
          }
          this.options = closed.outerOptions;
          const parent = frames[frames.length - 1];
          if (parent.kind === 'expression-conditional' && parent.parts === 0) {
            // That group was the condition: it cannot take a quantifier.
            parent.parts = 1;
            unit = false;
            continue;
          }
          unit = true;
          break;
        }
        case '\\':
          if (this.pos === this.len) this.fail('Illegal \\ at end of pattern');
          this.scanBackslash(false);
          unit = true;
          break;
        case '^':
        case '$':
        case '.':
          unit = true;
          break;
        default:
          // '{', '*', '+', '?' with nothing before them in this run.
          if (!unit) {
            this.fail(afterQuantifier ? `Nested quantifier ${ch}` : 'Quantifier {x,y} following nothing');
          }
          this.pos--;
          break;
      }
      if (ch === '') break;

      this.skipBlank();
      if (this.pos === this.len || !(lastWasQuantifier = this.isTrueQuantifier())) {
        unit = false;
        continue;
      }

      const q = p[this.pos++];
      let min = 0;
      let max = 0;
      if (q === '*') {
        max = INT_MAX;
      } else if (q === '?') {
        max = 1;
      } else if (q === '+') {
        min = 1;
        max = INT_MAX;
      } else {
        const start = this.pos;
        min = max = this.scanDecimal();
        if (start < this.pos && this.pos < this.len && p[this.pos] === ',') {
          this.pos++;
          max = this.pos === this.len || p[this.pos] === '}' ? INT_MAX : this.scanDecimal();
        }
        if (start === this.pos || this.pos === this.len || p[this.pos++] !== '}') {
          // Not a quantifier after all: the '{' is literal text.
          unit = false;
          this.pos = start - 1;
          continue;
        }
      }
      this.skipBlank();
      if (this.pos < this.len && p[this.pos] === '?') this.pos++; // lazy
      if (min > max) this.fail('Illegal {x,y} with x > y');
      unit = false;
    }

    if (frames.length > 1) this.fail("Not enough )'s");
  }

  /**
   * Scans what follows `(` and returns the kind of group it opens, or undefined for `(?imnsx-imnsx)`,
   * which opens none (its options stay in force until the enclosing group closes).
   */
  private scanGroupOpen(enclosing: Frame['kind']): Frame['kind'] | undefined {
    const p = this.p;
    const len = this.len;
    if (this.pos === len || p[this.pos] !== '?' || (this.pos + 1 < len && p[this.pos + 1] === ')')) {
      // ( ... ) — and "(?)", whose '?' then follows nothing.
      return 'group';
    }
    this.pos++;
    if (this.pos === len) this.fail('Unrecognized grouping construct');

    const c = p[this.pos++];
    switch (c) {
      case ':': // (?: )
      case '=': // (?= )
      case '!': // (?! )
      case '>': // (?> )
        return 'group';

      case "'":
      case '<': {
        const close = c === '<' ? '>' : "'";
        if (this.pos === len) this.fail('Unrecognized grouping construct');
        const next = p[this.pos++];
        if (next === '=' || next === '!') {
          // (?<= ) (?<! ); there is no (?'= ) or (?'! ).
          if (close === "'") this.fail('Unrecognized grouping construct');
          return 'group';
        }
        this.pos--;
        return this.scanNamedGroup(close);
      }

      case '(':
        return this.scanConditional();

      default: {
        this.pos--;
        // Options cannot be set by a group directly inside an expression conditional.
        if (enclosing !== 'expression-conditional') this.scanOptions();
        if (this.pos === len) this.fail('Unrecognized grouping construct');
        const after = p[this.pos++];
        if (after === ')') return undefined;
        if (after !== ':') this.fail('Unrecognized grouping construct');
        return 'group';
      }
    }
  }

  /** `(?<name>`, `(?<number>`, and balancing groups `(?<name1-name2>` / `(?<-name2>` (or with quotes). */
  private scanNamedGroup(close: string): Frame['kind'] {
    const p = this.p;
    const len = this.len;
    let found = false; // the first name or number is a group in use
    let balances = false; // a second name or number that is a group in use
    let dashFirst = false;

    const first = p[this.pos];
    if (isDigit(first)) {
      const n = this.scanDecimal();
      found = this.groupNumbers.has(n);
      if (this.pos < len && p[this.pos] !== close && p[this.pos] !== '-') {
        this.fail('Invalid group name: Group names must begin with a word character');
      }
      if (found && n === 0) this.fail('Capture number cannot be zero');
    } else if (isWordChar(first)) {
      found = this.groupNameSet.has(this.scanName());
      if (this.pos < len && p[this.pos] !== close && p[this.pos] !== '-') {
        this.fail('Invalid group name: Group names must begin with a word character');
      }
    } else if (first === '-') {
      dashFirst = true;
    } else {
      this.fail('Invalid group name: Group names must begin with a word character');
    }

    if ((found || dashFirst) && this.pos + 1 < len && p[this.pos] === '-') {
      this.pos++;
      const second = p[this.pos];
      if (isDigit(second)) {
        const n = this.scanDecimal();
        if (!this.groupNumbers.has(n)) this.fail(`Reference to undefined group number ${n}`);
        balances = true;
        if (this.pos < len && p[this.pos] !== close) {
          this.fail('Invalid group name: Group names must begin with a word character');
        }
      } else if (isWordChar(second)) {
        const name = this.scanName();
        if (!this.groupNameSet.has(name)) this.fail(`Reference to undefined group name ${name}`);
        balances = true;
        if (this.pos < len && p[this.pos] !== close) {
          this.fail('Invalid group name: Group names must begin with a word character');
        }
      } else {
        this.fail('Invalid group name: Group names must begin with a word character');
      }
    }

    if ((found || balances) && this.pos < len && p[this.pos++] === close) return 'group';
    this.fail('Unrecognized grouping construct');
  }

  /** After `(?(`: a group-reference conditional, or an expression conditional whose condition follows. */
  private scanConditional(): Frame['kind'] {
    const p = this.p;
    const len = this.len;
    const parenPos = this.pos; // just past the condition's '('
    if (this.pos < len) {
      const c = p[this.pos];
      if (isDigit(c)) {
        const n = this.scanDecimal();
        if (this.pos < len && p[this.pos++] === ')') {
          if (this.groupNumbers.has(n)) return 'reference-conditional';
          this.fail(`(?(${n}) ) reference to undefined group`);
        }
        this.fail(`(?(${n}) ) malformed`);
      } else if (isWordChar(c)) {
        const name = this.scanName();
        if (this.groupNameSet.has(name) && this.pos < len && p[this.pos++] === ')') return 'reference-conditional';
      }
    }
    // Not a group name: the condition is an expression, parsed next as a non-capturing group.
    this.pos = parenPos - 1;
    if (this.pos + 2 < len && p[this.pos + 1] === '?') {
      if (p[this.pos + 2] === '#') this.fail('Alternation conditions cannot be comments');
      if (
        p[this.pos + 2] === "'" ||
        (this.pos + 3 < len && p[this.pos + 2] === '<' && p[this.pos + 3] !== '!' && p[this.pos + 3] !== '=')
      ) {
        this.fail('Alternation conditions do not capture and cannot be named');
      }
    }
    return 'expression-conditional';
  }

  // --- shared scanning ------------------------------------------------------------------------------

  /** Skips (?#...) comments, and, under IgnorePatternWhitespace, white space and # comments. */
  private skipBlank(): void {
    const p = this.p;
    for (;;) {
      const ignoreSpace = (this.options & IGNORE_PATTERN_WHITESPACE) !== 0;
      if (ignoreSpace) {
        while (this.pos < this.len && isSpace(p[this.pos])) this.pos++;
      }
      if (ignoreSpace && this.pos < this.len && p[this.pos] === '#') {
        const eol = p.indexOf('\n', this.pos);
        this.pos = eol < 0 ? this.len : eol;
      } else if (this.pos + 2 < this.len && p[this.pos] === '(' && p[this.pos + 1] === '?' && p[this.pos + 2] === '#') {
        const end = p.indexOf(')', this.pos);
        if (end < 0) {
          this.pos = this.len;
          this.fail('Unterminated (?#...) comment');
        }
        this.pos = end + 1;
      } else {
        return;
      }
    }
  }

  /** Whether a quantifier starts here: `*`, `+`, `?`, `{n}`, `{n,}` or `{n,m}`. */
  private isTrueQuantifier(): boolean {
    const p = this.p;
    const c = p[this.pos];
    if (c !== '{') return c === '*' || c === '+' || c === '?';
    let i = this.pos + 1;
    const digitsStart = i;
    while (i < this.len && isDigit(p[i])) i++;
    if (i === digitsStart || i >= this.len) return false;
    if (p[i] === '}') return true;
    if (p[i] !== ',') return false;
    i++;
    while (i < this.len && isDigit(p[i])) i++;
    return i < this.len && p[i] === '}';
  }

  /** Scans the options letters of `(?imnsx-imnsx`, stopping at the first other character. */
  private scanOptions(): void {
    let off = false;
    for (; this.pos < this.len; this.pos++) {
      const c = this.p[this.pos];
      if (c === '-') {
        off = true;
        continue;
      }
      if (c === '+') {
        off = false;
        continue;
      }
      let bit: number;
      switch (c.toLowerCase()) {
        case 'n':
          bit = EXPLICIT_CAPTURE;
          break;
        case 'x':
          bit = IGNORE_PATTERN_WHITESPACE;
          break;
        case 'i':
        case 'm':
        case 's':
          bit = 0;
          break;
        default:
          return;
      }
      this.options = off ? this.options & ~bit : this.options | bit;
    }
  }

  /** Scans decimal digits; more than Int32.MaxValue is an error. */
  private scanDecimal(): number {
    let value = 0;
    while (this.pos < this.len && isDigit(this.p[this.pos])) {
      const d = this.p.charCodeAt(this.pos) - 0x30;
      this.pos++;
      if (value > (INT_MAX - d) / 10) this.fail('Capture group numbers must be less than or equal to Int32.MaxValue');
      value = value * 10 + d;
    }
    return value;
  }

  /** Scans word characters (a group name). */
  private scanName(): string {
    const start = this.pos;
    while (this.pos < this.len && isWordChar(this.p[this.pos])) this.pos++;
    return this.p.slice(start, this.pos);
  }

  /**
   * Scans an escape outside a set (the `\` is behind). With `firstPass` it only skips what it can,
   * as .NET's first pass does: \p{} names and backreferences are then not checked.
   */
  private scanBackslash(firstPass: boolean): void {
    const c = this.p[this.pos];
    switch (c) {
      case 'b':
      case 'B':
      case 'A':
      case 'G':
      case 'Z':
      case 'z':
      case 'w':
      case 'W':
      case 's':
      case 'S':
      case 'd':
      case 'D':
        this.pos++;
        return;
      case 'p':
      case 'P':
        this.pos++;
        if (!firstPass) this.checkProperty(this.scanProperty());
        return;
      default:
        this.scanReferenceOrEscape(firstPass);
    }
  }

  /** `\1`, `\k<name>`, `\k'name'`, `\<name>` — or, failing those, a character escape. */
  private scanReferenceOrEscape(firstPass: boolean): void {
    const p = this.p;
    const len = this.len;
    const back = this.pos;
    let close = '';
    let c = p[this.pos];

    if (c === 'k') {
      if (this.pos + 1 < len) {
        this.pos++;
        const open = p[this.pos++];
        if (open === '<' || open === "'") close = open === '<' ? '>' : "'";
      }
      if (close === '' || this.pos === len) this.fail('Malformed \\k<...> named back reference');
      c = p[this.pos];
    } else if ((c === '<' || c === "'") && this.pos + 1 < len) {
      close = c === '<' ? '>' : "'";
      this.pos++;
      c = p[this.pos];
    }

    if (close !== '' && isDigit(c)) {
      const n = this.scanDecimal();
      if (this.pos < len && p[this.pos++] === close) {
        if (firstPass || this.groupNumbers.has(n)) return;
        this.fail(`Reference to undefined group number ${n}`);
      }
    } else if (close === '' && c >= '1' && c <= '9') {
      const n = this.scanDecimal();
      if (firstPass || this.groupNumbers.has(n)) return;
      // \1 to \9 are always references; \10 and up are octal escapes when no such group exists.
      if (n <= 9) this.fail(`Reference to undefined group number ${n}`);
    } else if (close !== '' && isWordChar(c)) {
      const name = this.scanName();
      if (this.pos < len && p[this.pos++] === close) {
        if (firstPass || this.groupNameSet.has(name)) return;
        this.fail(`Reference to undefined group name ${name}`);
      }
    }

    this.pos = back;
    this.scanCharEscape();
  }

  /** Scans a single-character escape (the `\` is behind) and returns the UTF-16 code it stands for. */
  private scanCharEscape(): number {
    const p = this.p;
    const c = p[this.pos++];
    if (c >= '0' && c <= '7') {
      // Up to three octal digits; .NET keeps the low 8 bits.
      this.pos--;
      let value = 0;
      for (let n = 0; n < 3 && this.pos < this.len && p[this.pos] >= '0' && p[this.pos] <= '7'; n++) {
        value = value * 8 + (p.charCodeAt(this.pos++) - 0x30);
      }
      return value & 0xff;
    }
    switch (c) {
      case 'x':
        return this.scanHex(2);
      case 'u':
        return this.scanHex(4);
      case 'a':
        return 0x07;
      case 'b':
        return 0x08;
      case 'e':
        return 0x1b;
      case 'f':
        return 0x0c;
      case 'n':
        return 0x0a;
      case 'r':
        return 0x0d;
      case 't':
        return 0x09;
      case 'v':
        return 0x0b;
      case 'c':
        return this.scanControl();
      default:
        if (isWordChar(c)) this.fail(`Unrecognized escape sequence \\${c}`);
        return c.charCodeAt(0);
    }
  }

  /** Exactly `digits` hex digits. */
  private scanHex(digits: number): number {
    let value = 0;
    let left = digits;
    if (this.pos + digits <= this.len) {
      for (; left > 0; left--) {
        const d = hexValue(this.p[this.pos++]);
        if (d < 0) break;
        value = value * 16 + d;
      }
    }
    if (left > 0) this.fail('Insufficient hexadecimal digits');
    return value;
  }

  /** `\cX`: a letter, or one of `@ [ \ ] ^ _`. */
  private scanControl(): number {
    if (this.pos === this.len) this.fail('Missing control character');
    let code = this.p.charCodeAt(this.pos++);
    if (code >= 0x61 && code <= 0x7a) code -= 0x20;
    const control = (code - 0x40) & 0xffff;
    if (control < 0x20) return control;
    this.fail('Unrecognized control character');
  }

  /** Scans `{Name}` after `\p` or `\P` and returns the name. */
  private scanProperty(): string {
    const p = this.p;
    if (this.pos + 2 >= this.len) this.fail('Incomplete \\p{X} character escape');
    if (p[this.pos++] !== '{') this.fail('Malformed \\p{X} character escape');
    const start = this.pos;
    while (this.pos < this.len && (isWordChar(p[this.pos]) || p[this.pos] === '-')) this.pos++;
    const name = p.slice(start, this.pos);
    if (this.pos === this.len || p[this.pos++] !== '}') this.fail('Incomplete \\p{X} character escape');
    return name;
  }

  private checkProperty(name: string): void {
    if (!CATEGORIES.has(name) && !NAMED_BLOCKS.has(name)) this.fail(`Unknown property '${name}'`);
  }

  /**
   * Scans a set after its `[` up to and including its `]`: ranges, escapes (where `\b` is a backspace),
   * `\p{}`, and a subtraction `-[...]`, which must come last. With `firstPass` only what .NET's first
   * pass checks is checked: an unterminated set, a bad escape, a malformed \p{}.
   */
  private scanCharClass(firstPass: boolean): void {
    const p = this.p;
    let rangeStart = 0;
    let inRange = false;
    let first = true;
    /** How many subtractions `-[...]` are open inside this set (kept as a count, not by recursion). */
    let nested = 0;

    if (this.pos < this.len && p[this.pos] === '^') this.pos++;

    while (this.pos < this.len) {
      const atFirst = first;
      first = false;
      let escaped = false;
      const c = p[this.pos++];
      let code = c.charCodeAt(0);

      if (c === ']') {
        if (!atFirst) {
          if (nested === 0) return; // closed
          // A subtraction closed: its set must be the last thing in the enclosing one.
          nested--;
          if (!firstPass && this.pos < this.len && p[this.pos] !== ']') {
            this.fail('A subtraction must be the last element in a character class');
          }
          inRange = false;
          continue;
        }
      } else if (c === '\\' && this.pos < this.len) {
        const e = p[this.pos++];
        switch (e) {
          case 'd':
          case 'D':
          case 's':
          case 'S':
          case 'w':
          case 'W':
            if (!firstPass && inRange) this.fail(`Cannot include class \\${e} in character range`);
            continue;
          case 'p':
          case 'P':
            if (firstPass) {
              this.scanProperty();
            } else {
              if (inRange) this.fail(`Cannot include class \\${e} in character range`);
              this.checkProperty(this.scanProperty());
            }
            continue;
          case '-':
            if (!firstPass && inRange) {
              if (rangeStart > 0x2d) this.fail('[x-y] range in reverse order');
              inRange = false;
            }
            continue;
          default:
            this.pos--;
            code = this.scanCharEscape();
            escaped = true;
            break;
        }
      }

      let opensSubtraction = false;
      if (inRange) {
        inRange = false;
        if (!firstPass) {
          if (c === '[' && !escaped && !atFirst) {
            // [a-[...]]: 'a' and a subtraction.
            opensSubtraction = true;
          } else if (rangeStart > code) {
            this.fail('[x-y] range in reverse order');
          }
        }
      } else if (this.pos + 1 < this.len && p[this.pos] === '-' && p[this.pos + 1] !== ']') {
        rangeStart = code;
        inRange = true;
        this.pos++;
      } else if (this.pos < this.len && c === '-' && !escaped && p[this.pos] === '[' && !atFirst) {
        // [a-z-[...]]
        this.pos++;
        opensSubtraction = true;
      }

      if (opensSubtraction) {
        // The subtraction is a set of its own, where a leading '^' negates and a leading ']' is literal.
        nested++;
        if (this.pos < this.len && p[this.pos] === '^') this.pos++;
        first = true;
      }
    }
    this.fail('Unterminated [] set');
  }
}
