import { assertActsFor, type HttpDeps, httpHandler, ok } from '@eshop/shared';
import { basketView, emptyBasket } from '../domain/basket.js';
import type { FindBasket } from '../domain/ports.js';
import { userPath } from './http-options.js';

/**
 * GET /basket/{userName} → the basket with line totals and total; an empty one if there is none.
 * Only its owner (or an admin) may read it.
 */
export const getBasketHandler = ({ findBasket, ...deps }: HttpDeps & { findBasket: FindBasket }) =>
  httpHandler({ ...deps, request: { path: userPath } }, async ({ path, identity }) => {
    assertActsFor(identity, path.userName);
    return ok(basketView((await findBasket(path.userName)) ?? emptyBasket(path.userName)));
  });
