import { LineMap, Psd1Error } from './errors';

/** How the bytes of a data file were encoded. */
export type Psd1Encoding = 'utf-16le' | 'utf-16be' | 'utf-8-bom' | 'utf-8' | 'windows-1252';

/** A decoded data file: its text (without BOM) and the encoding it was read as. */
export interface DecodedText {
  readonly text: string;
  readonly encoding: Psd1Encoding;
}

/**
 * Decodes the bytes of a .psd1/.psrc/.pssc file the way PowerShell reads it: a BOM selects
 * UTF-16LE, UTF-16BE or UTF-8; without a BOM the file is UTF-8 (PowerShell 7's default), and
 * bytes that are not valid UTF-8 are read as Windows-1252 (Windows PowerShell 5.1's ANSI
 * default on Western systems). Truncated or malformed UTF-16 is an error, never garbage.
 */
export function decode(bytes: Uint8Array, file = '<input>'): DecodedText {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xff && b1 === 0xfe) return { text: decodeUtf16(bytes, 'utf-16le', file), encoding: 'utf-16le' };
  if (b0 === 0xfe && b1 === 0xff) return { text: decodeUtf16(bytes, 'utf-16be', file), encoding: 'utf-16be' };
  if (b0 === 0xef && b1 === 0xbb && bytes[2] === 0xbf) {
    return { text: decodeUtf8(bytes.subarray(3), file, true), encoding: 'utf-8-bom' };
  }
  if (bytes.length >= 2 && (b0 === 0 || b1 === 0)) {
    throw new Psd1Error(file, 1, 1, 'looks like UTF-16 without a byte order mark; save it as UTF-16 with BOM or UTF-8');
  }
  try {
    return { text: decodeUtf8(bytes, file, false), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', file: string): string {
  const even = bytes.length - (bytes.length % 2);
  const units = Buffer.from(bytes.subarray(2, even));
  if (encoding === 'utf-16be') units.swap16();
  // Buffer's UTF-16 decoding keeps lone surrogates, so they can be found and located.
  const text = units.toString('utf16le');
  if (even !== bytes.length) {
    const at = new LineMap(text).positionAt(text.length);
    throw new Psd1Error(
      file,
      at.line,
      at.column,
      `truncated ${encoding.toUpperCase()} file: a stray byte at the end (${bytes.length} bytes is an odd count)`,
    );
  }
  const bad = loneSurrogate(text);
  if (bad >= 0) {
    const at = new LineMap(text).positionAt(bad);
    throw new Psd1Error(file, at.line, at.column, 'malformed UTF-16: a surrogate without its pair (truncated file?)');
  }
  return text;
}

function decodeUtf8(bytes: Uint8Array, file: string, strict: boolean): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    if (strict) throw new Psd1Error(file, 1, 1, 'the file has a UTF-8 byte order mark but is not valid UTF-8');
    throw new Error('not utf-8');
  }
}

/** The offset of the first unpaired surrogate, or -1. */
function loneSurrogate(text: string): number {
  if (text.isWellFormed()) return -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
    else if (c >= 0xd800 && c <= 0xdfff) return i;
  }
  return -1;
}

/** Windows-1252 bytes 0x80-0x9F (Node's TextDecoder reads them as Latin-1 C1 controls). */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Decodes Windows-1252: Latin-1 except for 0x80-0x9F. */
function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    out += b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : String.fromCharCode(b);
  }
  return out;
}
