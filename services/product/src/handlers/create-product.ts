import { created, type HttpDeps, httpHandler } from '@eshop/shared';
import type { SaveNewProduct } from '../domain/ports.js';
import { newProduct, newProductSchema } from '../domain/product-requests.js';
import { etagOf, MAX_PRODUCT_BODY_BYTES, productLocation } from './http-options.js';

/** POST /product → 201 with the product, its Location and ETag; admins only. */
export const createProductHandler = ({
  saveNewProduct,
  now,
  newId,
  ...deps
}: HttpDeps & { saveNewProduct: SaveNewProduct; now: () => Date; newId: () => string }) =>
  httpHandler(
    { ...deps, access: 'admin', maxBodyBytes: MAX_PRODUCT_BODY_BYTES, request: { body: newProductSchema } },
    async ({ body }) => {
      const product = newProduct(body, newId(), now());
      await saveNewProduct(product);
      return created(productLocation(product.id), product, etagOf(product));
    },
  );
