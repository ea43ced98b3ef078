/**
 * PowerShell wildcard patterns (System.Management.Automation.WildcardPattern): `*` any run,
 * `?` one character, `[abc]` / `[a-z]` a set or range, `` ` `` escapes; case-insensitive, as
 * command lookup uses them. Compiled to a JavaScript RegExp once per pattern.
 */
const cache = new Map<string, RegExp>();

/** Whether `text` matches the wildcard `pattern` (case-insensitive). */
export function wildcardMatch(pattern: string, text: string): boolean {
  let re = cache.get(pattern);
  if (!re) {
    re = compile(pattern);
    if (cache.size > 10000) cache.clear();
    cache.set(pattern, re);
  }
  return re.test(text);
}

/** Whether a name has wildcard characters (`*`, `?`, `[`). */
export function hasWildcard(name: string): boolean {
  return /[*?[]/.test(name);
}

function compile(pattern: string): RegExp {
  let out = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '`' && i + 1 < pattern.length) out += escape(pattern[++i]);
    else if (c === '*') out += '[\\s\\S]*';
    else if (c === '?') out += '[\\s\\S]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) {
        out += escape(c);
        continue;
      }
      const body = pattern.slice(i + 1, close);
      out += `[${body.replace(/[\\\]^]/g, (m) => `\\${m}`)}]`;
      i = close;
    } else out += escape(c);
  }
  return new RegExp(out + '$', 'iu');
}

function escape(c: string): string {
  // only RegExp syntax characters: the u flag refuses identity escapes of others (\\-)
  return c.replace(/[.*+?^${}()|[\]\\/]/g, (m) => `\\${m}`);
}
