import { assertActsFor, httpHandler, ok } from '@eshop/shared';
import { basketView } from '../domain/basket.js';
import { getBasket } from '../domain/manage-basket.js';
import type { FindBasket } from '../domain/ports.js';
import { type HttpDeps, userPath } from './http-options.js';

/**
 * GET /basket/{userName} → the basket with line totals and total; an empty one if there is none.
 * Only its owner (or an admin) may read it.
 */
export const createGetBasketHandler = (deps: HttpDeps & { findBasket: FindBasket }) => {
  const get = getBasket(deps);
  return httpHandler({ ...deps, request: { path: userPath } }, async ({ path, identity }) => {
    assertActsFor(identity, path.userName);
    return ok(basketView(await get(path.userName)));
  });
};
