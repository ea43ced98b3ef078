import { createHash } from 'crypto';
import { Psd1Value, render } from '../psd1';

/** A piece of a generated script: code (its line breaks become CRLF) or data (embedded as is). */
export type ScriptPart = string | { readonly data: Psd1Value };

/**
 * Builds generated PowerShell scripts. Every value a script needs is embedded as data through
 * the data-file writer (single-quoted strings with every quote character doubled), never
 * spliced into code, so no value can change what the script does.
 */
export function psData(value: Psd1Value): string {
  return Buffer.from(psDataBytes(value)).toString('utf8');
}

/** The data-file form of a value as UTF-8 bytes, without the BOM and the final line break. */
function psDataBytes(value: Psd1Value): Uint8Array {
  const bytes = render(value);
  return bytes.subarray(3, bytes.length - 2);
}

/**
 * A script file: UTF-8 with BOM (what Windows PowerShell 5.1 reads correctly), parts joined by
 * CRLF line breaks, code line breaks made CRLF. A data part continues the line of the code part
 * before it (`'$X = '`, `{ data }`) and is inserted byte for byte: a line break inside a value
 * stays the character it is.
 */
export function scriptFile(parts: readonly ScriptPart[]): Uint8Array {
  const chunks: Uint8Array[] = [Buffer.from([0xef, 0xbb, 0xbf])];
  let code = '';
  parts.forEach((part, i) => {
    const next = parts[i + 1];
    const end = next === undefined ? '\r\n' : typeof next === 'string' ? '\n' : '';
    if (typeof part === 'string') {
      code += part + end;
      return;
    }
    chunks.push(Buffer.from(code.replace(/\r?\n/g, '\r\n'), 'utf8'), psDataBytes(part.data));
    code = end;
  });
  chunks.push(Buffer.from(code.replace(/\r?\n/g, '\r\n'), 'utf8'));
  return Buffer.concat(chunks);
}

/** Joins script lines with CRLF and encodes as UTF-8 with BOM; see {@link scriptFile}. */
export function scriptBytes(lines: readonly string[]): Uint8Array {
  return scriptFile(lines);
}

const hashes = new WeakMap<Uint8Array, string>();

/**
 * The SHA-256 of bytes, lowercase hexadecimal (as Get-FileHash prints it, lowercased). Memoized
 * per buffer: an endpoint's files are hashed for the registration script, the bundle and the
 * manifest.
 */
export function sha256(bytes: Uint8Array): string {
  let hash = hashes.get(bytes);
  if (hash === undefined) {
    hash = createHash('sha256').update(bytes).digest('hex');
    hashes.set(bytes, hash);
  }
  return hash;
}

/**
 * PowerShell functions more than one generated script defines, written once: a file's SHA-256 as
 * lowercase hex (Get-FileHash), a bundle path (`/`-separated) under a folder, and the host's
 * account database behind one function (tests replace it: NTAccount only resolves on Windows).
 */
export const SCRIPT_FUNCTIONS = {
  sha256: String.raw`function Get-Sha256([string] $Path) { (Get-FileHash -LiteralPath $Path -Algorithm SHA256).Hash.ToLowerInvariant() }`,
  joinPath: String.raw`function Join-JeajitPath([string] $Root, [string] $Relative) { Join-Path $Root ($Relative.Replace('/', [string] [System.IO.Path]::DirectorySeparatorChar)) }`,
  resolveSid: String.raw`# The host's account database, behind one function (tests replace it).
function Resolve-JeajitSid([string] $Principal) { ([System.Security.Principal.NTAccount] $Principal).Translate([System.Security.Principal.SecurityIdentifier]).Value }`,
} as const;
