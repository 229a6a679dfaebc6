import { randomUUID } from 'node:crypto';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import {
  buildJwtVerifier,
  buildPublishEvent,
  createDocumentClient,
  createLogger,
  optionalEnv,
  requireEnv,
} from '@eshop/shared';
import { buildFindCatalogProduct } from './catalog/product-catalog.js';
import { basketTable } from './store/basket-table.js';

// Runs once per Lambda container: env is read and clients are created at init, never per request.
const documentClient = createDocumentClient();
const eventBridge = new EventBridgeClient({ maxAttempts: 3 });

export const basketDependencies = {
  logger: createLogger('basket'),
  corsOrigins: optionalEnv('CORS_ALLOWED_ORIGINS', '*').split(','),
  now: () => new Date(),
  newId: () => randomUUID(),
  verifyToken: buildJwtVerifier({ issuer: requireEnv('JWT_ISSUER'), audience: requireEnv('JWT_AUDIENCE') }),
  findCatalogProduct: buildFindCatalogProduct(requireEnv('PRODUCT_API_URL')),
  publishEvent: buildPublishEvent(eventBridge, requireEnv('EVENT_BUS_NAME')),
  ...basketTable(documentClient, requireEnv('BASKET_TABLE_NAME')),
};
export type BasketDependencies = typeof basketDependencies;
