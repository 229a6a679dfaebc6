import { createLogger } from '@eshop/shared';
import { httpEvent as anyEvent, lambdaContext, signedInAs, verifyTestToken } from '@eshop/shared/testing';
import { describe, expect, it } from 'vitest';
import { aCheckout } from '../../test/support/checkout.js';
import { inMemoryOrders } from '../../test/support/in-memory-orders.js';
import { type Order, orderFromCheckout } from '../domain/order.js';
import { listOrdersHandler } from './list-orders.js';
import { listUserOrdersHandler } from './list-user-orders.js';

const logger = createLogger('ordering-test');
const verifyToken = verifyTestToken;
// Requests come from an admin (who may read everything) unless a test says otherwise.
const httpEvent = (input: Parameters<typeof anyEvent>[0] = {}) =>
  anyEvent({ ...input, headers: { ...signedInAs('boss', { admin: true }), ...input.headers } });
const context = lambdaContext();
const json = (response: { body?: string }) => JSON.parse(response.body ?? 'null');
const now = new Date('2026-12-01T08:00:00.000Z');
const anOrder = (userName: string, checkedOutAt: string): Order =>
  orderFromCheckout(aCheckout({ userName, checkedOutAt }), now);

const orders = [
  anOrder('swn', '2026-11-26T09:00:00.000Z'),
  anOrder('swn', '2026-11-27T10:00:00.000Z'),
  anOrder('swn', '2026-11-27T18:30:00.000Z'),
  anOrder('bob', '2026-11-27T12:00:00.000Z'),
];

describe('order handlers', () => {
  it('GET /order lists every order, page by page', async () => {
    const handler = listOrdersHandler({ logger, verifyToken, ...inMemoryOrders(orders) });

    const first = json(await handler(httpEvent({ query: { limit: '3' } }), context));
    const second = json(
      await handler(httpEvent({ query: { limit: '3', cursor: first.nextCursor } }), context),
    );

    expect(first.items).toHaveLength(3);
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeUndefined();
  });

  it('GET /order/{userName} lists the user’s orders, newest first', async () => {
    const handler = listUserOrdersHandler({ logger, verifyToken, ...inMemoryOrders(orders) });

    const response = await handler(httpEvent({ pathParameters: { userName: 'swn' } }), context);

    expect(response.statusCode).toBe(200);
    expect(json(response).items.map((o: Order) => o.orderDate)).toEqual([
      '2026-11-27T18:30:00.000Z',
      '2026-11-27T10:00:00.000Z',
      '2026-11-26T09:00:00.000Z',
    ]);
  });

  it('GET /order/{userName}?orderDate= filters by date prefix', async () => {
    const handler = listUserOrdersHandler({ logger, verifyToken, ...inMemoryOrders(orders) });

    const day = await handler(
      httpEvent({ pathParameters: { userName: 'swn' }, query: { orderDate: '2026-11-27' } }),
      context,
    );

    expect(json(day).items.map((o: Order) => o.orderDate)).toEqual([
      '2026-11-27T18:30:00.000Z',
      '2026-11-27T10:00:00.000Z',
    ]);
  });

  it('GET /order/{userName} for a user without orders answers 200 with no items', async () => {
    const handler = listUserOrdersHandler({ logger, verifyToken, ...inMemoryOrders(orders) });

    const response = await handler(httpEvent({ pathParameters: { userName: 'nobody' } }), context);

    expect(response.statusCode).toBe(200);
    expect(json(response)).toEqual({ items: [] });
  });

  it.each([
    ['a bad limit', { userName: 'swn' }, { limit: '0' }, '#/limit'],
    ['a bad date', { userName: 'swn' }, { orderDate: 'yesterday' }, '#/orderDate'],
    ['a bad user name', { userName: ' swn' }, {}, '#/userName'],
  ])('GET /order/{userName} with %s answers 400 problem+json', async (_, pathParameters, query, pointer) => {
    const handler = listUserOrdersHandler({ logger, verifyToken, ...inMemoryOrders(orders) });

    const response = await handler(httpEvent({ pathParameters, query }), context);

    expect(response.statusCode).toBe(400);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(json(response).errors[0].pointer).toBe(pointer);
  });
});

describe('order handlers: who may read what', () => {
  it('lets a user read their own orders and nobody else’s', async () => {
    const handler = listUserOrdersHandler({ logger, verifyToken, ...inMemoryOrders(orders) });

    const own = await handler(
      anyEvent({ pathParameters: { userName: 'swn' }, headers: signedInAs('swn') }),
      context,
    );
    const other = await handler(
      anyEvent({ pathParameters: { userName: 'swn' }, headers: signedInAs('bob') }),
      context,
    );

    expect(own.statusCode).toBe(200);
    expect(other.statusCode).toBe(403);
    expect(other.body).not.toContain('checkoutId');
  });

  it('keeps the all-orders listing for admins', async () => {
    const handler = listOrdersHandler({ logger, verifyToken, ...inMemoryOrders(orders) });

    expect((await handler(anyEvent({ headers: signedInAs('swn') }), context)).statusCode).toBe(403);
    expect((await handler(anyEvent(), context)).statusCode).toBe(401);
  });
});
