import { assertActsFor, type HttpDeps, httpHandler, noContent } from '@eshop/shared';
import { removeBasket } from '../domain/basket-writes.js';
import type { DeleteBasket } from '../domain/ports.js';
import { userPath } from './http-options.js';

/**
 * DELETE /basket/{userName} → 204, whether or not there was a basket (deleting is idempotent);
 * 409 while a checkout of the basket is pending.
 */
export const deleteBasketHandler = (deps: HttpDeps & { deleteBasket: DeleteBasket; now: () => Date }) => {
  const remove = removeBasket(deps);
  return httpHandler({ ...deps, request: { path: userPath } }, async ({ path, identity }) => {
    assertActsFor(identity, path.userName);
    await remove(path.userName);
    return noContent();
  });
};
