import type { Logger } from '@eshop/shared';

/** What every order HTTP handler needs besides its domain ports. */
export interface HttpDeps {
  logger: Logger;
  corsOrigins?: string[];
}
