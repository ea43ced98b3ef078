/**
 * A small zip reader for the tests: reads the central directory, checks each local header
 * against it and each entry's CRC-32, and returns the entries in stored order with every header
 * field the package's determinism depends on.
 */
import { crc32 } from '../../src/guestconfig/zip';

/** One entry as the zip records it. */
export interface ZipEntry {
  readonly path: string;
  readonly method: number;
  readonly flags: number;
  readonly time: number;
  readonly date: number;
  readonly versionMadeBy: number;
  readonly externalAttributes: number;
  readonly content: Buffer;
}

/** Reads a zip; throws with what is wrong when a header, offset or CRC does not match. */
export function readZip(bytes: Uint8Array): ZipEntry[] {
  const b = Buffer.from(bytes);
  const end = b.length - 22;
  if (end < 0 || b.readUInt32LE(end) !== 0x06054b50)
    throw new Error('no end of central directory record at the end (a comment or trailing bytes?)');
  const count = b.readUInt16LE(end + 10);
  const size = b.readUInt32LE(end + 12);
  let at = b.readUInt32LE(end + 16);
  if (at + size !== end)
    throw new Error(`the central directory (${at}+${size}) does not end where the end record starts (${end})`);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (b.readUInt32LE(at) !== 0x02014b50) throw new Error(`central header ${i}: bad signature`);
    const nameLength = b.readUInt16LE(at + 28);
    const extra = b.readUInt16LE(at + 30);
    const comment = b.readUInt16LE(at + 32);
    const path = b.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const compressed = b.readUInt32LE(at + 20);
    const local = b.readUInt32LE(at + 42);
    if (b.readUInt32LE(local) !== 0x04034b50) throw new Error(`${path}: no local header at ${local}`);
    if (b.compare(b, at + 6, at + 32, local + 4, local + 30) !== 0)
      throw new Error(`${path}: local header differs from the central one`);
    const localName = b.readUInt16LE(local + 26);
    const localExtra = b.readUInt16LE(local + 28);
    const start = local + 30 + localName + localExtra;
    const content = b.subarray(start, start + compressed);
    const entry: ZipEntry = {
      path,
      method: b.readUInt16LE(at + 10),
      flags: b.readUInt16LE(at + 8),
      time: b.readUInt16LE(at + 12),
      date: b.readUInt16LE(at + 14),
      versionMadeBy: b.readUInt16LE(at + 4),
      externalAttributes: b.readUInt32LE(at + 38),
      content,
    };
    if (entry.method !== 0) throw new Error(`${path}: method ${entry.method}; this reader reads stored entries only`);
    if (b.readUInt32LE(at + 24) !== compressed) throw new Error(`${path}: stored, yet sizes differ`);
    if (crc32(content) !== b.readUInt32LE(at + 16)) throw new Error(`${path}: CRC-32 does not match`);
    if (extra !== 0 || comment !== 0) throw new Error(`${path}: extra field or comment`);
    entries.push(entry);
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}
