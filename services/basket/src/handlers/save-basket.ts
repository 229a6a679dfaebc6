import { assertActsFor, created, httpHandler, ok } from '@eshop/shared';
import { basketView, saveBasketSchema } from '../domain/basket.js';
import { saveBasket } from '../domain/manage-basket.js';
import type { FindCatalogProduct, SaveBasket } from '../domain/ports.js';
import { basketLocation, type HttpDeps, MAX_BASKET_BODY_BYTES } from './http-options.js';

/** POST /basket: create (201 + Location) or replace (200) a user's basket, priced from the catalog.
 * The body's userName must be the caller's own (admins may write any). */
export const createSaveBasketHandler = (
  deps: HttpDeps & { findCatalogProduct: FindCatalogProduct; saveBasket: SaveBasket; now: () => Date },
) => {
  const save = saveBasket(deps);
  return httpHandler(
    { ...deps, maxBodyBytes: MAX_BASKET_BODY_BYTES, request: { body: saveBasketSchema } },
    async ({ body, identity }) => {
      assertActsFor(identity, body.userName);
      const { basket, created: isNew } = await save(body);
      return isNew ? created(basketLocation(basket.userName), basketView(basket)) : ok(basketView(basket));
    },
  );
};
