import { created, httpHandler } from '@eshop/shared';
import { addProduct, type Clock } from '../domain/catalog.js';
import type { SaveNewProduct } from '../domain/ports.js';
import { newProductSchema } from '../domain/product.js';
import { etagOf, type HttpDeps, MAX_PRODUCT_BODY_BYTES, productLocation } from './http-options.js';

/** POST /product → 201 with the product and its Location. */
export const createCreateProductHandler = (
  deps: HttpDeps & { saveNewProduct: SaveNewProduct; clock: Clock },
) => {
  const add = addProduct(deps);
  return httpHandler(
    { ...deps, access: 'admin', maxBodyBytes: MAX_PRODUCT_BODY_BYTES, request: { body: newProductSchema } },
    async ({ body }) => {
      const product = await add(body);
      return created(productLocation(product.id), product, etagOf(product));
    },
  );
};
