/**
 * A small MOF reader for the tests (the subset configuration documents use): comments,
 * `instance of <Class> [as $<alias>] { <Name> = <value>; ... };` with string values (every
 * DSP0221 escape: \b \t \n \f \r \" \' \\ \xH..HHHH) and arrays of them. A hand-written scanner:
 * anything else is an error that names the offset.
 */

/** A MOF value: a string or an array of strings. */
export type MofReadValue = string | string[];

/** One instance: its class, alias (or undefined) and properties in order. */
export interface MofInstance {
  readonly className: string;
  readonly alias?: string;
  readonly properties: Map<string, MofReadValue>;
}

const SIMPLE: Readonly<Record<string, string>> = {
  b: '\b',
  t: '\t',
  n: '\n',
  f: '\f',
  r: '\r',
  '"': '"',
  "'": "'",
  '\\': '\\',
};

/** Parses MOF text into its instances; throws `mof:<offset>: message` on anything unexpected. */
export function readMof(text: string): MofInstance[] {
  let i = 0;
  const fail = (message: string): never => {
    throw new Error(`mof:${i}: ${message} (at ${JSON.stringify(text.slice(i, i + 20))})`);
  };
  const skip = () => {
    for (;;) {
      if (/\s/.test(text[i] ?? '')) i++;
      else if (text.startsWith('/*', i)) {
        const end = text.indexOf('*/', i + 2);
        if (end < 0) fail('unterminated comment');
        i = end + 2;
      } else if (text.startsWith('//', i)) {
        while (i < text.length && text[i] !== '\n') i++;
      } else return;
    }
  };
  const identifier = (): string => {
    skip();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (!m) fail('identifier expected');
    i += m![0].length;
    return m![0];
  };
  const expect = (token: string) => {
    skip();
    if (!text.startsWith(token, i)) fail(`'${token}' expected`);
    i += token.length;
  };
  const string = (): string => {
    skip();
    if (text[i] !== '"') fail('string expected');
    i++;
    let out = '';
    for (;;) {
      const c = text[i];
      if (c === undefined) fail('unterminated string');
      if (c === '\n' || c === '\r') fail('line break inside a string');
      i++;
      if (c === '"') return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = text[i++];
      if (e === 'x' || e === 'X') {
        const m = /^[0-9A-Fa-f]{1,4}/.exec(text.slice(i));
        if (!m) fail('hex digits expected after \\x');
        out += String.fromCharCode(parseInt(m![0], 16));
        i += m![0].length;
      } else if (e !== undefined && SIMPLE[e] !== undefined) out += SIMPLE[e];
      else fail(`unknown escape \\${e}`);
    }
  };
  const value = (): MofReadValue => {
    skip();
    if (text[i] !== '{') return string();
    i++;
    const items: string[] = [];
    skip();
    if (text[i] === '}') {
      i++;
      return items;
    }
    for (;;) {
      items.push(string());
      skip();
      if (text[i] === ',') i++;
      else if (text[i] === '}') {
        i++;
        return items;
      } else fail("',' or '}' expected");
    }
  };
  const instances: MofInstance[] = [];
  for (skip(); i < text.length; skip()) {
    if (identifier() !== 'instance') fail("'instance' expected");
    if (identifier() !== 'of') fail("'of' expected");
    const className = identifier();
    skip();
    let alias: string | undefined;
    if (text.startsWith('as', i) && /\s/.test(text[i + 2] ?? '')) {
      i += 2;
      expect('$');
      alias = '$' + identifier();
    }
    expect('{');
    const properties = new Map<string, MofReadValue>();
    for (skip(); text[i] !== '}'; skip()) {
      const name = identifier();
      if (properties.has(name)) fail(`property ${name} twice`);
      expect('=');
      properties.set(name, value());
      expect(';');
    }
    i++;
    expect(';');
    instances.push({ className, alias, properties });
  }
  return instances;
}
