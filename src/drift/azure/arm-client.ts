import { Limited, limiter } from './limiter';
import { DEFAULT_RETRY, isRetryable, retryDelayMs, RetryPolicy } from './retry';

/** The public Azure Resource Manager endpoint. */
export const ARM_ENDPOINT = 'https://management.azure.com';

/** Gives a bearer token for ARM. */
export type TokenProvider = () => Promise<string>;

/** An ARM request that failed: the HTTP status and ARM's error code and message. */
export class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly url: string,
    message: string,
  ) {
    super(`ARM ${status} ${code} for GET ${url}: ${message}`);
    this.name = 'ArmError';
  }
}

/** An ARM list response page: `{ value, nextLink }`, or a bare array (as some list examples, e.g. guest configuration assignments, show). */
type Page<T> = readonly T[] | { readonly value?: readonly T[] | null; readonly nextLink?: string | null };

/** How an {@link ArmClient} behaves under load. */
export interface ArmClientOptions {
  /** Requests in flight at once, over every read of this client. @default 8 */
  readonly concurrency?: number;
  /** Retries of 429 and 5xx answers (see {@link RetryPolicy}). @default DEFAULT_RETRY */
  readonly retry?: Partial<RetryPolicy>;
  /** Pages one list may have before the client stops. @default 1000 */
  readonly maxPages?: number;
  /** Waits (tests replace it). */
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Requests in flight at once by default. */
export const DEFAULT_CONCURRENCY = 8;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A minimal read-only ARM REST client over fetch: GET with `api-version`, bearer token, ARM error
 * bodies turned into {@link ArmError}, list paging through `nextLink` (only on the endpoint's
 * own origin: the token is never sent elsewhere), at most `concurrency` requests in flight, and
 * 429/5xx answers retried after the wait they ask for (`Retry-After`), capped, a bounded number
 * of times (see {@link RetryPolicy}).
 */
export class ArmClient {
  private readonly origin: string;
  private readonly limit: Limited;
  private readonly retry: RetryPolicy;
  private readonly maxPages: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly endpoint: string,
    private readonly token: TokenProvider,
    private readonly fetcher: typeof fetch = fetch,
    options: ArmClientOptions = {},
  ) {
    this.origin = new URL(endpoint).origin;
    this.limit = limiter(options.concurrency ?? DEFAULT_CONCURRENCY);
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.maxPages = options.maxPages ?? 1000;
    this.sleep = options.sleep ?? sleep;
  }

  /** The URL of a resource path (`/subscriptions/...`) with its api-version and query. */
  url(path: string, apiVersion: string, query: Readonly<Record<string, string>> = {}): string {
    const url = new URL(this.endpoint.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`));
    url.searchParams.set('api-version', apiVersion);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    return url.toString();
  }

  /** GETs a resource. */
  async get<T>(path: string, apiVersion: string): Promise<T> {
    return this.request<T>(this.url(path, apiVersion));
  }

  /** GETs every item of a list, following `nextLink`. */
  async list<T>(path: string, apiVersion: string, query: Readonly<Record<string, string>> = {}): Promise<T[]> {
    const items: T[] = [];
    for await (const page of this.pages<T>(path, apiVersion, query)) for (const item of page) items.push(item);
    return items;
  }

  /** GETs a list page by page, following `nextLink` (so a caller keeps only what it needs of each page). */
  async *pages<T>(
    path: string,
    apiVersion: string,
    query: Readonly<Record<string, string>> = {},
  ): AsyncGenerator<readonly T[]> {
    let next: string | null | undefined = this.url(path, apiVersion, query);
    for (let pages = 0; next; pages++) {
      if (pages >= this.maxPages)
        throw new ArmError(0, 'TooManyPages', next, `more than ${this.maxPages} pages; stopping`);
      if (new URL(next).origin !== this.origin)
        throw new ArmError(0, 'ForeignNextLink', next, `nextLink leaves ${this.origin}; not following it`);
      const page: Page<T> = await this.request<Page<T>>(next, pages > 0);
      if (Array.isArray(page)) {
        yield page;
        return;
      }
      const { value, nextLink } = page as Exclude<Page<T>, readonly T[]>;
      yield value ?? [];
      next = nextLink;
    }
  }

  /** GETs a URL under the concurrency limit; `urgent` (a next page) goes before requests not yet started. */
  private async request<T>(url: string, urgent = false): Promise<T> {
    return this.limit(async () => {
      for (let attempt = 1; ; attempt++) {
        const response = await this.send(url);
        if (attempt < this.retry.attempts && isRetryable(response.status)) {
          await response.arrayBuffer().catch(() => undefined);
          await this.sleep(retryDelayMs(response.headers, attempt, this.retry));
          continue;
        }
        return this.read<T>(url, response, attempt);
      }
    }, urgent);
  }

  private async send(url: string): Promise<Response> {
    const headers = { authorization: `Bearer ${await this.token()}`, accept: 'application/json' };
    try {
      return await this.fetcher(url, { headers });
    } catch (e) {
      const cause = (e as { cause?: Error }).cause;
      throw new ArmError(0, 'NetworkError', url, cause?.message ?? (e as Error).message);
    }
  }

  private async read<T>(url: string, response: Response, attempts: number): Promise<T> {
    const body = await response.text();
    let json: unknown;
    try {
      json = body ? JSON.parse(body) : {};
    } catch {
      throw new ArmError(response.status, 'InvalidJson', url, `the response is not JSON: ${body.slice(0, 200)}`);
    }
    if (!response.ok) {
      const error = (json as { error?: { code?: string; message?: string } }).error;
      const tries = attempts > 1 ? ` (after ${attempts} attempts)` : '';
      throw new ArmError(
        response.status,
        error?.code ?? 'Error',
        url,
        (error?.message ?? (body.slice(0, 200) || response.statusText)) + tries,
      );
    }
    return json as T;
  }
}
