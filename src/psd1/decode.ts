import { Psd1Error } from './errors';

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
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', file: string): string {
  if (bytes.length % 2 !== 0) {
    throw new Psd1Error(file, 1, 1, `truncated ${encoding.toUpperCase()} file: ${bytes.length} bytes is an odd count`);
  }
  const body = bytes.subarray(2);
  if (encoding === 'utf-16le') {
    return checkSurrogates(new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }).decode(body), file);
  }
  const swapped = new Uint8Array(body.length);
  for (let i = 0; i < body.length; i += 2) {
    swapped[i] = body[i + 1];
    swapped[i + 1] = body[i];
  }
  return checkSurrogates(new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }).decode(swapped), file);
}

function decodeUtf8(bytes: Uint8Array, file: string, strict: boolean): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    if (strict) throw new Psd1Error(file, 1, 1, 'the file has a UTF-8 byte order mark but is not valid UTF-8');
    throw new Error('not utf-8');
  }
}

/** Node's UTF-16 decoder keeps lone surrogates; a file cut in the middle of a pair is an error. */
function checkSurrogates(text: string, file: string): string {
  if (!text.isWellFormed()) {
    let line = 1;
    let col = 1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const pairOk =
        c >= 0xd800 && c <= 0xdbff
          ? (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00
          : !(c >= 0xdc00 && c <= 0xdfff);
      if (!pairOk) throw new Psd1Error(file, line, col, 'malformed UTF-16: a surrogate without its pair (truncated file?)');
      if (c >= 0xd800 && c <= 0xdbff) i++;
      if (c === 0x0a) {
        line++;
        col = 1;
      } else col++;
    }
  }
  return text;
}
