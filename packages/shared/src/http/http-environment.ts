import { buildJwtVerifier } from '../auth/jwt-verifier.js';
import { optionalEnv, requireEnv } from '../env.js';
import { createLogger } from '../logger.js';
import type { HttpDeps } from './http-handler.js';

/**
 * The HTTP dependencies of a public function, read from its environment: its service's logger
 * and the CORS origins (`CORS_ALLOWED_ORIGINS`, comma-separated; default `*`).
 *
 * @example
 * export const handler = getProductHandler({ ...httpEnvironment('product'), findProduct });
 */
export const httpEnvironment = (service: string): HttpDeps => ({
  logger: createLogger(service),
  corsOrigins: optionalEnv('CORS_ALLOWED_ORIGINS', '*')
    .split(',')
    .map((origin) => origin.trim()),
});

/**
 * `httpEnvironment` plus the verifier of the tokens this API accepts (`JWT_ISSUER`,
 * `JWT_AUDIENCE`), for functions whose routes need a signed-in caller.
 *
 * @example
 * export const handler = getBasketHandler({ ...signedInHttpEnvironment('basket'), findBasket });
 */
export const signedInHttpEnvironment = (service: string): HttpDeps => ({
  ...httpEnvironment(service),
  verifyToken: buildJwtVerifier({ issuer: requireEnv('JWT_ISSUER'), audience: requireEnv('JWT_AUDIENCE') }),
});
