import { getJson, ServiceUnavailableError } from '@eshop/shared';
import * as z from '@eshop/shared/zod';
import type { CatalogProduct, FindCatalogProducts } from '../domain/ports.js';

const catalogProductSchema = z.object({
  id: z.string(),
  name: z.string(),
  price: z.number().check(z.int(), z.nonnegative()),
});
const catalogPageSchema = z.object({ items: z.array(catalogProductSchema) });

/** The product API's limit on ids per lookup (`GET /product?ids=`); a basket holds at most 50 lines. */
const IDS_PER_LOOKUP = 100;
/** Products a cache holds at most; the oldest entry makes room. */
const CACHE_ENTRIES = 1000;
/** 100 products at their largest (~25 KB each) fit; a larger answer is no page of them. */
const MAX_PAGE_BYTES = 4 * 1024 * 1024;

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
  now?: () => number;
}

const unavailable = (message: string, cause?: unknown) =>
  new ServiceUnavailableError(message, 2, cause === undefined ? undefined : { cause });

/**
 * Reads products from the product service's HTTP API (its URL is configuration): one
 * `GET /product?ids=…` for all the products of a basket. A product the answer leaves out is not in
 * the catalog; anything but a 200 with a valid page means the catalog is unavailable (503), never
 * "no such product". Requests go through `getJson` (Node's http, not fetch: fetch's first call
 * costs a cold instance ~40 ms), whose agent keeps connections alive between lookups and
 * invocations of a warm instance. A miss is never cached: a product created a moment ago must be
 * found.
 *
 * @example
 * const findCatalogProducts = buildFindCatalogProducts('http://127.0.0.1:3001');
 * const cachedForSaves = buildFindCatalogProducts('http://127.0.0.1:3001', { cacheTtlMs: 10_000 });
 */
export const buildFindCatalogProducts = (
  productApiUrl: string,
  { timeoutMs = 5000, cacheTtlMs = 0, now = Date.now }: CatalogOptions = {},
): FindCatalogProducts => {
  const baseUrl = productApiUrl.replace(/\/$/, '');
  const cache = new Map<string, { product: CatalogProduct; expiresAt: number }>();
  const remember = (product: CatalogProduct) => {
    if (cacheTtlMs <= 0) return;
    cache.delete(product.id);
    const oldest = cache.keys().next();
    if (cache.size >= CACHE_ENTRIES && oldest.done !== true) cache.delete(oldest.value);
    cache.set(product.id, { product, expiresAt: now() + cacheTtlMs });
  };
  const lookUp = async (productIds: readonly string[]): Promise<CatalogProduct[]> => {
    const ids = productIds.map(encodeURIComponent).join(',');
    let answer: unknown;
    try {
      answer = await getJson(new URL(`${baseUrl}/product?ids=${ids}`), {
        subject: 'The product catalog',
        timeoutMs,
        maxBytes: MAX_PAGE_BYTES,
      });
    } catch (error) {
      throw unavailable('The product catalog is unavailable; retry shortly', error);
    }
    const page = catalogPageSchema.safeParse(answer);
    if (!page.success) {
      throw unavailable(
        'The product catalog answered something that is not a page of products; retry shortly',
      );
    }
    return page.data.items;
  };
  return async (productIds) => {
    const found = new Map<string, CatalogProduct>();
    const missing: string[] = [];
    for (const id of new Set(productIds)) {
      const cached = cache.get(id);
      if (cached !== undefined && cached.expiresAt > now()) found.set(id, cached.product);
      else missing.push(id);
    }
    const chunks = Array.from({ length: Math.ceil(missing.length / IDS_PER_LOOKUP) }, (_, i) =>
      missing.slice(i * IDS_PER_LOOKUP, (i + 1) * IDS_PER_LOOKUP),
    );
    for (const products of await Promise.all(chunks.map(lookUp))) {
      for (const product of products) {
        // Only what was asked for: a page is not trusted to name other products.
        if (!missing.includes(product.id)) continue;
        found.set(product.id, product);
        remember(product);
      }
    }
    return found;
  };
};
