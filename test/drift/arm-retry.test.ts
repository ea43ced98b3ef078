import { ArmClient, ArmError } from '../../src/drift/azure/arm-client';
import { limiter } from '../../src/drift/azure/limiter';
import { DEFAULT_RETRY, isRetryable, requestedDelayMs, retryDelayMs } from '../../src/drift/azure/retry';
import { sharedToken } from '../../src/drift/azure/token-cache';

const headers = (h: Record<string, string>) => new Headers(h);
const json = (status: number, body: unknown, h: Record<string, string> = {}) =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: h });

/** A fetch that answers from a script, one answer per call, and records the URLs. */
function scripted(answers: Array<() => Response>) {
  const urls: string[] = [];
  const fetcher = ((url: string) =>
    new Promise<Response>((resolve) => {
      urls.push(url);
      const next = answers.shift();
      if (!next) throw new Error('no more answers');
      resolve(next());
    })) as unknown as typeof fetch;
  return { fetcher, urls };
}

function client(fetcher: typeof fetch, sleeps: number[], options: ConstructorParameters<typeof ArmClient>[3] = {}) {
  return new ArmClient('http://127.0.0.1:1', () => Promise.resolve('t'), fetcher, {
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    ...options,
  });
}

describe('Retry-After', () => {
  const now = Date.parse('2025-06-01T08:00:00Z');

  it('reads delta seconds, an HTTP date, and Azure millisecond headers', () => {
    expect(requestedDelayMs(headers({ 'retry-after': '7' }), now)).toBe(7000);
    expect(requestedDelayMs(headers({ 'retry-after': 'Sun, 01 Jun 2025 08:00:03 GMT' }), now)).toBe(3000);
    expect(requestedDelayMs(headers({ 'retry-after': 'Sun, 01 Jun 2025 07:59:00 GMT' }), now)).toBe(0);
    expect(requestedDelayMs(headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now)).toBe(250);
    expect(requestedDelayMs(headers({ 'x-ms-retry-after-ms': '40' }), now)).toBe(40);
    expect(requestedDelayMs(headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(requestedDelayMs(headers({}), now)).toBeUndefined();
  });

  it('backs off exponentially without one, and caps every wait', () => {
    const none = headers({});
    expect([1, 2, 3].map((a) => retryDelayMs(none, a, DEFAULT_RETRY))).toEqual([500, 1000, 2000]);
    expect(retryDelayMs(headers({ 'retry-after': '3600' }), 1, DEFAULT_RETRY)).toBe(30_000);
    expect(retryDelayMs(headers({ 'retry-after': '0' }), 3, DEFAULT_RETRY)).toBe(0);
  });

  it('retries 429 and 5xx only', () => {
    expect([429, 500, 502, 503, 504].every(isRetryable)).toBe(true);
    expect([200, 204, 400, 401, 403, 404, 409].some(isRetryable)).toBe(false);
  });
});

describe('the ARM client under throttling and failures', () => {
  it('waits as Retry-After asks, then reads the answer', async () => {
    const sleeps: number[] = [];
    const { fetcher, urls } = scripted([
      () => json(429, { error: { code: 'TooManyRequests', message: 'slow down' } }, { 'retry-after': '2' }),
      () => json(200, { ok: 1 }),
    ]);
    expect(await client(fetcher, sleeps).get('/x', '1')).toEqual({ ok: 1 });
    expect(sleeps).toEqual([2000]);
    expect(urls).toHaveLength(2);
  });

  it('backs off on 5xx without Retry-After, and gives up after the attempts with the last ARM error', async () => {
    const sleeps: number[] = [];
    const fail = () => json(503, { error: { code: 'ServiceUnavailable', message: 'down' } });
    const { fetcher, urls } = scripted([fail, fail, fail, fail, fail]);
    const error = (await client(fetcher, sleeps)
      .get('/x', '1')
      .catch((e: unknown) => e)) as ArmError;
    expect(error).toBeInstanceOf(ArmError);
    expect(error.status).toBe(503);
    expect(error.message).toMatch(/ARM 503 ServiceUnavailable .*down \(after 4 attempts\)/);
    expect(sleeps).toEqual([500, 1000, 2000]);
    expect(urls).toHaveLength(4);
  });

  it('caps a long Retry-After, and takes its own attempts and backoff', async () => {
    const sleeps: number[] = [];
    const { fetcher } = scripted([
      () => json(429, {}, { 'retry-after': '86400' }),
      () => json(500, {}),
      () => json(200, [1]),
    ]);
    const c = client(fetcher, sleeps, { retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 5000 } });
    expect(await c.list('/x', '1')).toEqual([1]);
    expect(sleeps).toEqual([5000, 20]);
  });

  it('does not retry other errors', async () => {
    for (const status of [400, 401, 403, 404]) {
      const sleeps: number[] = [];
      const { fetcher, urls } = scripted([
        () => json(status, { error: { code: `E${status}`, message: 'no' } }),
        () => json(200, {}),
      ]);
      await expect(client(fetcher, sleeps).get('/x', '1')).rejects.toThrow(new RegExp(`ARM ${status} E${status}`));
      expect(urls).toHaveLength(1);
      expect(sleeps).toEqual([]);
    }
  });

  it('retries a page in the middle of a list, and reads bare arrays, null values and 204 as pages', async () => {
    const sleeps: number[] = [];
    const { fetcher, urls } = scripted([
      () => json(200, { value: [1, 2], nextLink: 'http://127.0.0.1:1/x?page=2' }),
      () => json(429, {}, { 'retry-after': '0' }),
      () => json(200, { value: null, nextLink: 'http://127.0.0.1:1/x?page=3' }),
      () => json(200, { value: [3] }),
      () => json(200, [4, 5]),
      () => new Response(null, { status: 204 }),
    ]);
    const c = client(fetcher, sleeps);
    expect(await c.list('/x', '1')).toEqual([1, 2, 3]);
    expect(await c.list('/y', '1')).toEqual([4, 5]);
    expect(await c.list('/z', '1')).toEqual([]);
    expect(urls.slice(1, 3)).toEqual(['http://127.0.0.1:1/x?page=2', 'http://127.0.0.1:1/x?page=2']);
    expect(sleeps).toEqual([0]);
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const fetcher = (async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 2));
      inFlight--;
      return json(200, { v: 1 });
    }) as unknown as typeof fetch;
    const c = new ArmClient('http://127.0.0.1:1', () => Promise.resolve('t'), fetcher, { concurrency: 3 });
    await Promise.all(Array.from({ length: 40 }, (_, i) => c.get(`/x/${i}`, '1')));
    expect(most).toBe(3);
    const d = new ArmClient('http://127.0.0.1:1', () => Promise.resolve('t'), fetcher);
    await Promise.all(Array.from({ length: 40 }, (_, i) => d.get(`/x/${i}`, '1')));
    expect(most).toBe(8);
  });
});

