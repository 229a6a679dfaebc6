import { httpHandler, ok } from '@eshop/shared';
import { type Clock, changeProduct } from '../domain/catalog.js';
import type { UpdateProduct } from '../domain/ports.js';
import { productChangesSchema } from '../domain/product.js';
import { type HttpDeps, MAX_PRODUCT_BODY_BYTES, productPath } from './http-options.js';

/** PUT /product/{id}: partial update → 200 with the updated product; 404 when missing. */
export const createUpdateProductHandler = (
  deps: HttpDeps & { updateProduct: UpdateProduct; clock: Clock },
) => {
  const change = changeProduct(deps);
  return httpHandler(
    {
      ...deps,
      access: 'admin',
      maxBodyBytes: MAX_PRODUCT_BODY_BYTES,
      request: { path: productPath, body: productChangesSchema },
    },
    async ({ path, body }) => ok(await change(path.id, body)),
  );
};
