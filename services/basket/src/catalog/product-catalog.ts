import { ServiceUnavailableError } from '@eshop/shared';
import * as z from 'zod';
import type { CatalogProduct, FindCatalogProduct } from '../domain/ports.js';

const catalogProductSchema = z.object({
  id: z.string(),
  name: z.string(),
  price: z.number().int().nonnegative(),
});

/** Products a cache holds at most; the oldest entry makes room. */
const CACHE_ENTRIES = 1000;

export interface CatalogOptions {
  /**
   * How long one lookup may take before the catalog counts as unavailable (a 503 for the client).
   * 5 s: a cold product function (its own init and first DynamoDB connection) fits, and the basket
   * function (10 s timeout) still has time left to answer.
   */
  timeoutMs?: number;
  /**
   * Keep each product found for this long in this function instance (0, the default: never).
   * Only for pricing that checkout prices again: a cached price may be this old.
   */
  cacheTtlMs?: number;
  fetchImpl?: typeof fetch;
  now?: () => number;
}

/**
 * Reads products from the product service's HTTP API (its URL is configuration). 404 means
 * "no such product"; anything else that is not a valid product means the catalog is unavailable.
 * Lookups go through fetch's shared connection pool, which keeps connections alive between
 * lookups and invocations of a warm instance. A miss is never cached: a product created a moment
 * ago must be found.
 *
 * @example
 * const findCatalogProduct = buildFindCatalogProduct('http://127.0.0.1:3001');
 * const cachedForSaves = buildFindCatalogProduct('http://127.0.0.1:3001', { cacheTtlMs: 10_000 });
 */
export const buildFindCatalogProduct = (
  productApiUrl: string,
  { timeoutMs = 5000, cacheTtlMs = 0, fetchImpl = fetch, now = Date.now }: CatalogOptions = {},
): FindCatalogProduct => {
  const cache = new Map<string, { product: CatalogProduct; expiresAt: number }>();
  const remember = (productId: string, product: CatalogProduct) => {
    if (cacheTtlMs <= 0) return;
    cache.delete(productId);
    const oldest = cache.keys().next();
    if (cache.size >= CACHE_ENTRIES && oldest.done !== true) cache.delete(oldest.value);
    cache.set(productId, { product, expiresAt: now() + cacheTtlMs });
  };
  return async (productId) => {
    const cached = cache.get(productId);
    if (cached !== undefined && cached.expiresAt > now()) return cached.product;
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
    remember(productId, product.data);
    return product.data;
  };
};
