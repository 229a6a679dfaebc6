import { httpHandler, noContent } from '@eshop/shared';
import { removeProduct } from '../domain/catalog.js';
import type { DeleteProduct } from '../domain/ports.js';
import { type HttpDeps, productPath } from './http-options.js';

/** DELETE /product/{id} → 204; 404 when there was nothing to delete. */
export const createDeleteProductHandler = (deps: HttpDeps & { deleteProduct: DeleteProduct }) => {
  const remove = removeProduct(deps);
  return httpHandler({ ...deps, access: 'admin', request: { path: productPath } }, async ({ path }) => {
    await remove(path.id);
    return noContent();
  });
};
