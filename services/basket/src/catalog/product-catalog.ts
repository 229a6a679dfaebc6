import { ServiceUnavailableError } from '@eshop/shared';
import * as z from '@eshop/shared/zod';
import type { FindCatalogProduct } from '../domain/ports.js';

const catalogProductSchema = z.object({
  id: z.string(),
  name: z.string(),
  price: z.number().check(z.int(), z.nonnegative()),
});

/**
 * Reads products from the product service's HTTP API (its URL is configuration). 404 means
 * "no such product"; anything else that is not a valid product means the catalog is unavailable.
 *
 * @example
 * const findCatalogProduct = buildFindCatalogProduct('http://127.0.0.1:3001');
 */
export const buildFindCatalogProduct =
  (productApiUrl: string, { timeoutMs = 3000, fetchImpl = fetch } = {}): FindCatalogProduct =>
  async (productId) => {
    const url = `${productApiUrl.replace(/\/$/, '')}/product/${encodeURIComponent(productId)}`;
    let response: Response;
    try {
      response = await fetchImpl(url, { signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      throw new ServiceUnavailableError('The product catalog is unavailable; retry shortly', 2, {
        cause: error,
      });
    }
    if (response.status === 404) {
      await response.body?.cancel();
      return undefined;
    }
    const product = response.ok
      ? catalogProductSchema.safeParse(await response.json().catch(() => null))
      : undefined;
    if (product?.success !== true) {
      throw new ServiceUnavailableError(`The product catalog answered ${response.status}; retry shortly`);
    }
    return product.data;
  };
