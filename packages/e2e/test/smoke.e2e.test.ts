import { randomBytes, randomUUID } from 'node:crypto';
import type { CognitoTokens } from '@eshop/local-cloud';
import { localCloud, requestJson } from '@eshop/local-cloud/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deployedTarget, localTarget, type SmokeTarget } from '../smoke/targets.js';

// The smoke suite: a shopper's journey and the access rules, over HTTP, with real tokens. In
// `pnpm test` against the local cloud (so it cannot rot); with `pnpm smoke --stage <stage>`
// (SMOKE_STAGE) against a deployed stage, with temporary Cognito users it creates and deletes.
const stage = process.env.SMOKE_STAGE;
const target: SmokeTarget =
  stage === undefined
    ? localTarget(localCloud())
    : await deployedTarget(stage, process.env.SMOKE_REGION ?? 'us-east-1');

const run = randomBytes(4).toString('hex');
const shopperName = `smoke-${run}`;
const otherName = `smoke-other-${run}`;
let admin: CognitoTokens;
let shopper: CognitoTokens;
let productId: string | undefined;
const PRICE = 1234;

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const call = (
  api: keyof SmokeTarget['apis'],
  method: string,
  path: string,
  { token, body, headers = {} }: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
) =>
  requestJson(`${target.apis[api]}${path}`, {
    method,
    body,
    headers: { ...(token === undefined ? {} : bearer(token)), ...headers },
  });

describe(`smoke: ${target.description}`, () => {
  beforeAll(async () => {
    admin = await target.signUp(`smoke-admin-${run}`, { admin: true });
    shopper = await target.signUp(shopperName, { admin: false });
  });
  afterAll(async () => {
    if (productId !== undefined)
      await call('product', 'DELETE', `/product/${productId}`, { token: admin.idToken });
    await target.cleanUp();
  });

  it('lists the catalog without a token', async () => {
    const { status, json } = await call('product', 'GET', '/product?limit=5');
    expect(status).toBe(200);
    expect(Array.isArray(json.items)).toBe(true);
  });

  it('lets an admin add a product, which anyone can read', async () => {
    const created = await call('product', 'POST', '/product', {
      token: admin.idToken,
      body: {
        name: `Smoke test mug ${run}`,
        description: 'Created and deleted by the smoke suite',
        category: 'smoke-test',
        price: PRICE,
        imageUrl: 'https://img.example/mug.jpg',
      },
    });
    expect(created.status, created.text).toBe(201);
    productId = created.json.id;
    expect(created.headers.get('location')).toBe(`/product/${productId}`);

    const read = await call('product', 'GET', `/product/${productId}`);
    expect(read.status).toBe(200);
    expect(read.json.price).toBe(PRICE);
  });

  it('fills the shopper’s basket, priced from the catalog, with either of the shopper’s tokens', async () => {
    const saved = await call('basket', 'POST', '/basket', {
      token: shopper.idToken,
      body: { userName: shopperName, items: [{ productId, quantity: 2 }] },
    });
    expect(saved.status, saved.text).toBe(201);

    for (const token of [shopper.idToken, shopper.accessToken]) {
      const basket = await call('basket', 'GET', `/basket/${shopperName}`, { token });
      expect(basket.status, basket.text).toBe(200);
      expect(basket.json.total).toBe(2 * PRICE);
    }
  });

  it('checks out, and the order appears in ordering', async () => {
    const checkout = await call('basket', 'POST', '/basket/checkout', {
      token: shopper.idToken,
      headers: { 'idempotency-key': randomUUID() },
      body: {
        userName: shopperName,
        firstName: 'Smoke',
        lastName: 'Test',
        email: `${shopperName}@example.com`,
        address: '1 Test Street',
        paymentMethod: 1,
        cardInfo: '4242 4242 4242 4242',
      },
    });
    expect(checkout.status, checkout.text).toBe(202);
    const { checkoutId } = checkout.json;

    const deadline = Date.now() + target.orderWithinMs;
    let order: { checkoutId: string; total: number } | undefined;
    while (order === undefined && Date.now() < deadline) {
      const orders = await call('ordering', 'GET', `/order/${shopperName}`, { token: shopper.accessToken });
      expect(orders.status, orders.text).toBe(200);
      order = orders.json.items.find((o: { checkoutId: string }) => o.checkoutId === checkoutId);
      if (order === undefined) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(order?.total).toBe(2 * PRICE);
  });

  it.each([
    ['no token', {}],
    ['a token that is not a JWT', bearer('not-a-token')],
    ['a token whose signature was tampered with', { tampered: true }],
  ])('answers 401 to %s', async (_, how) => {
    const headers =
      'tampered' in how ? bearer(`${shopper.idToken.slice(0, -4)}AAAA`) : (how as Record<string, string>);
    const { status } = await call('basket', 'GET', `/basket/${shopperName}`, { headers });
    expect(status).toBe(401);
  });

  it.each([
    ['another user’s basket', 'basket', 'GET', `/basket/${otherName}`],
    ['another user’s orders', 'ordering', 'GET', `/order/${otherName}`],
    ['every basket (admins only)', 'basket', 'GET', '/basket'],
    ['every order (admins only)', 'ordering', 'GET', '/order'],
  ] as const)('answers 403 to a shopper asking for %s', async (_, api, method, path) => {
    const { status } = await call(api, method, path, { token: shopper.idToken });
    expect(status).toBe(403);
  });

  it('answers 403 to a shopper writing the catalog', async () => {
    const { status } = await call('product', 'DELETE', `/product/${productId}`, { token: shopper.idToken });
    expect(status).toBe(403);
  });

  it('lets the admin remove the product', async () => {
    expect((await call('product', 'DELETE', `/product/${productId}`, { token: admin.idToken })).status).toBe(
      204,
    );
    expect((await call('product', 'GET', `/product/${productId}`)).status).toBe(404);
    productId = undefined;
  });
});
