import { Fn, Token } from 'cdktf';

/**
 * A value as JSON text for a resource argument: `JSON.stringify` when it holds no token, else
 * Terraform's `jsonencode` of it, so values known only at deploy time are filled in by Terraform.
 */
export function jsonText(value: unknown): string {
  const text = JSON.stringify(value);
  return Token.isUnresolved(text) ? Fn.jsonencode(value) : text;
}
