import { Psd1Error } from './errors';
import { parse, Psd1Document } from './parser';

/** How many leading bytes the UTF-16 and binary checks look at (git looks at 8000 for NUL). */
const SAMPLE = 8000;

/**
 * Whether bytes without a byte order mark look like UTF-16: NUL bytes in every other position
 * (the high bytes of ASCII characters), on one side only.
 */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, SAMPLE) & ~1;
  if (n < 2) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] !== 0) continue;
    if (i % 2) odd++;
    else even++;
  }
  const pairs = n / 2;
  return (odd >= pairs / 2 && even <= pairs / 10) || (even >= pairs / 2 && odd <= pairs / 10);
}

/**
 * The offset of the first byte that says the bytes are not text (a NUL byte, as git judges), or
 * undefined. UTF-16 (with a byte order mark, or with the NUL pattern of UTF-16 text) is text:
 * its NUL bytes are half of its characters.
 */
export function binaryContentAt(bytes: Uint8Array): number | undefined {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff) || looksLikeUtf16(bytes))
    return undefined;
  const at = bytes.subarray(0, SAMPLE).indexOf(0);
  return at < 0 ? undefined : at;
}

/** A file that holds binary content, not text: `x.psrc: not a text file (binary content at byte N)`. */
export class NotTextError extends Psd1Error {
  constructor(
    file: string,
    /** The offset of the first binary byte. */
    readonly offset: number,
  ) {
    super(file, 1, 1, `not a text file (binary content at byte ${offset})`);
    this.message = `${file}: ${this.reason}`;
    this.name = 'NotTextError';
  }
}

/**
 * Parses the bytes of a data file read from disk, as every command reads them: a file that does
 * not parse and holds binary content is a {@link NotTextError}, not the syntax error its bytes
 * happen to make. (A file that parses is a data file whatever bytes its strings hold:
 * PowerShell reads NUL characters in strings, and so does {@link parse}.)
 */
export function parseDataFile(bytes: Uint8Array, file: string): Psd1Document {
  try {
    return parse(bytes, { file });
  } catch (e) {
    const at = e instanceof Psd1Error ? binaryContentAt(bytes) : undefined;
    if (at !== undefined) throw new NotTextError(file, at);
    throw e;
  }
}
