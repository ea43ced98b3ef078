/**
 * A byte-deterministic zip writer: the same entries always give the same bytes, so that a
 * package's SHA-256 (the `contentHash` of a Machine Configuration assignment) changes only when
 * its content does. Entries are sorted by path (ordinal, UTF-8 bytes), every timestamp is
 * 1980-01-01 00:00 (the earliest a zip can hold), no extra fields, comments or attributes are
 * written, and content is stored uncompressed: deflate output depends on the zlib build, and
 * would change the hash across Node.js versions for the same content. Written here rather than
 * with a zip library on purpose: the bytes are a contract (the assignment's content hash), and a
 * library's header choices may change with an update (fflate, tried, writes UTF-8 names without
 * the UTF-8 flag), which would change every package's hash with no change to its content.
 */
import { ArtifactFile } from '../jea/jea-module';

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** Version 2.0 (MS-DOS host): what readers need for stored entries with UTF-8 names. */
const VERSION = 20;
/** General purpose flag bit 11: the name is UTF-8. */
const UTF8_NAMES = 0x0800;
/** MS-DOS date of 1980-01-01: (year - 1980) << 9 | month << 5 | day. */
const DOS_DATE = (1 << 5) | 1;
const DOS_TIME = 0;

let crcTable: Uint32Array | undefined;

/** CRC-32 (ISO 3309, the polynomial zip uses) of bytes. */
export function crc32(bytes: Uint8Array): number {
  const table = (crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  }));
  let crc = 0xffffffff;
  for (const b of bytes) crc = table[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Why a path cannot be a zip entry (relative, `/`-separated, no empty, `.` or `..` segment, no backslash, colon or control character), or undefined. */
export function zipPathProblem(path: string): string | undefined {
  if (path === '' || path.startsWith('/') || path.endsWith('/')) return 'not a relative file path';
  if (/[\\:\u0000-\u001f\u007f]/.test(path)) return 'a backslash, colon or control character';
  if (path.split('/').some((s) => s === '' || s === '.' || s === '..')) return 'an empty, . or .. segment';
  return undefined;
}

/** Little-endian fields of fixed sizes, as a buffer. */
function fields(values: readonly (readonly [number, 2 | 4])[]): Buffer {
  const out = Buffer.alloc(values.reduce((n, [, size]) => n + size, 0));
  let at = 0;
  for (const [value, size] of values) at = size === 2 ? out.writeUInt16LE(value, at) : out.writeUInt32LE(value, at);
  return out;
}

/**
 * The zip of the files, sorted by path: stored (method 0), fixed timestamps, UTF-8 names. Throws
 * for a path that is not a safe relative path, for two paths that differ only in case (one
 * folder on Windows), and beyond what a zip without Zip64 holds (65,535 entries, 4 GiB).
 */
export function deterministicZip(files: readonly ArtifactFile[]): Uint8Array {
  const sorted = [...files]
    .map((f) => ({ ...f, name: Buffer.from(f.path, 'utf8') }))
    .sort((a, b) => Buffer.compare(a.name, b.name));
  const seen = new Map<string, string>();
  for (const f of sorted) {
    const problem = zipPathProblem(f.path);
    if (problem) throw new Error(`zip: '${f.path}' cannot be an entry: ${problem}`);
    const key = f.path.toLowerCase();
    if (seen.has(key)) throw new Error(`zip: '${f.path}' and '${seen.get(key)}' would be one file on Windows`);
    seen.set(key, f.path);
  }
  if (sorted.length > 0xffff) throw new Error(`zip: ${sorted.length} entries; at most 65535 without Zip64`);
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const f of sorted) {
    const size = f.content.length;
    const crc = crc32(f.content);
    const common: (readonly [number, 2 | 4])[] = [
      [VERSION, 2],
      [UTF8_NAMES, 2],
      [0, 2],
      [DOS_TIME, 2],
      [DOS_DATE, 2],
      [crc, 4],
      [size, 4],
      [size, 4],
      [f.name.length, 2],
      [0, 2],
    ];
    const local = Buffer.concat([fields([[LOCAL_HEADER, 4], ...common]), f.name]);
    central.push(
      Buffer.concat([
        fields([[CENTRAL_HEADER, 4], [VERSION, 2], ...common, [0, 2], [0, 2], [0, 2], [0, 4], [offset, 4]]),
        f.name,
      ]),
    );
    chunks.push(local, Buffer.from(f.content));
    offset += local.length + size;
    if (offset > 0xffffffff) throw new Error('zip: more than 4 GiB; Zip64 is not written');
  }
  const directory = Buffer.concat(central);
  const end = fields([
    [END_OF_CENTRAL_DIRECTORY, 4],
    [0, 2],
    [0, 2],
    [sorted.length, 2],
    [sorted.length, 2],
    [directory.length, 4],
    [offset, 4],
    [0, 2],
  ]);
  return Buffer.concat([...chunks, directory, end]);
}
