/**
 * When an ARM read is tried again: throttling (429) and server errors (5xx), after the wait the
 * response asks for (`Retry-After` in seconds or as an HTTP date, or Azure's `retry-after-ms` /
 * `x-ms-retry-after-ms`), else after an exponential backoff; every wait capped, attempts bounded.
 */

/** How ARM reads are retried. */
export interface RetryPolicy {
  /** Attempts in all, the first included (1: never retry). @default 4 */
  readonly attempts: number;
  /** The backoff when the response names no wait: base, 2 x base, 4 x base, ... @default 500 */
  readonly baseDelayMs: number;
  /** The longest wait, whatever the response asks for. @default 30000 */
  readonly maxDelayMs: number;
}

/** The default policy: 4 attempts (3 retries, as the Azure SDKs), 0.5 s backoff base, waits capped at 30 s. */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 500, maxDelayMs: 30_000 };

/** Whether a response status is worth another attempt: 429 Too Many Requests and every 5xx. */
export function isRetryable(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/** Response headers, as fetch's Headers has them. */
export interface HeaderSource {
  get(name: string): string | null;
}

/**
 * The wait the response asks for in ms, or undefined when it asks for none (or says something
 * unreadable): `retry-after-ms` and `x-ms-retry-after-ms` first, then `Retry-After` as delta
 * seconds or an HTTP date (a date in the past is no wait).
 */
export function requestedDelayMs(headers: HeaderSource, now: number = Date.now()): number | undefined {
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const ms = headers.get(name)?.trim();
    if (ms && /^\d+(\.\d+)?$/.test(ms)) return Number(ms);
  }
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** The wait before attempt `attempt + 1` (attempt counts from 1) after a retryable response: requested, else backoff; capped. */
export function retryDelayMs(
  headers: HeaderSource,
  attempt: number,
  policy: RetryPolicy,
  now: number = Date.now(),
): number {
  const requested = requestedDelayMs(headers, now);
  const delay = requested ?? policy.baseDelayMs * 2 ** (attempt - 1);
  return Math.min(Math.max(0, delay), policy.maxDelayMs);
}
