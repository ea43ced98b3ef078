import { TokenProvider } from './arm-client';

/** The environment variable that gives a token for a local (test) ARM endpoint. */
export const FAKE_TOKEN_VARIABLE = 'JEAJIT_ARM_TOKEN';

/** Whether an endpoint is this machine (a test server): only then is a token from the environment used. */
export function isLocalEndpoint(endpoint: string): boolean {
  const host = new URL(endpoint).hostname;
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]' || host === '::1';
}

/** No token could be had for ARM (not signed in, no managed identity, ...). */
export class TokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenError';
  }
}

/** Something that gets Entra ID tokens (DefaultAzureCredential's shape). */
export interface Credential {
  getToken(scope: string): Promise<{ token: string } | null>;
}

/**
 * The token source for an ARM endpoint: for a local endpoint with {@link FAKE_TOKEN_VARIABLE}
 * set, that value (so tests need no credential); otherwise DefaultAzureCredential from
 * @azure/identity (environment, workload or managed identity, Azure CLI, ...) for the endpoint's
 * `.default` scope (`https://management.azure.com/.default`). The credential is created lazily.
 */
export function armTokenProvider(
  endpoint: string,
  env: NodeJS.ProcessEnv = process.env,
  credential: () => Credential = defaultCredential,
): TokenProvider {
  const fake = env[FAKE_TOKEN_VARIABLE];
  if (fake && isLocalEndpoint(endpoint)) return () => Promise.resolve(fake);
  const scope = `${new URL(endpoint).origin}/.default`;
  let made: Credential | undefined;
  return async () => {
    let token: { token: string } | null;
    try {
      made ??= credential();
      token = await made.getToken(scope);
    } catch (e) {
      throw new TokenError(
        `no Azure token for ${scope}: ${(e as Error).message.split('\n')[0]} (sign in with az login, or use a managed identity)`,
      );
    }
    if (!token) throw new TokenError(`no Azure token for ${scope} (sign in with az login, or use a managed identity)`);
    return token.token;
  };
}

function defaultCredential(): Credential {
  // loaded on demand: @azure/identity is large and only the --azure check needs it
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DefaultAzureCredential } = require('@azure/identity') as typeof import('@azure/identity');
  return new DefaultAzureCredential();
}
