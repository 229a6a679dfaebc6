import { createLogger, createMetricCounter, requireEnv } from '@eshop/shared';
import { documentClient } from '@eshop/shared/clients/dynamodb';
import { processCheckoutHandler } from '../handlers/process-checkout.js';
import { buildSaveNewOrder } from '../store/order-table.js';

export const handler = processCheckoutHandler({
  logger: createLogger('ordering'),
  countMetric: createMetricCounter('ordering'),
  saveNewOrder: buildSaveNewOrder(documentClient, requireEnv('ORDER_TABLE_NAME')),
  now: () => new Date(),
});
