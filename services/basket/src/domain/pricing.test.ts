import { ServiceUnavailableError, ValidationError } from '@eshop/shared';
import { describe, expect, it } from 'vitest';
import type { CatalogProduct } from './ports.js';
import { lookUpProducts, priceBasket } from './pricing.js';

const catalog: Record<string, CatalogProduct> = {
  a: { id: 'a', name: 'Mug', price: 500 },
  b: { id: 'b', name: 'Pen', price: 125 },
};
const deps = {
  findCatalogProducts: async (ids: readonly string[]) =>
    new Map(ids.flatMap((id) => (catalog[id] === undefined ? [] : [[id, catalog[id]] as const]))),
  now: () => new Date('2026-11-27T12:00:00.000Z'),
  newId: () => 'rev-1',
};

describe('priceBasket', () => {
  it('prices merged lines with the catalog’s names and prices, not the client’s', async () => {
    const basket = await priceBasket(
      {
        userName: 'ada',
        items: [
          { productId: 'a', quantity: 1 },
          { productId: 'b', quantity: 2, color: 'red' },
          { productId: 'a', quantity: 2 },
        ],
      },
      deps,
    );

    expect(basket).toEqual({
      userName: 'ada',
      lines: [
        { productId: 'a', quantity: 3, productName: 'Mug', unitPrice: 500 },
        { productId: 'b', quantity: 2, color: 'red', productName: 'Pen', unitPrice: 125 },
      ],
      updatedAt: '2026-11-27T12:00:00.000Z',
      revision: 'rev-1',
    });
  });

  it('names every unknown product once, with the position of each item referring to it', async () => {
    const refused = priceBasket(
      {
        userName: 'ada',
        items: [
          { productId: 'x', quantity: 1 },
          { productId: 'a', quantity: 1 },
          { productId: 'y', quantity: 1 },
          { productId: 'x', quantity: 2 },
        ],
      },
      deps,
    );

    await expect(refused).rejects.toThrow(ValidationError);
    await expect(refused).rejects.toMatchObject({
      message: 'Unknown products: x, y',
      fieldErrors: [
        { in: 'body', pointer: '#/items/0/productId', detail: 'No product x in the catalog' },
        { in: 'body', pointer: '#/items/2/productId', detail: 'No product y in the catalog' },
        { in: 'body', pointer: '#/items/3/productId', detail: 'No product x in the catalog' },
      ],
    });
  });

  it('says "product" for a single unknown one', async () => {
    await expect(
      priceBasket({ userName: 'ada', items: [{ productId: 'x', quantity: 1 }] }, deps),
    ).rejects.toMatchObject({ message: 'Unknown product: x' });
  });
});

describe('lookUpProducts', () => {
  it('turns any catalog failure into a 503 with Retry-After, never a 500, keeping the failure as its cause', async () => {
    const fetchFailed = new TypeError('fetch failed');
    const failing = lookUpProducts(['a'], async () => {
      throw fetchFailed;
    });

    await expect(failing).rejects.toThrow(ServiceUnavailableError);
    await expect(failing).rejects.toMatchObject({
      message: 'The product catalog is unavailable; retry shortly',
      retryAfterSeconds: 2,
      cause: fetchFailed,
    });
  });

  it('passes the catalog adapter’s own 503 through, with its Retry-After', async () => {
    const unavailable = new ServiceUnavailableError('The catalog answered 503', 7);

    await expect(
      lookUpProducts(['a'], async () => {
        throw unavailable;
      }),
    ).rejects.toBe(unavailable);
  });
});
