import { type HttpDeps, httpHandler, NotFoundError, ok } from '@eshop/shared';
import type { FindProduct } from '../domain/ports.js';
import { etagOf, productPath } from './http-options.js';

/** GET /product/{id} → 200 with `ETag: "<version>"`, or 404 problem when there is no such product. */
export const getProductHandler = ({ findProduct, ...deps }: HttpDeps & { findProduct: FindProduct }) =>
  httpHandler({ ...deps, access: 'public', request: { path: productPath } }, async ({ path }) => {
    const product = await findProduct(path.id);
    if (product === undefined) throw new NotFoundError(`Product ${path.id} does not exist`);
    return ok(product, etagOf(product));
  });
