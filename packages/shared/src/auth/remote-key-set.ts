import { get as httpGet, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';

export interface RemoteKeySetOptions {
  /** Longest wait for the key set, in all (connecting, answering, reading). */
  timeoutMs: number;
  /** How long fetched keys are used before they are fetched again (default 10 min). */
  cacheMaxAgeMs?: number;
  /** A token whose key id is unknown refetches the keys at most this often (default 30 s). */
  cooldownMs?: number;
}

/** A JWKS is a few keys: anything much larger is not one. */
const MAX_JWKS_BYTES = 256 * 1024;

const getJson = (url: URL, timeoutMs: number): Promise<unknown> =>
  new Promise((resolve, reject) => {
    const get = url.protocol === 'https:' ? httpsGet : httpGet;
    const request = get(
      url,
      { headers: { accept: 'application/json, application/jwk-set+json' } },
      (response) => {
        readJson(response).then(resolve, reject);
      },
    );
    const deadline = setTimeout(
      () => request.destroy(new Error(`The key set did not arrive within ${timeoutMs} ms`)),
      timeoutMs,
    );
    request.once('close', () => clearTimeout(deadline));
    request.once('error', reject);
  });

const readJson = async (response: IncomingMessage): Promise<unknown> => {
  if (response.statusCode !== 200) {
    response.resume();
    throw new Error(`The key set's address answered ${response.statusCode}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_JWKS_BYTES) throw new Error(`The key set is larger than ${MAX_JWKS_BYTES} bytes`);
    chunks.push(chunk);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
};

/**
 * The issuer's signing keys at `url`, for `jwtVerify`: fetched on first use, kept for
 * `cacheMaxAgeMs`, fetched again (at most every `cooldownMs`) when a token names a key id they
 * don't have, as after a key rotation; lookups in flight together share one fetch.
 *
 * jose's `createRemoteJWKSet` does the same, but it builds a fetch `Headers` object as it is
 * created, which loads Node's fetch implementation (undici) at every cold start: about 35 ms
 * measured, more than the rest of jose. Node's `http(s).get`, which the AWS SDK has loaded
 * already, fetches a JWKS as well. A key set that cannot be fetched or is no key set rejects
 * with the reason; an unknown key id rejects with jose's `JWKSNoMatchingKey`.
 */
export const remoteKeySet = (
  url: URL,
  { timeoutMs, cacheMaxAgeMs = 600_000, cooldownMs = 30_000 }: RemoteKeySetOptions,
): JWTVerifyGetKey => {
  let keys: { find: JWTVerifyGetKey; fetchedAt: number } | undefined;
  let pending: Promise<NonNullable<typeof keys>> | undefined;
  const reload = () => {
    pending ??= getJson(url, timeoutMs)
      .then((jwks) => {
        // Throws JWKSInvalid for anything that is not a key set.
        keys = { find: createLocalJWKSet(jwks as JSONWebKeySet), fetchedAt: Date.now() };
        return keys;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
  return async (header, token) => {
    const current =
      keys !== undefined && Date.now() - keys.fetchedAt <= cacheMaxAgeMs ? keys : await reload();
    try {
      return await current.find(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey) || Date.now() - current.fetchedAt < cooldownMs)
        throw error;
      return (await reload()).find(header, token);
    }
  };
};
