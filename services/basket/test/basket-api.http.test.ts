import { requestToken } from '@eshop/local-cloud';
import { localCloud, requestJson } from '@eshop/local-cloud/testing';
import { userNameSchema } from '@eshop/shared';
import { originalClientCheckoutBody } from '@eshop/shared/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { localBasketDependencies, SEEDED, uniqueUser } from './support/local-basket.js';

// Over real HTTP: basket under serverless-offline, pricing from product under serverless-offline.
const api = localCloud().apiUrl('basket');
const deps = localBasketDependencies();

afterAll(() => {
  deps.documentClient.destroy();
  deps.eventBridge.destroy();
});

const tokens = new Map<string, string>();
/** A real token from the local cloud's issuer for `userName` (admins: `boss`). */
const bearer = async (userName: string) => {
  if (!tokens.has(userName)) {
    tokens.set(userName, await requestToken(localCloud().issuer, userName, { admin: userName === 'boss' }));
  }
  return `Bearer ${tokens.get(userName)}`;
};

/** Sends as `as` (default: the user the path or body names); `as: ''` sends no token. */
const send = async (
  method: string,
  path: string,
  body?: unknown,
  { as, ...headers }: Record<string, string> & { as?: string } = {},
) => {
  // By default, act as the user the request is about (body first: /basket/checkout is no user).
  const named = decodeURIComponent(
    (body as { userName?: string } | undefined)?.userName ??
      path.match(/^\/basket\/([^/?]+)$/)?.[1] ??
      'boss',
  );
  const who = as ?? (userNameSchema.safeParse(named).success ? named : 'boss');
  const authorization: Record<string, string> = who === '' ? {} : { authorization: await bearer(who) };
  return requestJson(`${api}${path}`, { method, body, headers: { ...authorization, ...headers } });
};

