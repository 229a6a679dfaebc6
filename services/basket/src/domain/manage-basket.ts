import { ValidationError } from '@eshop/shared';
import { type Basket, emptyBasket, mergeLines, type SaveBasketRequest } from './basket.js';
import type { DeleteBasket, FindBasket, FindCatalogProduct, SaveBasket } from './ports.js';
import { lookUpProducts, priceLine } from './pricing.js';

export const getBasket =
  ({ findBasket }: { findBasket: FindBasket }) =>
  async (userName: string): Promise<Basket> =>
    (await findBasket(userName)) ?? emptyBasket(userName);

/**
 * Creates or replaces a user's basket. Every product must exist in the catalog (unknown ones are
 * named, with the position of each item that refers to them); names and prices are the catalog's.
 */
export const saveBasket =
  (deps: { findCatalogProduct: FindCatalogProduct; saveBasket: SaveBasket; now: () => Date }) =>
  async (request: SaveBasketRequest): Promise<{ basket: Basket; created: boolean }> => {
    const products = await lookUpProducts(
      request.items.map((item) => item.productId),
      deps.findCatalogProduct,
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
    const lines = mergeLines(request.items).map((line) => {
      const product = products.get(line.productId);
      if (product === undefined) throw new Error(`unreachable: ${line.productId} was checked`);
      return priceLine(line, product);
    });
    const basket: Basket = { userName: request.userName, lines, updatedAt: deps.now().toISOString() };
    const { created } = await deps.saveBasket(basket);
    return { basket, created };
  };

export const deleteBasket =
  ({ deleteBasket: remove }: { deleteBasket: DeleteBasket }) =>
  async (userName: string): Promise<void> => {
    await remove(userName);
  };
