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

/** An ARM list response page. */
interface Page<T> {
  readonly value?: readonly T[];
  readonly nextLink?: string | null;
}

/**
 * A minimal read-only ARM REST client over fetch: GET with `api-version`, bearer token, ARM error
 * bodies turned into {@link ArmError}, and list paging through `nextLink` (only on the endpoint's
 * own origin: the token is never sent elsewhere).
 */
export class ArmClient {
  private readonly origin: string;

  constructor(
    private readonly endpoint: string,
    private readonly token: TokenProvider,
    private readonly fetcher: typeof fetch = fetch,
  ) {
    this.origin = new URL(endpoint).origin;
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
    let next: string | null | undefined = this.url(path, apiVersion, query);
    for (let pages = 0; next; pages++) {
      if (pages >= 1000) throw new ArmError(0, 'TooManyPages', next, 'more than 1000 pages; stopping');
      if (new URL(next).origin !== this.origin) throw new ArmError(0, 'ForeignNextLink', next, `nextLink leaves ${this.origin}; not following it`);
      const page: Page<T> = await this.request<Page<T>>(next);
      items.push(...(page.value ?? []));
      next = page.nextLink;
    }
    return items;
  }

  private async request<T>(url: string): Promise<T> {
    const headers = { authorization: `Bearer ${await this.token()}`, accept: 'application/json' };
    let response: Response;
    try {
      response = await this.fetcher(url, { headers });
    } catch (e) {
      const cause = (e as { cause?: Error }).cause;
      throw new ArmError(0, 'NetworkError', url, cause?.message ?? (e as Error).message);
    }
    const body = await response.text();
    let json: unknown;
    try {
      json = body ? JSON.parse(body) : {};
    } catch {
      throw new ArmError(response.status, 'InvalidJson', url, `the response is not JSON: ${body.slice(0, 200)}`);
    }
    if (!response.ok) {
      const error = (json as { error?: { code?: string; message?: string } }).error;
      throw new ArmError(response.status, error?.code ?? 'Error', url, error?.message ?? (body.slice(0, 200) || response.statusText));
    }
    return json as T;
  }
}
