/**
 * The part of GitHub Actions' expression language the example workflows use, for the local runner
 * in runner.ts: literals, context paths (`github.event.pull_request.head.sha`, `steps.x.outputs.y`),
 * `!` `==` `!=` `<` `>` `<=` `>=` `&&` `||` (returning an operand, as GitHub does), parentheses, the
 * status functions and contains/startsWith/endsWith/format/toJSON/fromJSON. Anything else throws,
 * so a workflow cannot use syntax this runner would get wrong without a test noticing. GitHub's own
 * parser checks the syntax in workflow.test.ts.
 */

/** The job's state the status functions read. */
export interface JobStatus {
  readonly failed: boolean;
}

type Token = { kind: 'num' | 'str' | 'id' | 'op'; text: string; value?: unknown };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let s = '';
      i++;
      for (;;) {
        if (i >= src.length) throw new Error(`unterminated string in: ${src}`);
        if (src[i] === "'") {
          if (src[i + 1] === "'") {
            s += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        s += src[i++];
      }
      out.push({ kind: 'str', text: s, value: s });
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(src.slice(i))!;
      out.push({ kind: 'num', text: m[0], value: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(src.slice(i))!;
      out.push({ kind: 'id', text: m[0] });
      i += m[0].length;
    } else {
      const two = src.slice(i, i + 2);
      if (['==', '!=', '&&', '||', '<=', '>='].includes(two)) {
        out.push({ kind: 'op', text: two });
        i += 2;
      } else if ('!()[].,<>'.includes(c)) {
        out.push({ kind: 'op', text: c });
        i++;
      } else {
        throw new Error(`unexpected '${c}' in expression: ${src}`);
      }
    }
  }
  return out;
}

/** GitHub's truthiness: false, 0, -0, NaN, '' and null are false. */
export function truthy(v: unknown): boolean {
  return !(
    v === false ||
    v === null ||
    v === undefined ||
    v === '' ||
    (typeof v === 'number' && (v === 0 || Number.isNaN(v)))
  );
}

function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (v === null || v === undefined) return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') return v.trim() === '' ? 0 : Number(v);
  return NaN;
}

/** GitHub's loose equality: strings compare case-insensitively; mixed types compare as numbers. */
function equal(a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  if (typeof a === typeof b) return a === b;
  if (typeof a === 'object' || typeof b === 'object') return a === b;
  return toNumber(a) === toNumber(b);
}

/** How a value reads inside `${{ }}` in a string. */
export function asString(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v, null, 2);
  const primitive = v as string | number | boolean | bigint | symbol | ((...args: never[]) => unknown);
  return String(primitive);
}

function property(obj: unknown, key: string): unknown {
  if (obj === null || typeof obj !== 'object') return null;
  const rec = obj as Record<string, unknown>;
  if (key in rec) return rec[key] ?? null;
  const found = Object.keys(rec).find((k) => k.toLowerCase() === key.toLowerCase());
  return found === undefined ? null : (rec[found] ?? null);
}

