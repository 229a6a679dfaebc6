import { httpHandler, ok } from '@eshop/shared';
import { type Clock, changeProduct } from '../domain/catalog.js';
import type { UpdateProduct } from '../domain/ports.js';
import { productChangesSchema } from '../domain/product.js';
import {
  etagOf,
  expectedVersionOf,
  type HttpDeps,
  MAX_PRODUCT_BODY_BYTES,
  productPath,
} from './http-options.js';

/**
 * PUT /product/{id}: partial update → 200 with the updated product and its new `ETag`; 404 when
 * missing. With `If-Match: "<version>"` it applies only to that version, else 412 and nothing
 * changes; without it (the original clients send none) each field is still updated atomically.
 */
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
    async ({ path, body, headers }) => {
      const product = await change(path.id, body, expectedVersionOf(headers));
      return ok(product, etagOf(product));
    },
  );
};
