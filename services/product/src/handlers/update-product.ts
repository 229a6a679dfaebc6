import { type HttpDeps, httpHandler, NotFoundError, ok, PreconditionFailedError } from '@eshop/shared';
import type { UpdateProduct } from '../domain/ports.js';
import { changesOf, productChangesSchema } from '../domain/product-requests.js';
import { etagOf, expectedVersionOf, MAX_PRODUCT_BODY_BYTES, productPath } from './http-options.js';

/**
 * PUT /product/{id}: partial update → 200 with the updated product and its new `ETag`; 404 when
 * missing. With `If-Match: "<version>"` it applies only to that version, else 412 and nothing
 * changes; without it (the original clients send none) each field is still updated atomically.
 */
export const updateProductHandler = ({
  updateProduct,
  now,
  ...deps
}: HttpDeps & { updateProduct: UpdateProduct; now: () => Date }) =>
  httpHandler(
    {
      ...deps,
      access: 'admin',
      maxBodyBytes: MAX_PRODUCT_BODY_BYTES,
      request: { path: productPath, body: productChangesSchema },
    },
    async ({ path, body, headers }) => {
      const expected = expectedVersionOf(headers);
      const result = await updateProduct(path.id, changesOf(path.id, body), now().toISOString(), expected);
      if (result.outcome === 'missing') throw new NotFoundError(`Product ${path.id} does not exist`);
      if (result.outcome === 'stale') {
        const wanted =
          expected === 'any' || expected.length === 0 ? 'the one in If-Match' : expected.join(' or ');
        throw new PreconditionFailedError(
          `Product ${path.id} is at version ${result.currentVersion}, not ${wanted}; fetch it again and reapply your change`,
        );
      }
      return ok(result.product, etagOf(result.product));
    },
  );
