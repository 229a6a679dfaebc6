import { assertActsFor, type HttpDeps, httpHandler, noContent } from '@eshop/shared';
import type { DeleteBasket } from '../domain/ports.js';
import { userPath } from './http-options.js';

/** DELETE /basket/{userName} → 204, whether or not there was a basket (deleting is idempotent). */
export const deleteBasketHandler = ({ deleteBasket, ...deps }: HttpDeps & { deleteBasket: DeleteBasket }) =>
  httpHandler({ ...deps, request: { path: userPath } }, async ({ path, identity }) => {
    assertActsFor(identity, path.userName);
    await deleteBasket(path.userName);
    return noContent();
  });
