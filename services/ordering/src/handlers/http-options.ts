import type { Logger, VerifyToken } from '@eshop/shared';

/** What every order HTTP handler needs besides its domain ports. */
export interface HttpDeps {
  logger: Logger;
  corsOrigins?: string[];
  /** Verifies bearer tokens: users read their own orders, admins everyone's. */
  verifyToken?: VerifyToken;
}