describe('basket API over HTTP', () => {
  it('creates, reads priced, replaces, lists and deletes a basket (original client shapes)', async () => {
    const userName = uniqueUser('swn');
    // The original reference's clients send productName and price: both are ignored.
    const createdBasket = await send('POST', '/basket', {
      userName,
      items: [
        { productId: SEEDED.pixelFold.id, quantity: 1, color: 'Black', productName: 'cheap phone', price: 1 },
        { productId: SEEDED.airPods.id, quantity: 2 },
        { productId: SEEDED.airPods.id, quantity: 1 },
      ],
    });

    expect(createdBasket.status).toBe(201);
    expect(createdBasket.headers.get('location')).toBe(`/basket/${userName}`);

    const read = await send('GET', `/basket/${userName}`);
    expect(read.status).toBe(200);
    expect(read.json).toMatchObject({
      userName,
      items: [
        {
          productId: SEEDED.pixelFold.id,
          productName: SEEDED.pixelFold.name,
          unitPrice: SEEDED.pixelFold.price,
          quantity: 1,
          color: 'Black',
        },
        {
          productId: SEEDED.airPods.id,
          unitPrice: SEEDED.airPods.price,
          quantity: 3,
          lineTotal: 3 * SEEDED.airPods.price,
        },
      ],
      total: SEEDED.pixelFold.price + 3 * SEEDED.airPods.price,
      currency: 'USD',
    });

    const replaced = await send('POST', '/basket', {
      userName,
      items: [{ productId: SEEDED.sdCard.id, quantity: 4 }],
    });
    expect(replaced.status).toBe(200);
    expect(replaced.json.total).toBe(4 * SEEDED.sdCard.price);

    const listed = await send('GET', '/basket?limit=100');
    expect(listed.status).toBe(200);
    expect(listed.json.items.some((b: { userName: string }) => b.userName === userName)).toBe(true);

    expect((await send('DELETE', `/basket/${userName}`)).status).toBe(204);
    expect((await send('GET', `/basket/${userName}`)).json).toMatchObject({ userName, items: [], total: 0 });
  });

  it('gives an empty basket, not 404, to a user with none', async () => {
    const response = await send('GET', `/basket/${uniqueUser('nobody')}`);

    expect(response.status).toBe(200);
    expect(response.json.items).toEqual([]);
  });

  it('checks out with the original client body and an Idempotency-Key', async () => {
    const userName = uniqueUser('buyer');
    await send('POST', '/basket', { userName, items: [{ productId: SEEDED.airPods.id, quantity: 2 }] });
    const body = originalClientCheckoutBody(userName);

    const first = await send('POST', '/basket/checkout', body, { 'idempotency-key': `k-${userName}` });
    const again = await send('POST', '/basket/checkout', body, { 'idempotency-key': `k-${userName}` });

    expect(first.status).toBe(202);
    expect(first.json).toMatchObject({ total: 2 * SEEDED.airPods.price, status: 'ACCEPTED' });
    expect(again.json.checkoutId).toBe(first.json.checkoutId);
    expect((await send('GET', `/basket/${userName}`)).json.items).toEqual([]);
  });

  describe('who may do what', () => {
    const owner = uniqueUser('owner');

    it.each([
      ['GET', `/basket/${owner}`, undefined],
      ['DELETE', `/basket/${owner}`, undefined],
      ['POST', '/basket', { userName: owner, items: [] }],
      [
        'POST',
        '/basket/checkout',
        {
          userName: owner,
          firstName: 'A',
          lastName: 'B',
          email: 'a@b.example',
          address: 'x',
          paymentMethod: 1,
        },
      ],
    ])(
      '%s %s: 401 without a token, 403 as another user, allowed for an admin',
      async (method, path, body) => {
        await send('POST', '/basket', {
          userName: owner,
          items: [{ productId: SEEDED.sdCard.id, quantity: 1 }],
        });

        const anonymous = await send(method, path, body, { as: '' });
        const intruder = await send(method, path, body, { as: uniqueUser('intruder') });

        expect(anonymous.status).toBe(401);
        expect(anonymous.headers.get('content-type')).toBe('application/problem+json');
        expect(intruder.status).toBe(403);
        expect((await deps.findBasket(owner))?.lines).toHaveLength(1);
        const admin = await send(method, path, body, { as: 'boss' });
        expect(admin.status).toBeLessThan(300);
      },
    );

    it('lists every basket only for admins', async () => {
      expect((await send('GET', '/basket', undefined, { as: uniqueUser('shopper') })).status).toBe(403);
      expect((await send('GET', '/basket', undefined, { as: 'boss' })).status).toBe(200);
    });

    it.each([
      ['a garbage token', 'Bearer a.b.c'],
      ['a token-less scheme', 'Basic Ym9zczpwdw=='],
    ])('rejects %s with 401', async (_, authorization) => {
      const response = await send('GET', `/basket/${owner}`, undefined, { as: '', authorization });

      expect(response.status).toBe(401);
    });
  });

  describe('bad input: 4xx problem+json and nothing written', () => {
    const userName = uniqueUser('bad');
    const buyer = {
      userName,
      firstName: 'A',
      lastName: 'B',
      email: 'a@b.example',
      address: 'x',
      paymentMethod: 'card',
    };
    it.each([
      ['malformed JSON', 'POST', '/basket', '{"userName":', 400],
      ['no items', 'POST', '/basket', { userName }, 422],
      [
        'a zero quantity',
        'POST',
        '/basket',
        { userName, items: [{ productId: SEEDED.sdCard.id, quantity: 0 }] },
        422,
      ],
      [
        'a fractional quantity',
        'POST',
        '/basket',
        { userName, items: [{ productId: SEEDED.sdCard.id, quantity: 1.5 }] },
        422,
      ],
      [
        'a huge quantity',
        'POST',
        '/basket',
        { userName, items: [{ productId: SEEDED.sdCard.id, quantity: 100000 }] },
        422,
      ],
      [
        'merged quantities over the limit',
        'POST',
        '/basket',
        {
          userName,
          items: [
            { productId: SEEDED.sdCard.id, quantity: 60 },
            { productId: SEEDED.sdCard.id, quantity: 60 },
          ],
        },
        422,
      ],
      [
        'an unknown product',
        'POST',
        '/basket',
        { userName, items: [{ productId: 'no-such-product', quantity: 1 }] },
        422,
      ],
      ['a bad user name', 'POST', '/basket', { userName: 'a b/c', items: [] }, 422],
      [
        'an unknown field under Prefer: handling=strict',
        'POST',
        '/basket',
        { userName, items: [], coupon: 'FREE' },
        422,
        { prefer: 'handling=strict' },
      ],
      [
        'a 1 MB body',
        'POST',
        '/basket',
        JSON.stringify({ userName, items: [], pad: 'x'.repeat(1024 * 1024) }),
        413,
      ],
      ['a bad user in the path', 'GET', '/basket/%20%20', undefined, 400],
      ['a bad limit', 'GET', '/basket?limit=-1', undefined, 400],
      ['a forged cursor', 'GET', '/basket?cursor=eyJ1c2VyTmFtZSI6MX0', undefined, 400],
      ['a checkout without buyer fields', 'POST', '/basket/checkout', { userName }, 422],
      ['a checkout with a bad email', 'POST', '/basket/checkout', { ...buyer, email: 'not-an-email' }, 422],
      ['a checkout with a bad card', 'POST', '/basket/checkout', { ...buyer, cardInfo: 'abcd' }, 422],
      ['a checkout of an empty basket', 'POST', '/basket/checkout', buyer, 409],
    ])('%s', async (_, method, path, body, status, headers?: Record<string, string>) => {
      const response = await send(method, path, body, headers);

      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.json.status).toBe(status);
      expect(response.text).not.toMatch(/at .+\.m?[jt]s:\d+/);
      await expect(deps.findBasket(userName)).resolves.toBeUndefined();
    });

    it('names the unknown product and where it is', async () => {
      const response = await send('POST', '/basket', {
        userName,
        items: [
          { productId: SEEDED.sdCard.id, quantity: 1 },
          { productId: 'ghost-1', quantity: 1 },
        ],
      });

      expect(response.json.errors).toEqual([
        { in: 'body', pointer: '#/items/1/productId', detail: 'No product ghost-1 in the catalog' },
      ]);
    });

    it('rejects a malformed Idempotency-Key with 400', async () => {
      const response = await send('POST', '/basket/checkout', buyer, { 'idempotency-key': 'short' });

      expect(response.status).toBe(400);
      expect(response.json.errors[0]).toMatchObject({ in: 'header' });
    });
  });
});
