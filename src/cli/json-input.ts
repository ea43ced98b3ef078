/** Where JSON text goes wrong: the offset and what was expected there. */
export interface JsonProblem {
  readonly offset: number;
  readonly reason: string;
}

class Stop extends Error {
  constructor(readonly problem: JsonProblem) {
    super(problem.reason);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * The first place where `text` is not JSON (RFC 8259), or undefined when it is. JSON.parse says
 * what is wrong but, in Node 20, rarely where: this says where, for `FILE:LINE:COL:` messages.
 */
export function jsonProblem(text: string): JsonProblem | undefined {
  let i = 0;
  const fail = (reason?: string): never => {
    throw new Stop({
      offset: i,
      reason: reason ?? (i >= text.length ? 'unexpected end of the text' : `unexpected ${JSON.stringify(text[i])}`),
    });
  };
  const space = () => {
    while (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r') i++;
  };
  const string = () => {
    i++;
    for (;;) {
      const c = text[i];
      if (c === undefined) fail('a string without its closing quote');
      if (c === '"') return void i++;
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail('an invalid escape in a string');
      } else if (c < ' ') fail('a control character in a string (write it as an escape)');
      else i++;
    }
  };
  const list = (close: string, item: () => void) => {
    i++;
    space();
    if (text[i] === close) return void i++;
    for (;;) {
      item();
      space();
      if (text[i] === ',') i++;
      else if (text[i] === close) return void i++;
      else fail(`expected ',' or '${close}'`);
    }
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') {
      return list('}', () => {
        space();
        if (text[i] !== '"') fail('expected a property name in double quotes');
        string();
        space();
        if (text[i] !== ':') fail("expected ':'");
        i++;
        value();
      });
    }
    if (c === '[') return list(']', value);
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null']) if (text.startsWith(word, i)) return void (i += word.length);
    NUMBER.lastIndex = i;
    if (NUMBER.exec(text)) return void (i = NUMBER.lastIndex);
    fail();
  };
  try {
    value();
    space();
    if (i < text.length) fail('more text after the JSON value');
    return undefined;
  } catch (e) {
    if (e instanceof Stop) return e.problem;
    if (e instanceof RangeError) return undefined; // nested too deep to say where
    throw e;
  }
}
