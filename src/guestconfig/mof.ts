/**
 * The MOF text of a Machine Configuration package: one instance per resource, then the
 * OMI_ConfigurationDocument, in the form PSDesiredStateConfiguration writes
 * (ConvertTo-MOFInstance, Write-NodeMOFFile: `instance of <Class> as $<Class><n>ref { ... };`,
 * arrays as `{ "a", "b" }`, CRLF line breaks). Nothing varies between runs: no generation date,
 * host or author.
 */

/** A MOF property value: a string or an array of strings (the only types the resources here take). */
export type MofValue = string | readonly string[];

/** One resource instance: its class, the module that carries it, and its properties in order. */
export interface MofResource {
  /** The DSC resource's class name (`JeajitEndpoint`). */
  readonly className: string;
  /** The instance name: ResourceID is `[<className>]<instanceName>`. */
  readonly instanceName: string;
  readonly moduleName: string;
  readonly moduleVersion: string;
  /** The resource's own properties (key and settings), in the order to write them. */
  readonly properties: readonly (readonly [string, MofValue])[];
}

/** MOF escapes (DSP0221 7.6.1.1): `\b \t \n \f \r \" \' \\`, other control characters as `\xHHHH`. */
const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '"': '\\"',
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\f': '\\f',
  '\r': '\\r',
};

/**
 * A MOF string literal: double-quoted, with backslash, double quote and every control character
 * escaped, so that no value can end its string early or add a property. Other characters
 * (typographic quotes, `$(...)`, non-ASCII) are ordinary in MOF and written as they are.
 */
export function mofString(value: string): string {
  return `"${value.replace(/[\\"\u0000-\u001f\u007f]/g, (c) => ESCAPES[c] ?? `\\x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`)}"`;
}

/** Why a name cannot be a MOF identifier (class or property name), or undefined. */
function identifierProblem(name: string): string | undefined {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? undefined : `'${name}' is not a MOF identifier`;
}

/** `Name = value;` with the value as PSDesiredStateConfiguration writes it (arrays one element a line). */
function property(name: string, value: MofValue): string {
  const problem = identifierProblem(name);
  if (problem) throw new Error(`mof: ${problem}`);
  if (typeof value === 'string') return `    ${name} = ${mofString(value)};`;
  if (value.length === 0) return `    ${name} = {};`;
  return [`    ${name} = {`, value.map((v) => `        ${mofString(v)}`).join(',\n'), '    };'].join('\n');
}

/** One `instance of ... as $...ref { ... };` block. */
function instance(className: string, alias: string, properties: readonly (readonly [string, MofValue])[]): string {
  return [
    `instance of ${className}${alias ? ` as ${alias}` : ''}`,
    '{',
    ...properties.map(([n, v]) => property(n, v)),
    '};',
  ].join('\n');
}

/**
 * The configuration document: each resource with ResourceID, ModuleName, ModuleVersion,
 * ConfigurationName and SourceInfo (a fixed `jeajit::1::1::<Class>`: the usual `file::line::col`
 * would change with the code's layout), then OMI_ConfigurationDocument with Name. UTF-8 without
 * BOM (what PSDesiredStateConfiguration 2 writes), CRLF.
 */
export function configurationMof(configurationName: string, resources: readonly MofResource[]): Uint8Array {
  const counts = new Map<string, number>();
  const blocks = resources.map((r) => {
    const problem = identifierProblem(r.className);
    if (problem) throw new Error(`mof: ${problem}`);
    const n = (counts.get(r.className) ?? 0) + 1;
    counts.set(r.className, n);
    return instance(r.className, `$${r.className}${n}ref`, [
      ['ResourceID', `[${r.className}]${r.instanceName}`],
      ['ModuleName', r.moduleName],
      ['ModuleVersion', r.moduleVersion],
      ['ConfigurationName', configurationName],
      ['SourceInfo', `jeajit::1::1::${r.className}`],
      ...r.properties,
    ]);
  });
  const document = instance('OMI_ConfigurationDocument', '', [
    ['Version', '2.0.0'],
    ['MinimumCompatibleVersion', '1.0.0'],
    ['CompatibleVersionAdditionalProperties', ['Omi_BaseResource:ConfigurationName']],
    ['Name', configurationName],
  ]);
  const text = [
    '/*',
    "@TargetNode='localhost'",
    '@GeneratedBy=jeajit',
    '*/',
    '',
    ...blocks.flatMap((b) => [b, '']),
    document,
    '',
  ].join('\n');
  return Buffer.from(text.replace(/\n/g, '\r\n'), 'utf8');
}
