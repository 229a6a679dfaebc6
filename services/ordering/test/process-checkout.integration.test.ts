import { randomUUID } from 'node:crypto';
import { createLogger, createMetricCounter } from '@eshop/shared';
import { captureStdout, lambdaContext, metricsIn } from '@eshop/shared/testing';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Order } from '../src/domain/order.js';
import type { SaveNewOrder } from '../src/domain/ports.js';
import { processCheckoutHandler } from '../src/handlers/process-checkout.js';
import { aCheckout, checkoutRecord, envelopeOf, sqsEvent, sqsRecord } from './support/checkout.js';
import { differentOrderLogged } from './support/consumer-logs.js';
import { localOrderTable } from './support/local-table.js';

// The consumer against DynamoDB Local with the table created from serverless.yml: no mocks.
const table = localOrderTable();
const logger = createLogger('ordering-it');
const countMetric = createMetricCounter('ordering');
const now = () => new Date();
const context = lambdaContext('processCheckout');
// A user of our own per run keeps these tests independent of every other test's data.
const userName = `it-${randomUUID().slice(0, 8)}`;
const stored: Order[] = [];

const consumer = (saveNewOrder: SaveNewOrder = table.saveNewOrder) =>
  processCheckoutHandler({ logger, countMetric, now, saveNewOrder });

const ordersOfUser = async () => (await table.listUserOrders({ userName, limit: 100 })).items;

afterAll(async () => {
  await table.deleteOrders([...stored, ...(await ordersOfUser())]);
  table.documentClient.destroy();
});

