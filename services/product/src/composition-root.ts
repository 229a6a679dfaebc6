import { randomUUID } from 'node:crypto';
import { buildJwtVerifier, createDocumentClient, createLogger, optionalEnv, requireEnv } from '@eshop/shared';
import type { Clock } from './domain/catalog.js';
import { productTable } from './store/product-table.js';

// Runs once per Lambda container: env is read and clients are created at init, never per request.
const documentClient = createDocumentClient();
const tableName = requireEnv('PRODUCT_TABLE_NAME');

const systemClock: Clock = { now: () => new Date(), newId: () => randomUUID() };

export const productDependencies = {
  logger: createLogger('product'),
  corsOrigins: optionalEnv('CORS_ALLOWED_ORIGINS', '*').split(','),
  clock: systemClock,
  verifyToken: buildJwtVerifier({ issuer: requireEnv('JWT_ISSUER'), audience: requireEnv('JWT_AUDIENCE') }),
  ...productTable(documentClient, tableName),
};
export type ProductDependencies = typeof productDependencies;
