import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { createTableLike } from '@eshop/local-cloud';
import { dynamoDbCancellingTransactions, localCloud } from '@eshop/local-cloud/testing';
import { ValidationError } from '@eshop/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { type Order, orderFromCheckout } from '../src/domain/order.js';
import { orderKey, orderTable } from '../src/store/order-table.js';
import { aCheckout } from './support/checkout.js';
import { localOrderTable } from './support/local-table.js';

// Against DynamoDB Local with the table created from serverless.yml: no mocks.
const table = localOrderTable();
const userName = `table-${randomUUID().slice(0, 8)}`;
const saved: Order[] = [];

const save = async (checkedOutAt: string, user = userName) => {
  const order = orderFromCheckout(aCheckout({ userName: user, checkedOutAt }), new Date());
  saved.push(order);
  await table.saveNewOrder(order);
  return order;
};

afterAll(async () => {
  await table.deleteOrders(saved);
  table.documentClient.destroy();
});

describe('order table', () => {
  it('throws when DynamoDB cancels the transaction for a conflict: retried, never taken for a duplicate', async () => {
    const { documentClient, stop } = await dynamoDbCancellingTransactions();
    try {
      const conflicted = orderTable(documentClient, table.tableName);
      const order = orderFromCheckout(aCheckout({ userName }), new Date());

      await expect(conflicted.saveNewOrder(order)).rejects.toMatchObject({
        name: 'TransactionCanceledException',
      });
      const { items } = await table.listUserOrders({ userName, limit: 100 });
      expect(items.map(({ checkoutId }) => checkoutId)).not.toContain(order.checkoutId);
    } finally {
      await stop();
    }
  });

  it('saves an order once: the same key again is reported, not overwritten', async () => {
    const order = await save('2026-10-01T00:00:00.000Z');

    await expect(table.saveNewOrder({ ...order, total: 1 })).resolves.toEqual({
      placed: false,
      existing: order,
    });
    const { items } = await table.listUserOrders({ userName, orderDate: '2026-10-01', limit: 10 });
    expect(items).toEqual([order]);
  });

  it('guards on the checkout id alone: a second order for the same checkout at another time is refused', async () => {
    const order = await save('2026-10-02T00:00:00.000Z');
    const sameCheckoutLater = { ...order, orderDate: '2026-10-02T00:00:09.000Z' };
    saved.push(sameCheckoutLater);

    const again = await table.saveNewOrder(sameCheckoutLater);

    expect(again).toEqual({ placed: false, existing: order });
    const { items } = await table.listUserOrders({ userName, orderDate: '2026-10-02', limit: 10 });
    expect(items).toEqual([order]);
  });

  it('pages through a user’s orders newest first, filtered by date prefix', async () => {
    const user = `${userName}-pages`;
    for (const time of ['T08', 'T09', 'T10', 'T11', 'T12']) await save(`2026-11-27${time}:00:00.000Z`, user);
    await save('2026-11-28T08:00:00.000Z', user);

    const dates: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await table.listUserOrders({ userName: user, orderDate: '2026-11-27', limit: 2, cursor });
      dates.push(...page.items.map((o) => o.orderDate));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== undefined && pages < 10);

    expect(dates).toEqual([
      '2026-11-27T12:00:00.000Z',
      '2026-11-27T11:00:00.000Z',
      '2026-11-27T10:00:00.000Z',
      '2026-11-27T09:00:00.000Z',
      '2026-11-27T08:00:00.000Z',
    ]);
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  // An order stored before checkout guards existed has no guard: its own key still finds it.
  it('reports an order stored without a guard as already placed, not as new', async () => {
    const order = orderFromCheckout(
      aCheckout({ userName, checkedOutAt: '2026-10-03T00:00:00.000Z' }),
      new Date(),
    );
    saved.push(order);
    await table.documentClient.send(
      new PutCommand({ TableName: table.tableName, Item: { ...order, ...orderKey(order) } }),
    );

    await expect(table.saveNewOrder(order)).resolves.toEqual({ placed: false, existing: order });
  });

  it('pages through all of a user’s orders without a date filter', async () => {
    const user = `${userName}-all`;
    const placed = [
      await save('2026-11-03T00:00:00.000Z', user),
      await save('2026-11-04T00:00:00.000Z', user),
    ];

    const first = await table.listUserOrders({ userName: user, limit: 1 });
    const second = await table.listUserOrders({ userName: user, limit: 1, cursor: first.nextCursor });

    expect([...first.items, ...second.items]).toEqual(placed.reverse());
  });

  it('rejects a cursor issued for another user instead of failing in DynamoDB', async () => {
    const user = `${userName}-cursor`;
    await save('2026-11-01T00:00:00.000Z', user);
    await save('2026-11-02T00:00:00.000Z', user);
    const page = await table.listUserOrders({ userName: user, limit: 1 });

    await expect(
      table.listUserOrders({ userName: 'someone-else', limit: 1, cursor: page.nextCursor }),
    ).rejects.toThrow(ValidationError);
  });

  it('lists every order once across pages of any size, and never a checkout guard', async () => {
    const privateTable = `orders-list-${randomUUID().slice(0, 8)}`;
    const drop = await createTableLike(localCloud().endpoints.dynamodb, table.tableName, privateTable);
    try {
      const orders = orderTable(table.documentClient, privateTable);
      const placed = Array.from({ length: 5 }, (_, n) =>
        orderFromCheckout(
          aCheckout({ userName: `lister-${n}`, checkedOutAt: `2026-09-0${n + 1}T00:00:00.000Z` }),
          new Date(),
        ),
      );
      for (const order of placed) expect(await orders.saveNewOrder(order)).toEqual({ placed: true });

      for (const limit of [1, 2, 3, 10]) {
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const page = await orders.listOrders({ limit, cursor });
          expect(page.items.length).toBeLessThanOrEqual(limit);
          seen.push(...page.items.map((order) => order.orderId));
          cursor = page.nextCursor;
          pages += 1;
        } while (cursor !== undefined && pages < 50);

        expect(seen.sort()).toEqual(placed.map((order) => order.orderId).sort());
      }
    } finally {
      await drop();
    }
  });
});
