import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createTcpServer } from 'node:net';
import { errors, exportJWK, generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { remoteKeySet } from './remote-key-set.js';

// A JWKS endpoint whose keys the test changes, counting the fetches it answers.
const startIssuer = async () => {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const key = { ...(await exportJWK(publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
  const state = {
    keys: [key] as object[],
    fetches: 0,
    body: undefined as string | undefined,
    accept: undefined as string | undefined,
  };
  const server: Server = createServer((request, response) => {
    state.fetches += 1;
    state.accept = request.headers.accept;
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
afterEach(async () => {
  vi.restoreAllMocks();
  await issuer?.stop();
});

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

  it('asks for a key set', async () => {
    issuer = await startIssuer();

    await jwtVerify(await issuer.mint(), remoteKeySet(issuer.url, { timeoutMs: 2000 }));

    expect(issuer.state.accept).toBe('application/json, application/jwk-set+json');
  });

  it('keeps the keys for exactly cacheMaxAgeMs', async () => {
    issuer = await startIssuer();
    const keys = remoteKeySet(issuer.url, { timeoutMs: 2000, cacheMaxAgeMs: 60_000 });
    const token = await issuer.mint();
    const fetchedAt = Date.now();
    const now = vi.spyOn(Date, 'now').mockReturnValue(fetchedAt);
    await jwtVerify(token, keys);

    now.mockReturnValue(fetchedAt + 60_000);
    await jwtVerify(token, keys);
    expect(issuer.state.fetches).toBe(1);

    now.mockReturnValue(fetchedAt + 60_001);
    await jwtVerify(token, keys);
    expect(issuer.state.fetches).toBe(2);
  });

  it('fetches again for an unknown key once exactly cooldownMs have passed', async () => {
    issuer = await startIssuer();
    issuer.state.keys = [];
    const keys = remoteKeySet(issuer.url, { timeoutMs: 2000, cooldownMs: 30_000 });
    const token = await issuer.mint();
    const fetchedAt = Date.now();
    const now = vi.spyOn(Date, 'now').mockReturnValue(fetchedAt);
    await expect(jwtVerify(token, keys)).rejects.toThrow(errors.JWKSNoMatchingKey);
    issuer.state.keys = [issuer.key];

    now.mockReturnValue(fetchedAt + 29_999);
    await expect(jwtVerify(token, keys)).rejects.toThrow(errors.JWKSNoMatchingKey);
    expect(issuer.state.fetches).toBe(1);

    now.mockReturnValue(fetchedAt + 30_000);
    await expect(jwtVerify(token, keys)).resolves.toMatchObject({ protectedHeader: { kid: 'key-1' } });
    expect(issuer.state.fetches).toBe(2);
  });

  it('takes a key set of exactly the size limit (256 KiB)', async () => {
    issuer = await startIssuer();
    const bare = JSON.stringify({ keys: [issuer.key], padding: '' });
    issuer.state.body = JSON.stringify({ keys: [issuer.key], padding: 'x'.repeat(256 * 1024 - bare.length) });
    expect(Buffer.byteLength(issuer.state.body)).toBe(256 * 1024);

    await expect(
      jwtVerify(await issuer.mint(), remoteKeySet(issuer.url, { timeoutMs: 2000 })),
    ).resolves.toMatchObject({ protectedHeader: { kid: 'key-1' } });
  });

  it('speaks TLS to an https address', async () => {
    // A bare TCP server that keeps the first bytes it receives: a TLS handshake opens with 0x16.
    const received: Buffer[] = [];
    const tcp = createTcpServer((socket) => {
      socket.once('data', (data) => {
        received.push(data);
        socket.destroy();
      });
    });
    await new Promise<void>((resolve) => tcp.listen(0, '127.0.0.1', resolve));
    const { port } = tcp.address() as AddressInfo;
    const { privateKey } = await generateKeyPair('RS256');
    const token = await new SignJWT({}).setProtectedHeader({ alg: 'RS256' }).sign(privateKey);
    try {
      await expect(
        jwtVerify(token, remoteKeySet(new URL(`https://127.0.0.1:${port}/jwks.json`), { timeoutMs: 2000 })),
      ).rejects.toThrow();

      expect(received[0]?.[0]).toBe(0x16);
    } finally {
      await new Promise((resolve) => tcp.close(resolve));
    }
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
