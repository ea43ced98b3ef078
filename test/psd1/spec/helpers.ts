import { Psd1Key, Psd1Value, PsHashtable, ScriptBlock } from '../../../src/psd1';

/** A plain, order-preserving picture of a value, so that jest can show a readable diff. */
export type Plain =
  string | number | boolean | null | Plain[] | { hashtable: [Psd1Key, Plain][] } | { scriptblock: string };

export function plain(value: Psd1Value): Plain {
  if (value instanceof PsHashtable) return { hashtable: [...value.entries()].map(([k, v]) => [k, plain(v)]) };
  if (value instanceof ScriptBlock) return { scriptblock: value.text };
  if (Array.isArray(value)) return value.map(plain);
  return value;
}

/** An expected hashtable, entries in source order. */
export function ht(...entries: [Psd1Key, Psd1Value][]): PsHashtable {
  return PsHashtable.from(entries);
}

/** An expected script block. */
export function sb(text: string): ScriptBlock {
  return new ScriptBlock(text);
}

/** Lines joined with LF. */
export function lf(...lines: string[]): string {
  return lines.join('\n');
}

/** Lines joined with CRLF. */
export function crlf(...lines: string[]): string {
  return lines.join('\r\n');
}

/** UTF-16LE bytes with a byte order mark. */
export function utf16le(text: string): Uint8Array {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

/** UTF-16BE bytes with a byte order mark. */
export function utf16be(text: string): Uint8Array {
  return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
}

/** UTF-8 bytes with a byte order mark. */
export function utf8bom(text: string): Uint8Array {
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

/** UTF-8 bytes without a byte order mark. */
export function utf8(text: string): Uint8Array {
  return Buffer.from(text, 'utf8');
}
