import { TokenProvider } from './arm-client';

/**
 * A token provider that asks `provider` once per `ttlMs` and shares the answer among every
 * request meanwhile (thousands of fleet reads would otherwise each ask the credential, and the
 * Azure CLI credential starts a process per ask). A failed ask is not kept. ARM tokens live an
 * hour or more; the default keeps one 5 minutes.
 */
export function sharedToken(provider: TokenProvider, ttlMs = 5 * 60_000, now: () => number = Date.now): TokenProvider {
  let cached: { token: Promise<string>; until: number } | undefined;
  return () => {
    if (!cached || now() >= cached.until) {
      const token = provider();
      const entry = { token, until: now() + ttlMs };
      cached = entry;
      token.catch(() => {
        if (cached === entry) cached = undefined;
      });
    }
    return cached.token;
  };
}
