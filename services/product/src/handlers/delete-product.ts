import { type HttpDeps, httpHandler, NotFoundError, noContent } from '@eshop/shared';
import type { DeleteProduct } from '../domain/ports.js';
import { productPath } from './http-options.js';

/** DELETE /product/{id} → 204; 404 when there was nothing to delete. Admins only. */
export const deleteProductHandler = ({
  deleteProduct,
  ...deps
}: HttpDeps & { deleteProduct: DeleteProduct }) =>
  httpHandler({ ...deps, access: 'admin', request: { path: productPath } }, async ({ path }) => {
    if (!(await deleteProduct(path.id))) throw new NotFoundError(`Product ${path.id} does not exist`);
    return noContent();
  });
