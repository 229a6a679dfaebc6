import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errors, exportJWK, generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { remoteKeySet } from './remote-key-set.js';

// A JWKS endpoint whose keys the test changes, counting the fetches it answers.
const startIssuer = async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const key = { ...(await exportJWK(publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
  const state = { keys: [key] as object[], fetches: 0, body: undefined as string | undefined };
  const server: Server = createServer((_request, response) => {
    state.fetches += 1;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(state.body ?? JSON.stringify({ keys: state.keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`);
  const mint = () =>
    new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: 'key-1' })
      .setExpirationTime('5m')
      .sign(privateKey);
  return { url, state, key, mint, stop: () => new Promise((resolve) => server.close(resolve)) };
};

let issuer: Awaited<ReturnType<typeof startIssuer>>;
afterEach(() => issuer?.stop());

describe('remoteKeySet', () => {
  it('fetches the keys once for many verifications, also when they start together', async () => {
    issuer = await startIssuer();
    const keys = remoteKeySet(issuer.url, { timeoutMs: 2000 });
    const token = await issuer.mint();

    await Promise.all([jwtVerify(token, keys), jwtVerify(token, keys), jwtVerify(token, keys)]);
    await jwtVerify(token, keys);

    expect(issuer.state.fetches).toBe(1);
  });

  it('fetches them again once they are older than the cache allows', async () => {
    issuer = await startIssuer();
    const keys = remoteKeySet(issuer.url, { timeoutMs: 2000, cacheMaxAgeMs: 0 });
    const token = await issuer.mint();

    await jwtVerify(token, keys);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await jwtVerify(token, keys);

    expect(issuer.state.fetches).toBe(2);
  });

  it('finds a rotated-in key by fetching again, but not more often than the cool-down', async () => {
    issuer = await startIssuer();
    issuer.state.keys = [];
    const patient = remoteKeySet(issuer.url, { timeoutMs: 2000, cooldownMs: 60_000 });
    const eager = remoteKeySet(issuer.url, { timeoutMs: 2000, cooldownMs: 0 });
    const token = await issuer.mint();
    await expect(jwtVerify(token, patient)).rejects.toThrow(errors.JWKSNoMatchingKey);
    await expect(jwtVerify(token, eager)).rejects.toThrow(errors.JWKSNoMatchingKey);
    const fetchesBeforeRotation = issuer.state.fetches;

    issuer.state.keys = [issuer.key];

    await expect(jwtVerify(token, patient)).rejects.toThrow(errors.JWKSNoMatchingKey);
    await expect(jwtVerify(token, eager)).resolves.toMatchObject({ protectedHeader: { kid: 'key-1' } });
    expect(issuer.state.fetches).toBe(fetchesBeforeRotation + 1);
  });

  it.each([
    ['JSON that is no key set', '{"message":"ok"}', errors.JWKSInvalid],
    [
      'a body larger than any key set',
      JSON.stringify({ keys: [], padding: 'x'.repeat(300 * 1024) }),
      /larger than/,
    ],
    ['a body that is not JSON', '<html></html>', SyntaxError],
  ])('rejects %s', async (_, body, reason) => {
    issuer = await startIssuer();
    issuer.state.body = body;

    await expect(
      jwtVerify(await issuer.mint(), remoteKeySet(issuer.url, { timeoutMs: 2000 })),
    ).rejects.toThrow(reason);
  });
});
