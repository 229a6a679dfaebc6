import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { createTableLike } from '@eshop/local-cloud';
import { localCloud } from '@eshop/local-cloud/testing';
import { type CheckoutBasketDetail, createDocumentClient, createLogger } from '@eshop/shared';
import { lambdaContext } from '@eshop/shared/testing';
import {
  FUZZ_RUNS,
  fuzzParameters,
  hostileJson,
  hostileString,
  mutatedObject,
} from '@eshop/shared/testing/fuzz';
import type { SQSRecord } from 'aws-lambda';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Order } from '../src/domain/order.js';
import type { SaveNewOrder } from '../src/domain/ports.js';
import { processCheckoutHandler } from '../src/handlers/process-checkout.js';
import { orderTable } from '../src/store/order-table.js';
import { aCheckout, checkoutRecord, envelopeOf, sqsEvent, sqsRecord } from './support/checkout.js';

// The queue consumer on DynamoDB Local, on an order table of its own, fed generated batches that
// mix valid CheckoutBasket events with poison, and a store that fails for some records.
const endpoint = localCloud().endpoints.dynamodb;
const tableName = `orders-consumer-fuzz-${randomUUID().slice(0, 8)}`;
const documentClient = createDocumentClient(localCloud().aws('dynamodb'));
const table = orderTable(documentClient, tableName);
const logger = createLogger('ordering-consumer-fuzz');
const now = () => new Date();
const context = lambdaContext('processCheckout');

