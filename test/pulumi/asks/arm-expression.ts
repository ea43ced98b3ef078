/**
 * The ARM template expressions jeajit's templates use (the JIT policy's and
 * src/guestconfig/assignment.ts ASSIGNMENT_TEMPLATE): string literals and calls of
 * `parameters`, `format`, `concat`, `contains`, `toLower`, `last` and `split`, evaluated as
 * ARM does (https://learn.microsoft.com/azure/azure-resource-manager/templates/template-functions).
 * Any other function throws, so a template that starts using one fails the tests until it is
 * added here.
 */

type Json = unknown;

interface Call {
  readonly fn: string;
  readonly args: readonly (string | Call)[];
}

/** Parses `fn('a', g('b'))` (the text inside the brackets of an expression). */
function parse(text: string): Call {
  let i = 0;
  const skip = () => {
    while (text[i] === ' ') i++;
  };
  const value = (): string | Call => {
    skip();
    if (text[i] === "'") {
      let out = '';
      for (i++; i < text.length; i++) {
        if (text[i] === "'" && text[i + 1] !== "'") break;
        out += text[i];
        if (text[i] === "'") i++; // '' is a quote
      }
      i++;
      return out;
    }
    const start = i;
    while (/[A-Za-z]/.test(text[i])) i++;
    const fn = text.slice(start, i);
    skip();
    if (!fn || text[i] !== '(') throw new Error(`not an expression: ${text}`);
    i++;
    const args: (string | Call)[] = [];
    skip();
    while (text[i] !== ')') {
      args.push(value());
      skip();
      if (text[i] === ',') i++;
      else if (text[i] !== ')') throw new Error(`not an expression: ${text}`);
    }
    i++;
    return { fn, args };
  };
  const call = value();
  skip();
  if (typeof call === 'string' || i !== text.length) throw new Error(`not a call: ${text}`);
  return call;
}

const text = (v: Json, fn: string): string => {
  if (typeof v !== 'string') throw new Error(`${fn}() takes a string here, not ${JSON.stringify(v)}`);
  return v;
};

/** The functions, by lower-case name (ARM's function names are case-insensitive), over evaluated arguments. */
const FUNCTIONS: Readonly<Record<string, (args: Json[], parameters: Readonly<Record<string, Json>>) => Json>> = {
  parameters: ([name], parameters) => {
    if (!(text(name, 'parameters') in parameters)) throw new Error(`no parameter ${String(name)}`);
    return parameters[name as string];
  },
  format: ([pattern, ...values]) =>
    text(pattern, 'format').replace(/\{(\d+)\}/g, (_, n: string) => String(values[Number(n)])),
  // strings join, arrays are joined into one
  concat: (args) => (args.every(Array.isArray) ? args.flat() : args.map((a) => text(a, 'concat')).join('')),
  // a substring (case-sensitive), an array's element or an object's key
  contains: ([container, item]) =>
    typeof container === 'string'
      ? container.includes(text(item, 'contains'))
      : Array.isArray(container)
        ? container.includes(item)
        : Object.prototype.hasOwnProperty.call(container, text(item, 'contains')),
  tolower: ([s]) => text(s, 'toLower').toLowerCase(),
  last: ([x]) => (Array.isArray(x) ? x[x.length - 1] : text(x, 'last').slice(-1)),
  split: ([s, delimiters]) => {
    const ds = Array.isArray(delimiters) ? delimiters.map((d) => text(d, 'split')) : [text(delimiters, 'split')];
    return ds.reduce<string[]>((parts, d) => parts.flatMap((p) => p.split(d)), [text(s, 'split')]);
  },
};

function evaluate(call: string | Call, parameters: Readonly<Record<string, Json>>): Json {
  if (typeof call === 'string') return call;
  const fn = FUNCTIONS[call.fn.toLowerCase()];
  if (!fn) throw new Error(`template function not supported here: ${call.fn}`);
  return fn(
    call.args.map((a) => evaluate(a, parameters)),
    parameters,
  );
}

/**
 * A value of a template with every expression (`[...]`) evaluated; `[[...]` is the literal
 * `[...]` (ARM drops one bracket).
 */
export function evaluateTemplateValue(value: Json, parameters: Readonly<Record<string, Json>>): Json {
  if (typeof value === 'string') {
    if (!value.startsWith('[') || !value.endsWith(']')) return value;
    return value.startsWith('[[') ? value.slice(1) : evaluate(parse(value.slice(1, -1)), parameters);
  }
  if (Array.isArray(value)) return value.map((v) => evaluateTemplateValue(v, parameters));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluateTemplateValue(v, parameters)]));
  return value;
}
