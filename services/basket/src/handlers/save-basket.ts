import { assertActsFor, created, type HttpDeps, httpHandler, ok } from '@eshop/shared';
import { basketView } from '../domain/basket.js';
import { type ReplaceBasketDeps, replaceBasket } from '../domain/basket-writes.js';
import { saveBasketSchema } from '../domain/save-basket-request.js';
import { basketLocation, MAX_BASKET_BODY_BYTES } from './http-options.js';

/**
 * POST /basket: create (201 + Location) or replace (200) a user's basket, priced from the catalog;
 * 409 while a checkout of the basket is pending. The body's userName must be the caller's own
 * (admins may write any).
 */
export const saveBasketHandler = (deps: HttpDeps & ReplaceBasketDeps) => {
  const replace = replaceBasket(deps);
  return httpHandler(
    { ...deps, maxBodyBytes: MAX_BASKET_BODY_BYTES, request: { body: saveBasketSchema } },
    async ({ body, identity }) => {
      assertActsFor(identity, body.userName);
      const { basket, created: isNew } = await replace(body);
      const view = basketView(basket, deps.now());
      return isNew ? created(basketLocation(basket.userName), view) : ok(view);
    },
  );
};
