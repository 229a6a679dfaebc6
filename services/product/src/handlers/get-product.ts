import { httpHandler, ok } from '@eshop/shared';
import { getProduct } from '../domain/catalog.js';
import type { FindProduct } from '../domain/ports.js';
import { etagOf, type HttpDeps, productPath } from './http-options.js';

/** GET /product/{id} → 200 with `ETag: "<version>"`, or 404 problem when there is no such product. */
export const createGetProductHandler = (deps: HttpDeps & { findProduct: FindProduct }) => {
  const get = getProduct(deps);
  return httpHandler({ ...deps, access: 'public', request: { path: productPath } }, async ({ path }) => {
    const product = await get(path.id);
    return ok(product, etagOf(product));
  });
};