describe('the limiter', () => {
  it('runs tasks in order of arrival, frees a slot when a task fails, and refuses nonsense', async () => {
    const limit = limiter(2);
    const started: number[] = [];
    const task = (i: number) =>
      limit(async () => {
        started.push(i);
        await new Promise((r) => setImmediate(r));
        if (i === 1) throw new Error('boom');
        return i;
      });
    const results = await Promise.allSettled(Array.from({ length: 3000 }, (_, i) => task(i)));
    expect(started).toEqual(Array.from({ length: 3000 }, (_, i) => i));
    expect(results[1].status).toBe('rejected');
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(2999);
    expect(() => limiter(0)).toThrow(RangeError);
  });
});

describe('the limiter with urgent tasks', () => {
  it('starts an urgent task (a next page) before waiting ones, urgent ones in order', async () => {
    const limit = limiter(1);
    const order: string[] = [];
    const task = (name: string, urgent = false) =>
      limit(() => {
        order.push(name);
        return Promise.resolve();
      }, urgent);
    await Promise.all([task('first'), task('a'), task('b'), task('page 2', true), task('page 3', true)]);
    expect(order).toEqual(['first', 'page 2', 'page 3', 'a', 'b']);
  });
});

describe('the shared token', () => {
  it('asks once per period, shares the answer, and asks again after a failure', async () => {
    let t = 0;
    let asked = 0;
    let fail = false;
    const provider = () =>
      new Promise<string>((resolve) => {
        asked++;
        if (fail) throw new Error('no');
        resolve(`token-${asked}`);
      });
    const token = sharedToken(provider, 1000, () => t);
    expect(await Promise.all([token(), token(), token()])).toEqual(['token-1', 'token-1', 'token-1']);
    t = 999;
    expect(await token()).toBe('token-1');
    t = 1000;
    fail = true;
    await expect(token()).rejects.toThrow('no');
    fail = false;
    expect(await token()).toBe('token-3');
    expect(asked).toBe(3);
  });
});
