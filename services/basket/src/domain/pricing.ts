import { ServiceUnavailableError, ValidationError } from '@eshop/shared';
import { type Basket, type BasketLine, mergeLines, type RequestedLine } from './basket.js';
import type { CatalogProduct, FindCatalogProducts } from './ports.js';
import type { SaveBasketRequest } from './save-basket-request.js';

/**
 * Looks up every distinct product in one lookup. A product the catalog lacks is absent from the
 * map; an unreachable catalog is a 503 for the client, never a 500.
 */
export const lookUpProducts = async (
  productIds: string[],
  findCatalogProducts: FindCatalogProducts,
): Promise<Map<string, CatalogProduct>> => {
  try {
    return await findCatalogProducts([...new Set(productIds)]);
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

/**
 * The basket a `POST /basket` asks for, priced from the catalog: every product must exist (unknown
 * ones are named, with the position of each item that refers to them), lines for the same product
 * and colour are merged, names and prices are the catalog's.
 */
export const priceBasket = async (
  request: SaveBasketRequest,
  {
    findCatalogProducts,
    now,
    newId,
  }: { findCatalogProducts: FindCatalogProducts; now: () => Date; newId: () => string },
): Promise<Basket> => {
  const products = await lookUpProducts(
    request.items.map((item) => item.productId),
    findCatalogProducts,
  );
  const unknown = request.items.flatMap((item, index) =>
    products.get(item.productId) ? [] : [{ item, index }],
  );
  if (unknown.length > 0) {
    const ids = [...new Set(unknown.map(({ item }) => item.productId))];
    throw new ValidationError(
      `Unknown product${ids.length > 1 ? 's' : ''}: ${ids.join(', ')}`,
      unknown.map(({ item, index }) => ({
        in: 'body' as const,
        pointer: `#/items/${index}/productId`,
        detail: `No product ${item.productId} in the catalog`,
      })),
    );
  }
  const lines = mergeLines(request.items).flatMap((line) => {
    const product = products.get(line.productId);
    return product === undefined ? [] : [priceLine(line, product)];
  });
  return { userName: request.userName, lines, updatedAt: now().toISOString(), revision: newId() };
};
