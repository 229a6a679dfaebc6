import { ServiceUnavailableError } from '@eshop/shared';
import type { BasketLine, RequestedLine } from './basket.js';
import type { CatalogProduct, FindCatalogProduct } from './ports.js';

/**
 * Looks up each distinct product once, in parallel. Missing products map to undefined; an
 * unreachable catalog is a 503 for the client, never a 500.
 */
export const lookUpProducts = async (
  productIds: string[],
  findCatalogProduct: FindCatalogProduct,
): Promise<Map<string, CatalogProduct | undefined>> => {
  const distinct = [...new Set(productIds)];
  try {
    const products = await Promise.all(distinct.map((id) => findCatalogProduct(id)));
    return new Map(distinct.map((id, index) => [id, products[index]]));
  } catch (error) {
    if (error instanceof ServiceUnavailableError) throw error;
    throw new ServiceUnavailableError('The product catalog is unavailable; retry shortly', 2, {
      cause: error,
    });
  }
};

/** A line priced with the catalog's current name and price. */
export const priceLine = (line: RequestedLine, product: CatalogProduct): BasketLine => ({
  ...line,
  productName: product.name,
  unitPrice: product.price,
});
