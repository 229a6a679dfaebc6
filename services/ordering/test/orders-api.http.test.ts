import { randomUUID } from 'node:crypto';
import { requestToken } from '@eshop/local-cloud';
import { localCloud, requestJson } from '@eshop/local-cloud/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Order, orderFromCheckout } from '../src/domain/order.js';
import { aCheckout } from './support/checkout.js';
import { localOrderTable } from './support/local-table.js';

// Over real HTTP against serverless-offline, which runs the esbuild bundles a deploy would ship.
const api = localCloud().apiUrl('ordering');
const table = localOrderTable();
const userName = `http-${randomUUID().slice(0, 8)}`;
const orders = [
  '2026-11-26T09:00:00.000Z',
  '2026-11-27T10:00:00.000Z',
  '2026-11-27T18:30:00.000Z',
  '2026-12-01T07:15:00.000Z',
].map((checkedOutAt) => orderFromCheckout(aCheckout({ userName, checkedOutAt }), new Date()));

const tokens = new Map<string, string>();
/** A real token from the local cloud's issuer; `boss` is an admin. */
const tokenFor = async (user: string) => {
  if (!tokens.has(user))
    tokens.set(user, await requestToken(localCloud().issuer, user, { admin: user === 'boss' }));
  return tokens.get(user) ?? '';
};

/** GET as `as` (default: an admin, who may read everything); `as: ''` sends no token. */
const get = async (path: string, as = 'boss') =>
  requestJson(`${api}${path}`, {
    headers: as === '' ? {} : { authorization: `Bearer ${await tokenFor(as)}` },
  });

const datesOf = (body: { items: Order[] }) => body.items.map((order) => order.orderDate);

beforeAll(async () => {
  for (const order of orders) await table.saveNewOrder(order);
});

afterAll(async () => {
  await table.deleteOrders(orders);
  table.documentClient.destroy();
});

describe('orders API over HTTP', () => {
  it('GET /order lists every order, following the cursor to the end', async () => {
    const seen: Order[] = [];
    let path = '/order?limit=2';
    for (let page = 0; page < 100; page++) {
      const response = await get(path);
      expect(response.status).toBe(200);
      seen.push(...response.json.items);
      if (response.json.nextCursor === undefined) break;
      path = `/order?limit=2&cursor=${response.json.nextCursor}`;
    }

    expect(
      seen
        .filter((o) => o.userName === userName)
        .map((o) => o.orderId)
        .sort(),
    ).toEqual(orders.map((o) => o.orderId).sort());
  });

  it('GET /order/{userName} answers the user’s orders newest first, without storage keys', async () => {
    const response = await get(`/order/${userName}`);

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json\b/);
    expect(datesOf(response.json)).toEqual([
      '2026-12-01T07:15:00.000Z',
      '2026-11-27T18:30:00.000Z',
      '2026-11-27T10:00:00.000Z',
      '2026-11-26T09:00:00.000Z',
    ]);
    expect(response.json.items[0]).toEqual(orders[3]);
  });

  it('GET /order/{userName}?orderDate= filters by a day, a month or a full timestamp', async () => {
    const day = await get(`/order/${userName}?orderDate=2026-11-27`);
    const month = await get(`/order/${userName}?orderDate=2026-11`);
    const instant = await get(
      `/order/${userName}?orderDate=${encodeURIComponent('2026-11-27T10:00:00.000Z')}`,
    );

    expect(datesOf(day.json)).toEqual(['2026-11-27T18:30:00.000Z', '2026-11-27T10:00:00.000Z']);
    expect(datesOf(month.json)).toHaveLength(3);
    expect(datesOf(instant.json)).toEqual(['2026-11-27T10:00:00.000Z']);
  });

  it('GET /order/{userName} pages with an opaque cursor', async () => {
    const first = await get(`/order/${userName}?limit=3`);
    const second = await get(`/order/${userName}?limit=3&cursor=${first.json.nextCursor}`);

    expect(datesOf(first.json)).toHaveLength(3);
    expect(typeof first.json.nextCursor).toBe('string');
    expect(datesOf(second.json)).toEqual(['2026-11-26T09:00:00.000Z']);
    expect(second.json.nextCursor).toBeUndefined();
  });

  it('GET /order/{userName} for a user without orders answers 200 with no items', async () => {
    const response = await get(`/order/nobody-${randomUUID()}`);

    expect(response.status).toBe(200);
    expect(response.json).toEqual({ items: [] });
  });

  describe('who may read what', () => {
    it('lets a user read their own orders', async () => {
      const response = await get(`/order/${userName}`, userName);

      expect(response.status).toBe(200);
      expect(response.json.items).toHaveLength(4);
    });

    it.each([
      ['GET /order/{userName} of another user', () => `/order/${userName}`, 'someone-else', 403],
      ['GET /order as a shopper', () => '/order', userName, 403],
      ['GET /order/{userName} without a token', () => `/order/${userName}`, '', 401],
      ['GET /order without a token', () => '/order', '', 401],
    ])('refuses %s', async (_, path, as, status) => {
      const response = await get(path(), as);

      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.text).not.toContain(orders[0]?.checkoutId ?? 'no-order');
    });
  });

  describe('bad input: 400 problem+json', () => {
    const foreignCursor = Buffer.from(JSON.stringify({ userName: 'someone-else', orderKey: 'x' })).toString(
      'base64url',
    );

    it.each([
      ['a bad limit', '/order?limit=0'],
      ['a limit too large', `/order/${userName}?limit=1000`],
      ['a forged cursor', '/order?cursor=eyJpZCI6MX0'],
      ['garbage as cursor', `/order/${userName}?cursor=%%%`],
      ['another user’s cursor', `/order/${userName}?cursor=${foreignCursor}`],
      ['a bad user name', `/order/${encodeURIComponent(' swn')}`],
      ['a user name too long', `/order/${'x'.repeat(129)}`],
      ['a bad date', `/order/${userName}?orderDate=last-week`],
    ])('%s', async (_, path) => {
      const response = await get(path);

      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.json).toMatchObject({ status: 400, type: expect.stringMatching(/^https:\/\//) });
      expect(response.text).not.toMatch(/at .+\.m?[jt]s:\d+/); // no stack frames
    });
  });
});
