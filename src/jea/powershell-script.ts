import { Psd1Value, renderText } from '../psd1';

/**
 * Builds generated PowerShell scripts. Every value a script needs is embedded as data through
 * the data-file writer (single-quoted strings with every quote character doubled), never
 * spliced into code, so no value can change what the script does.
 */
export function psData(value: Psd1Value): string {
  return renderText(value).replace(/\r\n$/, '');
}

/** Joins script lines with CRLF and encodes as UTF-8 with BOM (what Windows PowerShell 5.1 reads correctly). */
export function scriptBytes(lines: readonly string[]): Uint8Array {
  const text = lines.join('\r\n').replace(/\r?\n/g, '\r\n') + '\r\n';
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
}

/** The SHA-256 of bytes, lowercase hexadecimal (as Get-FileHash prints it, lowercased). */
export function sha256(bytes: Uint8Array): string {
  return require('crypto').createHash('sha256').update(bytes).digest('hex');
}
