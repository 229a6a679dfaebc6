import { buildJwtVerifier, createDocumentClient, createLogger, optionalEnv, requireEnv } from '@eshop/shared';
import type { Clock } from './domain/place-order.js';
import { orderTable } from './store/order-table.js';

// Runs once per Lambda container: env is read and clients are created at init, never per request.
const documentClient = createDocumentClient();
const tableName = requireEnv('ORDER_TABLE_NAME');

const systemClock: Clock = { now: () => new Date() };

export const orderingDependencies = {
  logger: createLogger('ordering'),
  corsOrigins: optionalEnv('CORS_ALLOWED_ORIGINS', '*').split(','),
  clock: systemClock,
  verifyToken: buildJwtVerifier({ issuer: requireEnv('JWT_ISSUER'), audience: requireEnv('JWT_AUDIENCE') }),
  ...orderTable(documentClient, tableName),
};
export type OrderingDependencies = typeof orderingDependencies;
