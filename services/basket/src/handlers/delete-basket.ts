import { assertActsFor, httpHandler, noContent } from '@eshop/shared';
import { deleteBasket } from '../domain/manage-basket.js';
import type { DeleteBasket } from '../domain/ports.js';
import { type HttpDeps, userPath } from './http-options.js';

/** DELETE /basket/{userName} → 204, whether or not there was a basket (deleting is idempotent). */
export const createDeleteBasketHandler = (deps: HttpDeps & { deleteBasket: DeleteBasket }) => {
  const remove = deleteBasket(deps);
  return httpHandler({ ...deps, request: { path: userPath } }, async ({ path, identity }) => {
    assertActsFor(identity, path.userName);
    await remove(path.userName);
    return noContent();
  });
};
