import { randomUUID } from 'node:crypto';
import { buildPublishEvent, createMetricCounter, requireEnv, signedInHttpEnvironment } from '@eshop/shared';
import { documentClient } from '@eshop/shared/clients/dynamodb';
import { eventBridgeClient } from '@eshop/shared/clients/eventbridge';
import { buildFindCatalogProducts } from '../catalog/product-catalog.js';
import { checkoutBasketHandler } from '../handlers/checkout-basket.js';
import {
  buildBeginCheckout,
  buildCompleteCheckout,
  buildFindBasket,
  buildFindCheckoutByKey,
  buildIsCheckoutCompleted,
  buildRememberCheckoutKey,
} from '../store/basket-table.js';

const tableName = requireEnv('BASKET_TABLE_NAME');
const now = () => new Date();

export const handler = checkoutBasketHandler({
  ...signedInHttpEnvironment('basket'),
  findBasket: buildFindBasket(documentClient, tableName),
  findCatalogProducts: buildFindCatalogProducts(requireEnv('PRODUCT_API_URL')),
  findCheckoutByKey: buildFindCheckoutByKey(documentClient, tableName),
  beginCheckout: buildBeginCheckout(documentClient, tableName),
  rememberCheckoutKey: buildRememberCheckoutKey(documentClient, tableName),
  completeCheckout: buildCompleteCheckout(documentClient, tableName),
  isCheckoutCompleted: buildIsCheckoutCompleted(documentClient, tableName),
  publishEvent: buildPublishEvent(eventBridgeClient, requireEnv('EVENT_BUS_NAME')),
  now,
  newId: randomUUID,
  countMetric: createMetricCounter('basket'),
});
