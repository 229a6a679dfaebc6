import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { localCloud, restartableTableForThisFile } from '@eshop/local-cloud/testing';
import { createLogger, createMetricCounter } from '@eshop/shared';
import { httpEvent, lambdaContext, signedInAs, verifyTestToken } from '@eshop/shared/testing';
import { describe, expect, it } from 'vitest';
import { listOrdersHandler } from '../src/handlers/list-orders.js';
import { listUserOrdersHandler } from '../src/handlers/list-user-orders.js';
import { processCheckoutHandler } from '../src/handlers/process-checkout.js';
import { orderTable } from '../src/store/order-table.js';
import { aCheckout, checkoutRecord, sqsEvent } from './support/checkout.js';

// A private DynamoDB Local stopped mid-run and started again on the same port with the same data:
// the order API answers 503 + Retry-After, the consumer reports its whole batch failed (SQS will
// redeliver it) without throwing, and the same handlers work again once it is back.
const table = restartableTableForThisFile(localCloud().env('ordering', 'ORDER_TABLE_NAME'), 'orders-outage');

describe('ordering while DynamoDB is down', () => {
  it('answers 503, fails the batch for redelivery, and places each order once when it is back', async () => {
    const orders = orderTable(table.documentClient, table.tableName);
    const logger = createLogger('ordering-outage');
    const deps = { logger, verifyToken: verifyTestToken, now: () => new Date(), ...orders };
    const listAll = listOrdersHandler(deps);
    const listUser = listUserOrdersHandler(deps);
    const consume = processCheckoutHandler({
      logger,
      countMetric: createMetricCounter('ordering-outage'),
      now: deps.now,
      saveNewOrder: orders.saveNewOrder,
    });
    const checkouts = [aCheckout({ userName: 'ann' }), aCheckout({ userName: 'ann' })];
    const batch = sqsEvent(...checkouts.map((c, i) => checkoutRecord(c, `m-${i}`)));

    await table.stop();
    const during = [
      await listAll(httpEvent({ headers: signedInAs('boss', { admin: true }) }), lambdaContext()),
      await listUser(
        httpEvent({ headers: signedInAs('ann'), pathParameters: { userName: 'ann' } }),
        lambdaContext(),
      ),
    ];
    const failedBatch = await consume(batch, lambdaContext('processCheckout'));
    await table.start();

    for (const response of during) {
      expect(response.statusCode).toBe(503);
      expect(response.headers?.['retry-after']).toMatch(/^\d+$/);
    }
    expect(failedBatch.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['m-0', 'm-1']);
    expect((await consume(batch, lambdaContext('processCheckout'))).batchItemFailures).toEqual([]);
    const stored = (
      (await table.documentClient.send(new ScanCommand({ TableName: table.tableName }))).Items ?? []
    ).filter((item) => item.orderId !== undefined);
    expect(stored.map((o) => o.checkoutId).sort()).toEqual(checkouts.map((c) => c.checkoutId).sort());
    const listed = await listUser(
      httpEvent({ headers: signedInAs('ann'), pathParameters: { userName: 'ann' } }),
      lambdaContext(),
    );
    expect(listed.statusCode).toBe(200);
    expect(JSON.parse(listed.body ?? '{}').items).toHaveLength(2);
  }, 120_000);
});
