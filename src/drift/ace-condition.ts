import { sidOfAlias } from '../acl/sid';

/**
 * A canonical form of a conditional ACE expression, so that two spellings of one condition are
 * equal: Windows writes `((Member_of {SID(S-1-..)}) || (Member_of {SID(BA)}))` where jeajit
 * writes `(Member_of {SID(S-1-..)} || Member_of {SID(S-1-5-32-544)})`. Parentheses, spaces,
 * case, SID aliases, and the order of `&&`/`||` operands and of SIDs in a `{...}` list do not
 * count. An expression this reader does not understand is compared as text (spaces collapsed).
 */
export function canonicalCondition(expression: string): string {
  try {
    const p = new ConditionParser(expression);
    const out = p.expression();
    p.end();
    return out;
  } catch {
    return expression.replace(/\s+/g, ' ').trim().toUpperCase();
  }
}

class ConditionParser {
  private i = 0;
  constructor(private readonly s: string) {}

  expression(): string {
    return this.chain('||', 'OR', () => this.chain('&&', 'AND', () => this.unary()));
  }

  end(): void {
    this.skip();
    if (this.i < this.s.length) throw new Error('trailing text');
  }

  private chain(op: string, name: string, next: () => string): string {
    const parts = [next()];
    while (this.eat(op)) parts.push(next());
    if (parts.length === 1) return parts[0];
    // flatten nested chains of the same operator; operands form a set
    const flat = parts.flatMap((x) =>
      x.startsWith(`${name}(`) && balanced(x.slice(name.length)) ? splitTop(x.slice(name.length + 1, -1)) : [x],
    );
    return `${name}(${[...new Set(flat)].sort().join(',')})`;
  }

  private unary(): string {
    if (this.eat('!')) return `NOT(${this.unary()})`;
    if (this.eat('(')) {
      const inner = this.expression();
      if (!this.eat(')')) throw new Error('missing )');
      return inner;
    }
    return this.atom();
  }

  /** An operand: text up to `&&`, `||` or an unmatched `)`, with braces and SID(...) inside. */
  private atom(): string {
    this.skip();
    const start = this.i;
    let depth = 0;
    while (this.i < this.s.length) {
      const c = this.s[this.i];
      if (depth === 0 && (this.s.startsWith('&&', this.i) || this.s.startsWith('||', this.i) || c === ')')) break;
      if (c === '(' || c === '{') depth++;
      else if (c === ')' || c === '}') depth--;
      else if (c === '"')
        this.i = this.s.indexOf('"', this.i + 1) < 0 ? this.s.length - 1 : this.s.indexOf('"', this.i + 1);
      this.i++;
    }
    const raw = this.s.slice(start, this.i).trim();
    if (!raw || depth !== 0) throw new Error('bad operand');
    return normalizeOperand(raw);
  }

  private eat(token: string): boolean {
    this.skip();
    if (!this.s.startsWith(token, this.i)) return false;
    this.i += token.length;
    return true;
  }

  private skip(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
  }
}

/** `Member_of {SID(BA), SID(S-1-..)}`: SIDs resolved from aliases, list items sorted, spaces collapsed, upper case. */
function normalizeOperand(raw: string): string {
  const sids = raw.replace(
    /SID\(\s*([^)]*?)\s*\)/gi,
    (_, sid: string) => `SID(${sidOfAlias(sid) ?? sid.toUpperCase()})`,
  );
  const lists = sids.replace(
    /\{([^}]*)\}/g,
    (_, items: string) =>
      `{${items
        .split(',')
        .map((x) => x.trim())
        .sort()
        .join(',')}}`,
  );
  return lists.replace(/\s+/g, ' ').toUpperCase();
}

function balanced(s: string): boolean {
  if (!s.startsWith('(') || !s.endsWith(')')) return false;
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '(') depth++;
    else if (s[i] === ')' && --depth === 0 && i !== s.length - 1) return false;
  }
  return depth === 0;
}

/** Splits a canonical operand list at top-level commas. */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(' || c === '{') depth++;
    else if (c === ')' || c === '}') depth--;
    else if (c === ',' && depth === 0) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}
