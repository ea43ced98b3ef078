/**
 * .NET type names as the docs print them (`System.Int32[]`, `System.Nullable`1[System.Int32]`,
 * `System.Collections.Generic.List`1[System.String]`, `string`) turned into the catalog's short
 * form: no namespace, Nullable<T> as T, generics as `List[String]`, arrays kept (`Int32[]`), and
 * the spellings of the common system types made canonical (`string` → `String`, `int` → `Int32`),
 * a CIM class name dropped (`CimInstance#MSFT_X[]` → `CimInstance[]`).
 */

/** Lower-case spellings (C# and PowerShell names included) of system types to their .NET name. */
const CANONICAL: ReadonlyMap<string, string> = new Map(
  Object.entries({
    string: 'String',
    int: 'Int32',
    int16: 'Int16',
    int32: 'Int32',
    int64: 'Int64',
    long: 'Int64',
    short: 'Int16',
    uint: 'UInt32',
    uint16: 'UInt16',
    uint32: 'UInt32',
    uint64: 'UInt64',
    ulong: 'UInt64',
    ushort: 'UInt16',
    byte: 'Byte',
    sbyte: 'SByte',
    bool: 'Boolean',
    boolean: 'Boolean',
    char: 'Char',
    double: 'Double',
    float: 'Single',
    single: 'Single',
    decimal: 'Decimal',
    object: 'Object',
    psobject: 'PSObject',
    switch: 'SwitchParameter',
    switchparameter: 'SwitchParameter',
    datetime: 'DateTime',
    timespan: 'TimeSpan',
    guid: 'Guid',
    hashtable: 'Hashtable',
    scriptblock: 'ScriptBlock',
    securestring: 'SecureString',
    pscredential: 'PSCredential',
    uri: 'Uri',
    ipaddress: 'IPAddress',
    version: 'Version',
    type: 'Type',
    encoding: 'Encoding',
    regex: 'Regex',
    xml: 'XmlDocument',
    array: 'Array',
  }),
);

/** The short form of a .NET type name (see the file comment); an empty name stays empty. */
export function normalizeTypeName(raw: string): string {
  // a CIM class after '#' (`CimInstance#MSFT_NetFirewallRule[]`, as syntax blocks print it) is not part of the .NET type
  const text = raw.replace(/\s+/g, '').replace(/#[^[\],]*/g, '');
  if (!text) return '';
  const parsed = parse(text, 0);
  // anything left over means a spelling this parser does not know: keep the text, minus namespace
  return parsed.end === text.length ? parsed.name : shortName(text);
}

interface Parsed {
  readonly name: string;
  readonly end: number;
}

/** One type from `i`: a dotted name, optional generic arguments, optional array suffixes. */
function parse(text: string, i: number): Parsed {
  let j = i;
  while (j < text.length && !'`[],'.includes(text[j])) j++;
  let name = shortName(text.slice(i, j));
  if (text[j] === '`') {
    j++;
    while (j < text.length && /\d/.test(text[j])) j++;
    if (text[j] === '[') {
      const args: string[] = [];
      j++;
      while (j < text.length && text[j] !== ']') {
        if (text[j] === ',') j++;
        const quoted = text[j] === '[';
        const arg = parse(text, quoted ? j + 1 : j);
        args.push(arg.name);
        j = arg.end;
        if (quoted) {
          // an assembly-qualified argument: [System.Int32, mscorlib, Version=...]
          while (j < text.length && text[j] !== ']') j++;
          j++;
        }
      }
      j++;
      name = name === 'Nullable' && args.length === 1 ? args[0] : `${name}[${args.join(',')}]`;
    }
  }
  while (text[j] === '[' && /^\[,*\]/.test(text.slice(j))) {
    const close = text.indexOf(']', j);
    name += text.slice(j, close + 1);
    j = close + 1;
  }
  return { name, end: j };
}

/** The last segment of a dotted (or nested `+`) name, canonical for the common system types. */
function shortName(name: string): string {
  const last = name.slice(Math.max(name.lastIndexOf('.'), name.lastIndexOf('+')) + 1);
  const suffix = /(\[[,\]]*)*$/.exec(last)?.[0] ?? '';
  const base = last.slice(0, last.length - suffix.length);
  return (CANONICAL.get(base.toLowerCase()) ?? base) + suffix;
}
