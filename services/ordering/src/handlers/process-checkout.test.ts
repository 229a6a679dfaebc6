import { createLogger } from '@eshop/shared';
import { lambdaContext } from '@eshop/shared/testing';
import { captureLogLines } from '@eshop/shared/testing/log-lines';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aCheckout, checkoutRecord, envelopeOf, sqsEvent, sqsRecord } from '../../test/support/checkout.js';
import { differentOrderLogged } from '../../test/support/consumer-logs.js';
import { inMemoryOrders } from '../../test/support/in-memory-orders.js';
import type { SaveNewOrder } from '../domain/ports.js';
import { processCheckoutHandler } from './process-checkout.js';

const now = () => new Date('2026-12-01T08:00:00.000Z');
const context = lambdaContext('processCheckout');

const consumer = (saveNewOrder?: SaveNewOrder) => {
  const store = inMemoryOrders();
  const logger = createLogger('ordering-test');
  const errors = vi.spyOn(logger, 'error');
  const counted: [string, Readonly<Record<string, string>>?][] = [];
  const handler = processCheckoutHandler({
    logger,
    countMetric: (metric, dimensions) =>
      counted.push(dimensions === undefined ? [metric] : [metric, dimensions]),
    now,
    saveNewOrder: saveNewOrder ?? store.saveNewOrder,
  });
  return {
    store,
    errors,
    counted,
    handle: (...records: Parameters<typeof sqsEvent>) => handler(sqsEvent(...records), context),
  };
};

describe('processCheckout', () => {
  afterEach(() => vi.restoreAllMocks());

  it('names the Lambda request and the record on the lines it logs', async () => {
    const logged = captureLogLines();
    const logger = createLogger('ordering-test', { logLevel: 'INFO' });
    const handler = processCheckoutHandler({
      logger,
      countMetric: () => undefined,
      now,
      saveNewOrder: inMemoryOrders().saveNewOrder,
    });
    const checkout = aCheckout();

    await handler(sqsEvent(checkoutRecord(checkout, 'm-1')), context);

    expect(logged.lines()).toEqual([
      expect.objectContaining({
        message: 'Order placed',
        function_name: 'processCheckout',
        function_request_id: context.awsRequestId,
        messageId: 'm-1',
        checkoutId: checkout.checkoutId,
      }),
    ]);
  });

  it('places an order for every checkout of the batch and reports no failure', async () => {
    const { store, handle } = consumer();

    const response = await handle(
      checkoutRecord(aCheckout()),
      checkoutRecord(aCheckout({ userName: 'bob' })),
    );

    expect(response).toEqual({ batchItemFailures: [] });
    expect([...store.orders.values()].map((o) => o.userName).sort()).toEqual(['bob', 'swn']);
  });

  it('treats a redelivered checkout as done: one order, no failure', async () => {
    const { store, counted, handle } = consumer();
    const checkout = aCheckout();

    await handle(checkoutRecord(checkout, 'm-1'));
    const redelivery = await handle(checkoutRecord(checkout, 'm-1'), checkoutRecord(checkout, 'm-2'));

    expect(redelivery).toEqual({ batchItemFailures: [] });
    expect(store.orders.size).toBe(1);
    expect(counted).toEqual([
      ['OrdersPlaced'],
      ['DuplicateDeliveriesSuppressed'],
      ['DuplicateDeliveriesSuppressed'],
    ]);
  });

  it('reports failed, and logs which fields differ, a different event with the id of a placed checkout', async () => {
    const { store, errors, counted, handle } = consumer();
    const checkout = aCheckout();
    await handle(checkoutRecord(checkout, 'm-1'));

    const response = await handle(
      checkoutRecord({ ...checkout, checkedOutAt: '2026-11-28T00:00:00.000Z' }, 'm-2'),
    );

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-2' }] });
    expect([...store.orders.values()].map((o) => o.orderDate)).toEqual(['2026-11-27T10:00:00.000Z']);
    expect(errors).toHaveBeenCalledWith(
      ...differentOrderLogged({
        messageId: 'm-2',
        checkoutId: checkout.checkoutId,
        differences: ['orderDate'],
      }),
    );
    expect(counted).toEqual([['OrdersPlaced'], ['PoisonMessages', { reason: 'checkout-conflict' }]]);
  });

  it.each([
    ['a body that is not JSON', '{"detail":'],
    ['a bare detail without envelope', JSON.stringify(aCheckout())],
    ['another event type', envelopeOf(aCheckout(), { 'detail-type': 'BasketDeleted' })],
    ['an unknown detail version', envelopeOf({ ...aCheckout(), version: '2' })],
    ['a total that does not add up', envelopeOf({ ...aCheckout(), total: 1 })],
  ])('reports %s failed, logs why with its messageId, and keeps the rest', async (_, body) => {
    const { store, errors, counted, handle } = consumer();

    const response = await handle(checkoutRecord(aCheckout(), 'good'), sqsRecord(body, 'poison'));

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'poison' }] });
    expect(store.orders.size).toBe(1);
    expect(counted).toContainEqual(['PoisonMessages', { reason: 'invalid-event' }]);
    expect(errors).toHaveBeenCalledWith(
      expect.stringContaining('invalid CheckoutBasket message'),
      expect.objectContaining({ messageId: 'poison', reason: expect.any(String), issues: expect.any(Array) }),
    );
  });

  it('fails only the record whose write failed', async () => {
    const store = inMemoryOrders();
    const unlucky = aCheckout({ userName: 'unlucky' });
    const { handle } = consumer(async (order) => {
      if (order.userName === 'unlucky')
        throw Object.assign(new Error('Throughput exceeded'), { name: 'ThrottlingException' });
      return store.saveNewOrder(order);
    });

    const response = await handle(
      checkoutRecord(aCheckout(), 'm-1'),
      checkoutRecord(unlucky, 'm-2'),
      checkoutRecord(aCheckout(), 'm-3'),
    );

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-2' }] });
    expect(store.orders.size).toBe(2);
  });

  it('reports every record of a batch that failed entirely, instead of throwing', async () => {
    const { handle } = consumer(async () => {
      throw new Error('table unreachable');
    });

    const response = await handle(checkoutRecord(aCheckout(), 'm-1'), checkoutRecord(aCheckout(), 'm-2'));

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm-1' }, { itemIdentifier: 'm-2' }] });
  });
});
