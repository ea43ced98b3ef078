/**
 * Blanks out what cannot run in a script block: `#` line comments (where a token starts), `<# #>` block comments,
 * single-quoted strings and single-quoted here-strings (offsets kept). Double-quoted strings stay,
 * since `$(...)` in them runs code.
 */
export function codeOnly(script: string): string {
  let out = '';
  let i = 0;
  const blank = (s: string) => s.replace(/[^\r\n]/g, ' ');
  let inDouble = false;
  while (i < script.length) {
    const c = script[i];
    if (inDouble) {
      if (c === '`' && i + 1 < script.length) {
        out += script.slice(i, i + 2);
        i += 2;
        continue;
      }
      if (c === '"' && script[i + 1] === '"') {
        out += '""';
        i += 2;
        continue;
      }
      if (c === '"') inDouble = false;
      out += c;
      i++;
      continue;
    }
    if (c === '<' && script[i + 1] === '#') {
      const end = script.indexOf('#>', i + 2);
      const stop = end < 0 ? script.length : end + 2;
      out += blank(script.slice(i, stop));
      i = stop;
    } else if (c === '#' && (i === 0 || /[\s;|&(){},=]/.test(script[i - 1]))) {
      // a comment starts a token; inside a word (a#b) '#' is part of the word
      let stop = i;
      while (stop < script.length && script[stop] !== '\n' && script[stop] !== '\r') stop++;
      out += blank(script.slice(i, stop));
      i = stop;
    } else if (c === '@' && script[i + 1] === "'" && /^[ \t]*(\r?\n|$)/.test(script.slice(i + 2, i + 64))) {
      const m = /\r?\n'@/.exec(script.slice(i + 2));
      const stop = m ? i + 2 + m.index + m[0].length : script.length;
      out += blank(script.slice(i, stop));
      i = stop;
    } else if (c === "'") {
      let stop = i + 1;
      while (stop < script.length) {
        if (script[stop] === "'" && script[stop + 1] === "'") stop += 2;
        else if (script[stop] === "'") break;
        else stop++;
      }
      stop = Math.min(stop + 1, script.length);
      out += blank(script.slice(i, stop));
      i = stop;
    } else if (c === '`' && i + 1 < script.length) {
      out += script.slice(i, i + 2);
      i += 2;
    } else {
      if (c === '"') inDouble = true;
      out += c;
      i++;
    }
  }
  return out;
}