const scanOrders = async (): Promise<Order[]> => {
  const orders: Order[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(
      new ScanCommand({ TableName: tableName, ExclusiveStartKey, ConsistentRead: true }),
    );
    // Only orders: not the guards that keep one order per checkout id.
    orders.push(...((page.Items ?? []).filter((item) => item.orderId !== undefined) as Order[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey !== undefined);
  return orders;
};

let dropTable: () => Promise<void> = async () => undefined;
beforeAll(async () => {
  dropTable = await createTableLike(endpoint, localCloud().env('ordering', 'ORDER_TABLE_NAME'), tableName);
});
afterAll(async () => {
  await dropTable();
  documentClient.destroy();
});

const checkout = fc
  .record({
    userName: fc.constantFrom('fz-ann', 'fz-bob', 'Zoë'),
    day: fc.integer({ min: 10, max: 28 }),
    quantity: fc.integer({ min: 1, max: 9 }),
  })
  .map(({ userName, day, quantity }) => {
    const base = aCheckout({ userName, checkedOutAt: `2026-11-${day}T10:00:00.000Z` });
    const [first, ...rest] = base.items;
    const items =
      first === undefined ? rest : [{ ...first, quantity, lineTotal: first.unitPrice * quantity }, ...rest];
    return { ...base, items, total: items.reduce((sum, item) => sum + item.lineTotal, 0) };
  });

/** A record that is not (or may no longer be) a valid CheckoutBasket event. */
const poisonBody: fc.Arbitrary<string> = fc.oneof(
  hostileString,
  hostileJson.map((value) => JSON.stringify(value) ?? 'null'),
  checkout.chain((detail) =>
    fc.nat().map((cut) => {
      const text = JSON.stringify(envelopeOf(detail));
      return text.slice(0, cut % text.length);
    }),
  ),
  checkout.chain((detail) => mutatedObject(fc.constant(envelopeOf(detail))).map((e) => JSON.stringify(e))),
  checkout.chain((detail) =>
    mutatedObject(fc.constant(detail as unknown as Record<string, unknown>)).map((d) =>
      JSON.stringify(envelopeOf(d)),
    ),
  ),
  checkout.map((detail) => JSON.stringify(envelopeOf({ ...detail, version: '2' }))),
  checkout.map((detail) => JSON.stringify(envelopeOf(detail, { 'detail-type': 'CheckoutBasketV2' }))),
  checkout.map((detail) => JSON.stringify(envelopeOf(detail, { source: 'eshop.evil' }))),
  checkout.map((detail) => JSON.stringify(detail)),
);

type Entry = { kind: 'valid'; detail: CheckoutBasketDetail } | { kind: 'poison'; body: string };
const batch = fc.array(
  fc.oneof(
    { weight: 3, arbitrary: checkout.map((detail): Entry => ({ kind: 'valid', detail })) },
    { weight: 2, arbitrary: poisonBody.map((body): Entry => ({ kind: 'poison', body })) },
  ),
  { minLength: 1, maxLength: 10 },
);

const checkoutIdOf = (body: string): string | undefined => {
  try {
    const id = JSON.parse(body)?.detail?.checkoutId;
    return typeof id === 'string' ? id : undefined;
  } catch {
    return undefined;
  }
};

describe('processCheckout under generated batches', () => {
  it('turns each valid record into exactly one order, reports every other record, never throws', async () => {
    const handler = processCheckoutHandler({ logger, now, saveNewOrder: table.saveNewOrder });

    await fc.assert(
      fc.asyncProperty(batch, fc.boolean(), async (entries, redeliverValid) => {
        const records: SQSRecord[] = entries.map((entry, i) =>
          entry.kind === 'valid' ? checkoutRecord(entry.detail, `m-${i}`) : sqsRecord(entry.body, `m-${i}`),
        );
        // At-least-once delivery: sometimes a valid record is in the batch twice.
        const firstValid = records.find((_, i) => entries[i]?.kind === 'valid');
        if (redeliverValid && firstValid) records.push({ ...firstValid, messageId: 'm-again' });
        const before = await scanOrders();

        const response = await handler(sqsEvent(...records), context);

        const failed = new Set(response.batchItemFailures.map((f) => f.itemIdentifier));
        const after = await scanOrders();
        const newOrders = after.filter((o) => !before.some((b) => b.checkoutId === o.checkoutId));
        for (const [i, record] of records.entries()) {
          const entry =
            entries[i] ?? (record.messageId === 'm-again' ? { kind: 'valid' as const } : undefined);
          const id = checkoutIdOf(record.body);
          const orders = after.filter((o) => id !== undefined && o.checkoutId === id);
          if (entry?.kind === 'valid') {
            expect(failed.has(record.messageId)).toBe(false);
            expect(orders).toHaveLength(1);
          } else if (failed.has(record.messageId)) {
            // A rejected record writes nothing (its checkout id is its own, fresh one).
            expect(newOrders.filter((o) => o.checkoutId === id)).toHaveLength(0);
          } else {
            // A mutation that is still a valid event: processed like one.
            expect(orders).toHaveLength(1);
          }
        }
        const validIds = entries.flatMap((e) => (e.kind === 'valid' ? [e.detail.checkoutId] : []));
        for (const entry of entries) {
          if (entry.kind !== 'valid') continue;
          const [order] = after.filter((o) => o.checkoutId === entry.detail.checkoutId);
          expect(order).toMatchObject({
            total: entry.detail.total,
            items: entry.detail.items,
            status: 'PLACED',
          });
        }
        expect(new Set(after.map((o) => o.checkoutId)).size).toBe(after.length);
        expect(newOrders.length).toBeGreaterThanOrEqual(new Set(validIds).size);
      }),
      fuzzParameters(Math.ceil(FUZZ_RUNS / 5)),
    );
  }, 300_000);

  it('loses and duplicates nothing when the store fails for some records, before or after writing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(checkout, { minLength: 1, maxLength: 10 }),
        fc.infiniteStream(fc.constantFrom('ok', 'ok', 'fail-before', 'fail-after')),
        async (checkouts, faults) => {
          let deliveries = 0;
          // The real adapter, failing for some calls: throttled before the write, or timed out after it.
          const flaky: SaveNewOrder = async (order) => {
            const fault = deliveries < 3 ? faults.next().value : 'ok';
            if (fault === 'fail-before')
              throw Object.assign(new Error('throttled'), { name: 'ThrottlingException' });
            const created = await table.saveNewOrder(order);
            if (fault === 'fail-after')
              throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
            return created;
          };
          const handler = processCheckoutHandler({ logger, now, saveNewOrder: flaky });
          let pending = checkouts.map((detail, i) => checkoutRecord(detail, `m-${i}`));

          // SQS redelivers what the batch response names until nothing fails.
          while (pending.length > 0 && deliveries < 5) {
            const { batchItemFailures } = await handler(sqsEvent(...pending), context);
            const failed = new Set(batchItemFailures.map((f) => f.itemIdentifier));
            pending = pending.filter((record) => failed.has(record.messageId));
            deliveries += 1;
          }

          expect(pending).toHaveLength(0);
          const orders = await scanOrders();
          for (const detail of checkouts) {
            expect(orders.filter((o) => o.checkoutId === detail.checkoutId)).toHaveLength(1);
          }
        },
      ),
      fuzzParameters(Math.ceil(FUZZ_RUNS / 10)),
    );
  }, 300_000);
});
