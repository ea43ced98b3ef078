/**
 * Evaluates the few ARM template expressions jeajit's templates use (`parameters('x')`,
 * `format('{0}/{1}', ...)`), to learn what a template deployment asks ARM for: each resource's
 * type, name and body with the parameters put in. Any other function throws.
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
  if (typeof call === 'string') throw new Error(`not a call: ${text}`);
  return call;
}

function evaluate(call: string | Call, parameters: Readonly<Record<string, Json>>): Json {
  if (typeof call === 'string') return call;
  const args = call.args.map((a) => evaluate(a, parameters));
  switch (call.fn) {
    case 'parameters': {
      const name = String(args[0]);
      if (!(name in parameters)) throw new Error(`no parameter ${name}`);
      return parameters[name];
    }
    case 'format':
      return String(args[0]).replace(/\{(\d+)\}/g, (_, n: string) => String(args[Number(n) + 1]));
    default:
      throw new Error(`template function not supported here: ${call.fn}`);
  }
}

/** A value of the template with every expression (`[...]`) evaluated. */
export function evaluateTemplateValue(value: Json, parameters: Readonly<Record<string, Json>>): Json {
  if (typeof value === 'string')
    return value.startsWith('[') && !value.startsWith('[[') && value.endsWith(']')
      ? evaluate(parse(value.slice(1, -1)), parameters)
      : value;
  if (Array.isArray(value)) return value.map((v) => evaluateTemplateValue(v, parameters));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, evaluateTemplateValue(v, parameters)]));
  return value;
}

/** A resource a template deploys: its ARM path below the resource group, and its body. */
export interface TemplateResource {
  /** `providers/Microsoft.Security/locations/westeurope/jitNetworkAccessPolicies/x` */
  readonly path: string;
  readonly body: Record<string, Json>;
}

/** The resources a template deploys with these parameters (`{ name: { value } }`, as in parameters_content). */
export function templateResources(
  template: { resources?: readonly Record<string, Json>[] },
  parameterValues: Readonly<Record<string, { value: Json }>>,
): TemplateResource[] {
  const parameters = Object.fromEntries(Object.entries(parameterValues).map(([k, v]) => [k, v.value]));
  return (template.resources ?? []).map((r) => {
    const { type, name, apiVersion: _a, ...body } = evaluateTemplateValue(r, parameters) as Record<string, Json>;
    void _a;
    const [namespace, ...types] = String(type).split('/');
    const names = String(name).split('/');
    if (types.length !== names.length) throw new Error(`type ${String(type)} and name ${String(name)} do not pair`);
    return {
      path: ['providers', namespace, ...types.flatMap((t, i) => [t, names[i]])].join('/'),
      body,
    };
  });
}
