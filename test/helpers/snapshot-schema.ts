/**
 * docs/snapshot.schema.json, and a small validator for the parts of JSON Schema it uses, so that
 * tests check snapshots against the file itself (shared by the snapshot tests and the snapshots
 * the collector takes on the simulated host).
 */
import * as fs from 'fs';
import * as path from 'path';

/** The snapshot schema, as the file has it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const snapshotSchema: any = JSON.parse(
  fs.readFileSync(path.resolve(__dirname, '../../docs/snapshot.schema.json'), 'utf8'),
);

/** Every place `value` breaks the schema node (the whole schema by default), as `$.path: problem`; empty when it validates. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function schemaErrors(node: any, value: unknown, at = '$'): string[] {
  if (node.$ref) return schemaErrors(snapshotSchema.$defs[node.$ref.split('/').pop()], value, at);
  if (node.anyOf)
    return node.anyOf.some((n: unknown) => schemaErrors(n, value, at).length === 0)
      ? []
      : [`${at}: matches no alternative`];
  if ('const' in node) return value === node.const ? [] : [`${at}: not ${node.const}`];
  const types: string[] = node.type === undefined ? [] : [].concat(node.type);
  const typeOf = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
  if (types.length && !types.includes(typeOf)) return [`${at}: ${typeOf} is not ${types.join('|')}`];
  const errors: string[] = [];
  if (typeof value === 'string') {
    if (node.minLength && value.length < node.minLength) errors.push(`${at}: too short`);
    if (node.pattern && !new RegExp(node.pattern).test(value)) errors.push(`${at}: does not match ${node.pattern}`);
    if (node.format === 'date-time' && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value))
      errors.push(`${at}: not a date-time`);
  }
  if (Array.isArray(value)) value.forEach((v, i) => errors.push(...schemaErrors(node.items, v, `${at}[${i}]`)));
  if (typeOf === 'object') {
    const o = value as Record<string, unknown>;
    for (const k of node.required ?? []) if (!(k in o)) errors.push(`${at}: missing ${k}`);
    for (const [k, v] of Object.entries(o)) {
      const sub = node.properties?.[k] ?? (node.additionalProperties === false ? undefined : node.additionalProperties);
      if (sub === undefined) errors.push(`${at}.${k}: not allowed`);
      else if (sub !== true) errors.push(...schemaErrors(sub, v, `${at}.${k}`));
    }
  }
  return errors;
}
