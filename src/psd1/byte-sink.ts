const ASCII = /^[\x00-\x7f]*$/;

/**
 * A growable UTF-8 byte buffer. Writing bytes directly (instead of concatenating strings and
 * encoding at the end) keeps rendering free of the millions of short-lived rope strings that
 * would otherwise dominate the time in garbage collection.
 */
export class ByteSink {
  private buf: Buffer;
  /** Bytes written so far. */
  length = 0;

  constructor(initial = 1 << 16) {
    this.buf = Buffer.allocUnsafe(initial);
  }

  private reserve(n: number): void {
    if (this.length + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + n) size *= 2;
    const next = Buffer.allocUnsafe(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  /** Appends one byte. */
  byte(b: number): void {
    this.reserve(1);
    this.buf[this.length++] = b;
  }

  /** Appends `n` spaces (indentation). */
  spaces(n: number): void {
    this.reserve(n);
    const buf = this.buf;
    let at = this.length;
    for (let i = 0; i < n; i++) buf[at++] = 0x20;
    this.length = at;
  }

  /** Appends text known to be ASCII (indentation, punctuation, bare keys, numbers). */
  ascii(s: string): void {
    const n = s.length;
    this.reserve(n);
    const buf = this.buf;
    let at = this.length;
    for (let i = 0; i < n; i++) buf[at++] = s.charCodeAt(i);
    this.length = at;
  }

  /**
   * Appends any text as UTF-8; with `doubleQuotes`, every single-quote-class character
   * (U+0027 U+2018-U+201B) is written twice, as a single-quoted PowerShell string needs.
   * Returns the offset of a lone surrogate, which UTF-8 cannot encode, or -1; on a lone
   * surrogate nothing is appended.
   */
  utf8(s: string, doubleQuotes = false): number {
    // Long ASCII text without quotes (base64 payloads, paths) is copied natively.
    if (s.length > 64 && ASCII.test(s) && !(doubleQuotes && s.includes("'"))) {
      this.reserve(s.length);
      this.length += this.buf.write(s, this.length, 'latin1');
      return -1;
    }
    const start = this.length;
    this.reserve(s.length * 6);
    const buf = this.buf;
    let at = start;
    for (let i = 0; i < s.length; i++) {
      let c = s.charCodeAt(i);
      if (c < 0x80) {
        buf[at++] = c;
        if (c === 0x27 && doubleQuotes) buf[at++] = c;
        continue;
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        const low = s.charCodeAt(i + 1);
        if (c > 0xdbff || !(low >= 0xdc00 && low <= 0xdfff)) {
          this.length = start;
          return i;
        }
        c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
      const times = doubleQuotes && c >= 0x2018 && c <= 0x201b ? 2 : 1;
      for (let t = 0; t < times; t++) {
        if (c < 0x800) {
          buf[at++] = 0xc0 | (c >> 6);
          buf[at++] = 0x80 | (c & 0x3f);
        } else if (c < 0x10000) {
          buf[at++] = 0xe0 | (c >> 12);
          buf[at++] = 0x80 | ((c >> 6) & 0x3f);
          buf[at++] = 0x80 | (c & 0x3f);
        } else {
          buf[at++] = 0xf0 | (c >> 18);
          buf[at++] = 0x80 | ((c >> 12) & 0x3f);
          buf[at++] = 0x80 | ((c >> 6) & 0x3f);
          buf[at++] = 0x80 | (c & 0x3f);
        }
      }
    }
    this.length = at;
    return -1;
  }

  /** Forgets everything written after `length` (to retry a layout). */
  truncate(length: number): void {
    this.length = length;
  }

  /** The bytes written, as a copy of exactly the right size. */
  bytes(): Uint8Array {
    return new Uint8Array(this.buf.subarray(0, this.length));
  }
}
