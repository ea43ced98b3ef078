import { crc32, deterministicZip, zipPathProblem } from '../../src/guestconfig/zip';
import { readZip } from './zip-reader';

const file = (path: string, text: string) => ({ path, content: Buffer.from(text, 'utf8') });

describe('deterministicZip', () => {
  it('computes the CRC-32 zip uses', () => {
    expect(crc32(Buffer.from('123456789', 'ascii'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
  });

  it('gives the same bytes whatever the order of the files', () => {
    const a = deterministicZip([file('b.txt', 'B'), file('a/x.txt', 'X'), file('A.mof', 'M')]);
    const b = deterministicZip([file('A.mof', 'M'), file('b.txt', 'B'), file('a/x.txt', 'X')]);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });

  it('sorts entries by their UTF-8 bytes and stores them with fixed headers', () => {
    const entries = readZip(
      deterministicZip([file('b.txt', 'B'), file('a/x.txt', 'X'), file('A.mof', 'M'), file('\u00e9.txt', 'e')]),
    );
    expect(entries.map((e) => e.path)).toEqual(['A.mof', 'a/x.txt', 'b.txt', '\u00e9.txt']);
    for (const e of entries) {
      expect({
        method: e.method,
        flags: e.flags,
        time: e.time,
        date: e.date,
        madeBy: e.versionMadeBy,
        attributes: e.externalAttributes,
      }).toEqual({
        method: 0,
        flags: 0x0800,
        time: 0,
        date: 0x21,
        madeBy: 20,
        attributes: 0,
      });
    }
    expect(entries.map((e) => e.content.toString('utf8'))).toEqual(['M', 'X', 'B', 'e']);
  });

  it('writes an empty zip as the end record alone', () => {
    expect(Buffer.from(deterministicZip([])).toString('hex')).toBe('504b0506' + '00'.repeat(18));
  });

  it.each([
    ['/abs.txt', 'not a relative file path'],
    ['dir/', 'not a relative file path'],
    ['a\\b.txt', 'a backslash, colon or control character'],
    ['C:x.txt', 'a backslash, colon or control character'],
    ['a/../b.txt', 'an empty, . or .. segment'],
    ['a//b.txt', 'an empty, . or .. segment'],
    ['a\nb', 'a backslash, colon or control character'],
  ])('refuses the path %j', (path, problem) => {
    expect(zipPathProblem(path)).toBe(problem);
    expect(() => deterministicZip([file(path, 'x')])).toThrow(problem);
  });

  it('refuses two paths that are one file on Windows', () => {
    expect(() => deterministicZip([file('Modules/X.psd1', '1'), file('modules/x.psd1', '2')])).toThrow(
      'would be one file on Windows',
    );
  });
});
