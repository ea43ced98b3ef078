import { createHash } from 'crypto';

/** The namespace of jeajit's derived GUIDs (a fixed random UUID). */
const NAMESPACE = Buffer.from('6f1e3c2a9b8d4e0f8a7b6c5d4e3f2a1b', 'hex');

/**
 * A GUID derived from a name (a construct path), as a name-based UUID (RFC 9562 version 5,
 * SHA-1): the same name always gives the same GUID, so synthesized files never churn.
 */
export function derivedGuid(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
  const b = Buffer.from(hash.subarray(0, 16));
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Whether a string is a GUID in the 8-4-4-4-12 form. */
export function isGuid(text: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);
}
