import type { Logger, VerifyToken } from '@eshop/shared';
import { z } from 'zod';
import { productIdSchema } from '../domain/product.js';

/** What every product handler needs besides its domain ports. */
export interface HttpDeps {
  logger: Logger;
  corsOrigins?: string[];
  /** Verifies bearer tokens; catalog writes are for admins. */
  verifyToken?: VerifyToken;
}

/** Products are small: 16 KiB leaves room for a long description and rejects abuse early. */
export const MAX_PRODUCT_BODY_BYTES = 16 * 1024;

export const productPath = z.object({ id: productIdSchema });

export const productLocation = (id: string): string => `/product/${encodeURIComponent(id)}`;