/** Evaluates one expression (without `${{ }}`) against the contexts. */
export function evaluate(
  src: string,
  contexts: Record<string, unknown>,
  status: JobStatus = { failed: false },
): unknown {
  const tokens = tokenize(src);
  let p = 0;
  const peek = (text?: string) =>
    p < tokens.length && (text === undefined || (tokens[p].kind === 'op' && tokens[p].text === text))
      ? tokens[p]
      : undefined;
  const expect = (text: string) => {
    if (!peek(text)) throw new Error(`expected '${text}' in expression: ${src}`);
    p++;
  };
  const functions: Record<string, (args: unknown[]) => unknown> = {
    always: () => true,
    success: () => !status.failed,
    failure: () => status.failed,
    cancelled: () => false,
    contains: ([a, b]) =>
      Array.isArray(a) ? a.some((x) => equal(x, b)) : asString(a).toLowerCase().includes(asString(b).toLowerCase()),
    startsWith: ([a, b]) => asString(a).toLowerCase().startsWith(asString(b).toLowerCase()),
    endsWith: ([a, b]) => asString(a).toLowerCase().endsWith(asString(b).toLowerCase()),
    format: ([f, ...args]) => asString(f).replace(/\{(\d+)\}/g, (_, n) => asString(args[Number(n)])),
    toJSON: ([v]) => JSON.stringify(v, null, 2),
    fromJSON: ([v]) => JSON.parse(asString(v)),
  };

  function primary(): unknown {
    const t = tokens[p++];
    if (!t) throw new Error(`unexpected end of expression: ${src}`);
    if (t.kind === 'str' || t.kind === 'num') return t.value;
    if (t.kind === 'op' && t.text === '(') {
      const v = or();
      expect(')');
      return v;
    }
    if (t.kind !== 'id') throw new Error(`unexpected '${t.text}' in expression: ${src}`);
    if (t.text === 'true') return true;
    if (t.text === 'false') return false;
    if (t.text === 'null') return null;
    if (peek('(')) {
      p++;
      const args: unknown[] = [];
      while (!peek(')')) {
        args.push(or());
        if (!peek(')')) expect(',');
      }
      expect(')');
      const fn = Object.entries(functions).find(([name]) => name.toLowerCase() === t.text.toLowerCase());
      if (!fn) throw new Error(`unsupported function ${t.text}() in expression: ${src}`);
      return fn[1](args);
    }
    if (!(t.text in contexts)) throw new Error(`unknown context '${t.text}' in expression: ${src}`);
    let v: unknown = contexts[t.text];
    for (;;) {
      if (peek('.')) {
        p++;
        const name = tokens[p++];
        if (!name || name.kind !== 'id') throw new Error(`expected a property name in expression: ${src}`);
        v = property(v, name.text);
      } else if (peek('[')) {
        p++;
        const key = or();
        expect(']');
        v = Array.isArray(v) ? (v[toNumber(key)] ?? null) : property(v, asString(key));
      } else {
        return v;
      }
    }
  }
  function unary(): unknown {
    if (peek('!')) {
      p++;
      return !truthy(unary());
    }
    return primary();
  }
  function comparison(): unknown {
    const left = unary();
    const op = peek('==') ?? peek('!=') ?? peek('<') ?? peek('>') ?? peek('<=') ?? peek('>=');
    if (!op) return left;
    p++;
    const right = unary();
    switch (op.text) {
      case '==':
        return equal(left, right);
      case '!=':
        return !equal(left, right);
      case '<':
        return toNumber(left) < toNumber(right);
      case '>':
        return toNumber(left) > toNumber(right);
      case '<=':
        return toNumber(left) <= toNumber(right);
      default:
        return toNumber(left) >= toNumber(right);
    }
  }
  function and(): unknown {
    let v = comparison();
    while (peek('&&')) {
      p++;
      const r = comparison();
      v = truthy(v) ? r : v;
    }
    return v;
  }
  function or(): unknown {
    let v = and();
    while (peek('||')) {
      p++;
      const r = and();
      v = truthy(v) ? v : r;
    }
    return v;
  }
  const value = or();
  if (p !== tokens.length) throw new Error(`unexpected '${tokens[p].text}' in expression: ${src}`);
  return value;
}

/** A string with its `${{ }}` expressions replaced by their values. */
export function interpolate(text: string, contexts: Record<string, unknown>, status?: JobStatus): string {
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, e: string) => asString(evaluate(e, contexts, status)));
}

/** An `if:` condition: `${{ }}` optional; without a status function it means `success() && (...)`. */
export function condition(
  text: string | boolean | undefined,
  contexts: Record<string, unknown>,
  status: JobStatus,
): boolean {
  if (text === undefined) return !status.failed;
  const src = String(text)
    .trim()
    .replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
  const value = truthy(evaluate(src, contexts, status));
  return /\b(always|success|failure|cancelled)\s*\(/.test(src) ? value : value && !status.failed;
}
