import { assertActsFor, type HttpDeps, httpHandler, ok } from '@eshop/shared';
import { basketView, emptyBasket } from '../domain/basket.js';
import type { FindBasket } from '../domain/ports.js';
import { userPath } from './http-options.js';

/**
 * GET /basket/{userName} → the basket with line totals, total and any pending checkout; an empty
 * one if there is none. Only its owner (or an admin) may read it.
 */
export const getBasketHandler = ({
  findBasket,
  now,
  ...deps
}: HttpDeps & { findBasket: FindBasket; now: () => Date }) =>
  httpHandler({ ...deps, request: { path: userPath } }, async ({ path, identity }) => {
    assertActsFor(identity, path.userName);
    return ok(basketView((await findBasket(path.userName)) ?? emptyBasket(path.userName), now()));
  });
