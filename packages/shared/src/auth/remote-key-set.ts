import { createLocalJWKSet, errors, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';
import { getJson } from '../http-client/get-json.js';

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

/**
 * The issuer's signing keys at `url`, for `jwtVerify`: fetched on first use, kept for
 * `cacheMaxAgeMs`, fetched again (at most every `cooldownMs`) when a token names a key id they
 * don't have, as after a key rotation; lookups in flight together share one fetch.
 *
 * jose's `createRemoteJWKSet` does the same, but it builds a fetch `Headers` object as it is
 * created, which loads Node's fetch implementation (undici) at every cold start: about 35 ms
 * measured, more than the rest of jose. `getJson` fetches a JWKS as well, with the `http(s).get`
 * the AWS SDK has loaded already. A key set that cannot be fetched or is no key set rejects with
 * the reason; an unknown key id rejects with jose's `JWKSNoMatchingKey`.
 */
export const remoteKeySet = (
  url: URL,
  { timeoutMs, cacheMaxAgeMs = 600_000, cooldownMs = 30_000 }: RemoteKeySetOptions,
): JWTVerifyGetKey => {
  let keys: { find: JWTVerifyGetKey; fetchedAt: number } | undefined;
  let pending: Promise<NonNullable<typeof keys>> | undefined;
  const reload = () => {
    pending ??= getJson(url, {
      subject: 'The key set',
      timeoutMs,
      maxBytes: MAX_JWKS_BYTES,
      accept: 'application/json, application/jwk-set+json',
    })
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