describe('processCheckout against DynamoDB Local', () => {
  it('turns the same checkout delivered twice into exactly one order', async () => {
    const checkout = aCheckout({ userName, checkedOutAt: '2026-11-27T10:00:00.000Z' });
    const handler = consumer();

    const first = await handler(sqsEvent(checkoutRecord(checkout, 'm-1')), context);
    const second = await handler(sqsEvent(checkoutRecord(checkout, 'm-2')), context);

    expect(first).toEqual({ batchItemFailures: [] });
    expect(second).toEqual({ batchItemFailures: [] });
    const orders = (await ordersOfUser()).filter((o) => o.checkoutId === checkout.checkoutId);
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({
      checkoutId: checkout.checkoutId,
      status: 'PLACED',
      orderDate: '2026-11-27T10:00:00.000Z',
      total: checkout.total,
      items: checkout.items,
    });
  });

  it('places one order per checkout id: a different event for a placed checkout is logged and reported failed', async () => {
    const checkout = aCheckout({ userName, checkedOutAt: '2026-11-27T11:00:00.000Z' });
    // The same checkout id with another time (and so another table key), and with another total.
    const laterTime = { ...checkout, checkedOutAt: '2026-11-27T11:00:05.000Z' };
    // And the same checkout id with a second, different item (the total follows).
    const extra = { productId: 'p-9', productName: 'Cup', quantity: 1, unitPrice: 500, lineTotal: 500 };
    const changed = {
      ...checkout,
      items: [...checkout.items, extra],
      total: checkout.total + extra.lineTotal,
    };
    const errors = vi.spyOn(logger, 'error');

    const first = await consumer()(sqsEvent(checkoutRecord(checkout, 'm-1')), context);
    const conflicting = await consumer()(
      sqsEvent(
        checkoutRecord(laterTime, 'm-2'),
        checkoutRecord(changed, 'm-3'),
        checkoutRecord(checkout, 'm-4'),
      ),
      context,
    );

    expect(first).toEqual({ batchItemFailures: [] });
    expect(conflicting.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['m-2', 'm-3']);
    const orders = (await ordersOfUser()).filter((o) => o.checkoutId === checkout.checkoutId);
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ orderDate: checkout.checkedOutAt, total: checkout.total });
    expect(errors).toHaveBeenCalledWith(
      ...differentOrderLogged({
        messageId: 'm-2',
        checkoutId: checkout.checkoutId,
        differences: ['orderDate'],
      }),
    );
    expect(errors).toHaveBeenCalledWith(
      ...differentOrderLogged({ messageId: 'm-3', differences: ['items', 'total'] }),
    );
    errors.mockRestore();
  });

  it('stores the good records of a batch and reports only the poison one', async () => {
    const good = [
      aCheckout({ userName, checkedOutAt: '2026-11-28T09:00:00.000Z' }),
      aCheckout({ userName, checkedOutAt: '2026-11-28T09:05:00.000Z' }),
    ];

    const response = await consumer()(
      sqsEvent(
        checkoutRecord(good[0] ?? aCheckout(), 'good-1'),
        sqsRecord(envelopeOf({ ...aCheckout({ userName }), items: [] }), 'poison'),
        checkoutRecord(good[1] ?? aCheckout(), 'good-2'),
      ),
      context,
    );

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'poison' }] });
    const ids = (await ordersOfUser()).map((o) => o.checkoutId);
    expect(ids).toEqual(expect.arrayContaining(good.map((c) => c.checkoutId)));
  });

  it('counts orders placed, duplicate deliveries suppressed and poison messages as EMF metrics in its log', async () => {
    const checkout = aCheckout({ userName, checkedOutAt: '2026-11-29T09:00:00.000Z' });
    const conflicting = { ...checkout, checkedOutAt: '2026-11-29T09:00:05.000Z' };
    const stdout = captureStdout();

    try {
      await consumer()(sqsEvent(checkoutRecord(checkout, 'placed')), context);
      await consumer()(
        sqsEvent(
          checkoutRecord(checkout, 'redelivered'),
          sqsRecord('not json', 'unreadable'),
          checkoutRecord(conflicting, 'conflicting'),
        ),
        context,
      );
    } finally {
      stdout.stop();
    }

    const counted = metricsIn(stdout.lines()).map(({ name, value, dimensions }) => ({
      name,
      value,
      dimensions,
    }));
    // The records of one batch are processed concurrently: their lines come in any order.
    expect(counted).toHaveLength(4);
    expect(counted).toEqual(
      expect.arrayContaining([
        { name: 'OrdersPlaced', value: 1, dimensions: { service: 'ordering' } },
        { name: 'DuplicateDeliveriesSuppressed', value: 1, dimensions: { service: 'ordering' } },
        { name: 'PoisonMessages', value: 1, dimensions: { service: 'ordering', reason: 'invalid-event' } },
        {
          name: 'PoisonMessages',
          value: 1,
          dimensions: { service: 'ordering', reason: 'checkout-conflict' },
        },
      ]),
    );
    expect(metricsIn(stdout.lines()).every((metric) => metric.namespace === 'eshop')).toBe(true);
  });

  it('retries only the record whose write failed, which then succeeds once', async () => {
    const flaky = aCheckout({ userName, checkedOutAt: '2026-11-29T08:00:00.000Z' });
    const steady = aCheckout({ userName, checkedOutAt: '2026-11-29T08:01:00.000Z' });
    let outage = true;
    // The real adapter, except that this one record's first write meets a throttled table.
    const saveNewOrder: SaveNewOrder = async (order) => {
      if (outage && order.checkoutId === flaky.checkoutId) {
        throw Object.assign(new Error('Rate of requests exceeds the allowed throughput'), {
          name: 'ThrottlingException',
        });
      }
      return table.saveNewOrder(order);
    };
    const handler = consumer(saveNewOrder);

    const first = await handler(
      sqsEvent(checkoutRecord(flaky, 'flaky'), checkoutRecord(steady, 'steady')),
      context,
    );
    outage = false;
    const retry = await handler(sqsEvent(checkoutRecord(flaky, 'flaky')), context);

    expect(first).toEqual({ batchItemFailures: [{ itemIdentifier: 'flaky' }] });
    expect(retry).toEqual({ batchItemFailures: [] });
    const ids = (await ordersOfUser()).map((o) => o.checkoutId);
    expect(ids.filter((id) => id === flaky.checkoutId)).toHaveLength(1);
    expect(ids.filter((id) => id === steady.checkoutId)).toHaveLength(1);
  });
});
