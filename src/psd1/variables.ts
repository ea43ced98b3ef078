import { BACKTICK_ESCAPES, isVariableStart } from './chars';

/** A `$name` or `${name}` token: the name as PowerShell's tokenizer reads it, and where it ends. */
export interface VariableToken {
  readonly name: string;
  readonly end: number;
  /** Set when the tokenizer itself reports an error (an empty or unclosed `${`). */
  readonly error?: string;
}

/**
 * What a variable means in a data file, as Import-PowerShellDataFile decides it (SafeValues.cs,
 * IsSafeValueVisitor.VisitVariableExpression; ast.cs, IsConstantVariable and
 * IsSafeVariableReference; VariablePath.cs):
 * - `constant`: `$true`, `$false`, `$null` in any letter case, unscoped or with `local:`,
 *   `private:` or `variable:` (`${true}` too);
 * - `args`: `$args`, which the engine reads from its caller's scope;
 * - `using`: `$using:...`, which the engine reads as the variable after it but which fails when
 *   PowerShell runs the file (JEA loads .pssc/.psrc files by running them);
 * - `other`: anything else (the engine refuses it);
 * - `invalid`: a name PowerShell's parser rejects (`$true:`, `${}`).
 */
export type VariableMeaning =
  | { readonly kind: 'constant'; readonly value: boolean | null }
  | { readonly kind: 'args' | 'using' | 'other' | 'invalid' };

/**
 * Scans the variable at `i` (which holds `$`), as tokenizer.cs ScanVariable does: `${...}`
 * up to the first unescaped `}` (backtick escapes apply; inside an expandable string a doubled
 * double quote is one), or a name of letters, digits, `_`, `?` and `:` (not `::`), or one of
 * `$$` `$?` `$^`. Returns undefined when `$` does not start a variable (it is then a literal
 * `$` in a string, or a command name outside one).
 */
export function scanVariable(src: string, i: number, inString: boolean): VariableToken | undefined {
  const first = src.charCodeAt(i + 1);
  if (first === 0x7b) return scanBraced(src, i + 2, inString);
  if (!isVariableStart(first)) return undefined;
  if (first === 0x24 || first === 0x3f || first === 0x5e) return { name: src[i + 1], end: i + 2 };
  let j = i + 1;
  for (;;) {
    const c = src.charCodeAt(j);
    if (c === 0x3a) {
      if (src.charCodeAt(j + 1) === 0x3a) break; // $a::b is static member access
      j++;
    } else if (c < 0x80 ? isAsciiNameChar(c) : isVariableStart(c)) {
      j++;
    } else {
      break;
    }
  }
  return { name: src.slice(i + 1, j), end: j };
}

function isAsciiNameChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) || c === 0x5f || c === 0x3f;
}

function scanBraced(src: string, j: number, inString: boolean): VariableToken {
  let name = '';
  for (; j < src.length; j++) {
    const c = src[j];
    if (c === '}') {
      if (name === '') return { name, end: j + 1, error: 'an empty variable name ${}' };
      return { name, end: j + 1 };
    }
    if (c === '`') {
      if (j + 1 >= src.length) break;
      j++;
      name += BACKTICK_ESCAPES[src[j]] ?? src[j];
      continue;
    }
    if (c === '{') return { name, end: j, error: "'{' inside a variable name ${...} must be escaped with a backtick" };
    if (inString && (c === '"' || (c >= '\u201c' && c <= '\u201e')) && /["\u201c-\u201e]/.test(src[j + 1] ?? '')) {
      j++;
      name += src[j];
      continue;
    }
    name += c;
  }
  return { name, end: src.length, error: 'the variable name ${... is missing its closing }' };
}

/** The meaning of a variable name in a data file; see {@link VariableMeaning}. */
export function variableMeaning(name: string): VariableMeaning {
  let rest = name;
  const scope = /^(variable|local|private|global|script|using):/i.exec(name);
  if (scope) {
    const which = scope[1].toLowerCase();
    rest = name.slice(scope[0].length);
    if (which === 'using') return rest === '' ? { kind: 'invalid' } : { kind: 'using' };
    if (which === 'global' || which === 'script') return rest === '' ? { kind: 'invalid' } : { kind: 'other' };
  } else {
    const colon = name.indexOf(':');
    if (colon > 0) return colon === name.length - 1 ? { kind: 'invalid' } : { kind: 'other' }; // a drive, like env:
    if (colon === 0) rest = name.slice(1);
  }
  if (rest === '') return { kind: 'invalid' };
  const lower = rest.toLowerCase();
  if (lower === 'true') return { kind: 'constant', value: true };
  if (lower === 'false') return { kind: 'constant', value: false };
  if (lower === 'null') return { kind: 'constant', value: null };
  if (lower === 'args') return { kind: 'args' };
  return { kind: 'other' };
}
