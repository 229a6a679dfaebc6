import { randomUUID } from 'node:crypto';
import { LOCAL_AUDIENCE, requestToken, startDevIssuer } from '@eshop/local-cloud';
import { localCloud, requestJson } from '@eshop/local-cloud/testing';
import { describe, expect, it } from 'vitest';

// Tokens the services must refuse, over real HTTP on every protected route of the running system.
const services = localCloud().services;
const issuer = localCloud().issuer;
const user = `auth-${randomUUID().slice(0, 8)}`;

const protectedRoutes: [service: string, method: string, path: string, body?: unknown][] = [
  ['product', 'POST', '/product', { name: 'Lamp', category: 'home', price: 100 }],
  ['product', 'PUT', '/product/6a1c0000-0000-4000-8000-000000000001', { price: 1 }],
  ['product', 'DELETE', '/product/6a1c0000-0000-4000-8000-000000000001'],
  ['basket', 'GET', '/basket'],
  ['basket', 'GET', `/basket/${user}`],
  ['basket', 'POST', '/basket', { userName: user, items: [] }],
  ['basket', 'DELETE', `/basket/${user}`],
  [
    'basket',
    'POST',
    '/basket/checkout',
    { userName: user, firstName: 'A', lastName: 'B', email: 'a@b.example', address: 'x', paymentMethod: 1 },
  ],
  ['ordering', 'GET', '/order'],
  ['ordering', 'GET', `/order/${user}`],
];

const call = async ([service, method, path, body]: (typeof protectedRoutes)[number], token?: string) => {
  const response = await requestJson(`${services[service]}${path}`, {
    method,
    body,
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });
  return { status: response.status, type: response.headers.get('content-type') };
};

const tamper = (token: string) => {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'));
  const forged = Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['admin'] })).toString(
    'base64url',
  );
  return `${header}.${forged}.${signature}`;
};

describe('tokens the system refuses (401 problem+json on every protected route)', async () => {
  const elsewhere = await startDevIssuer({ port: 0 });
  const badTokens: [string, string | undefined][] = [
    ['no token', undefined],
    ['an expired token', await requestToken(issuer, user, { expiresInSeconds: -120 })],
    ['a token without an expiry', await requestToken(issuer, user, { claims: { exp: null } })],
    ['a token for another audience', await requestToken(issuer, user, { audience: 'another-app' })],
    [
      'an access token for another app client',
      await requestToken(issuer, user, { tokenUse: 'access', audience: 'another-app' }),
    ],
    ['a token from another issuer', await elsewhere.mint({ userName: user, groups: ['admin'] })],
    [
      'a token naming another issuer, signed with the real key',
      await requestToken(issuer, user, { admin: true, issuer: 'https://issuer.elsewhere.example' }),
    ],
    ['a tampered token', tamper(await requestToken(issuer, user))],
    [
      'a token that is neither an ID nor an access token',
      await requestToken(issuer, user, { claims: { token_use: 'refresh' } }),
    ],
    [
      'an access token naming its client in aud, without client_id',
      await requestToken(issuer, user, {
        tokenUse: 'access',
        claims: { client_id: null, aud: LOCAL_AUDIENCE },
      }),
    ],
    [
      'an ID token naming its user in username only',
      await requestToken(issuer, user, { claims: { 'cognito:username': null, username: user } }),
    ],
  ];
  await elsewhere.stop();

  it.each(badTokens)('%s', async (_, token) => {
    for (const route of protectedRoutes) {
      const response = await call(route, token);

      expect(response.status, `${route[1]} ${route[2]}`).toBe(401);
      expect(response.type).toBe('application/problem+json');
    }
  });

  it.each(['id', 'access'] as const)(
    'lets a valid %s token through to the authorization rules (403 for what is not yours)',
    async (tokenUse) => {
      const token = await requestToken(issuer, `not-${user}`, { tokenUse });

      const statuses = await Promise.all(
        protectedRoutes.map((route) => call(route, token).then((r) => r.status)),
      );

      expect(statuses).toEqual(Array(protectedRoutes.length).fill(403));
    },
  );
});

describe('tokens the system accepts, shaped like Cognito’s', () => {
  const get = (service: string, path: string, token: string) =>
    call([service, 'GET', path], token).then((response) => response.status);

  it('an access token reaches its user’s own data', async () => {
    const token = await requestToken(issuer, user, { tokenUse: 'access' });

    expect(await get('ordering', `/order/${user}`, token)).toBe(200);
  });

  it('an admin’s access token reaches the admin-only lists', async () => {
    const token = await requestToken(issuer, `boss-${user}`, { admin: true, tokenUse: 'access' });

    expect(await get('ordering', '/order', token)).toBe(200);
    expect(await get('basket', '/basket', token)).toBe(200);
  });

  it('grants nothing for a plain groups claim: only cognito:groups makes an admin', async () => {
    const token = await requestToken(issuer, user, { claims: { groups: ['admin'] } });

    expect(await get('ordering', '/order', token)).toBe(403);
    expect(await get('basket', '/basket', token)).toBe(403);
  });
});
