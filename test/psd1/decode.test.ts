import { decode, parse } from '../../src/psd1';

// U+2019 closes a single-quoted string in PowerShell, so inside one it is doubled.
const SAMPLE = "@{\r\n    Name = 'caf\u00e9 \u2019\u2019 \ud83d\ude00'\r\n}\r\n";

function utf16le(text: string, bom = true): Buffer {
  return Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, 'utf16le')]);
}

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  return Buffer.concat([Buffer.from([0xfe, 0xff]), le.swap16()]);
}

describe('decode', () => {
  it.each([
    ['UTF-16LE with BOM', utf16le(SAMPLE), 'utf-16le'],
    ['UTF-16BE with BOM', utf16be(SAMPLE), 'utf-16be'],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE)]), 'utf-8-bom'],
    ['UTF-8 without BOM', Buffer.from(SAMPLE), 'utf-8'],
  ])('reads %s', (_, bytes, encoding) => {
    const decoded = decode(bytes);
    expect(decoded).toEqual({ text: SAMPLE, encoding });
    expect(parse(bytes).value).toEqual(parse(SAMPLE).value);
  });

  it('reads LF and CR line breaks like CRLF', () => {
    expect(parse(Buffer.from(SAMPLE.replace(/\r\n/g, '\n'))).value).toEqual(parse(SAMPLE).value);
    expect(parse(Buffer.from(SAMPLE.replace(/\r\n/g, '\r'))).value).toEqual(parse(SAMPLE).value);
  });

  it('reads BOM-less bytes that are not UTF-8 as Windows-1252, as Windows PowerShell 5.1 does', () => {
    const bytes = Buffer.from([0x40, 0x7b, 0x41, 0x3d, 0x27, 0xe9, 0x92, 0x27, 0x7d]); // @{A='é’'}
    const decoded = decode(bytes);
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.text).toBe("@{A='\u00e9\u2019'}");
  });

  it('refuses a truncated UTF-16 file (odd byte count)', () => {
    const bytes = utf16le(SAMPLE).subarray(0, 11);
    expect(() => decode(bytes, 'cut.psrc')).toThrow(
      'cut.psrc:2:1: truncated UTF-16LE file: a stray byte at the end (11 bytes is an odd count)',
    );
  });

  it('refuses UTF-16 cut in the middle of a surrogate pair, at the right line', () => {
    const text = "@{\r\nA = '\ud83d";
    expect(() => decode(utf16le(text), 'pair.psrc')).toThrow(/^pair\.psrc:2:6: malformed UTF-16/);
  });

  it('says so when a file looks like UTF-16 without a BOM', () => {
    expect(() => decode(utf16le(SAMPLE, false), 'nobom.psrc')).toThrow(
      /nobom\.psrc:1:1: looks like UTF-16 without a byte order mark/,
    );
  });

  it('refuses a UTF-8 BOM followed by bytes that are not UTF-8', () => {
    expect(() => decode(Buffer.from([0xef, 0xbb, 0xbf, 0x27, 0xff, 0x27]))).toThrow(
      /UTF-8 byte order mark but is not valid UTF-8/,
    );
  });
});
