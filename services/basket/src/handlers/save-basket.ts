import { assertActsFor, created, type HttpDeps, httpHandler, ok } from '@eshop/shared';
import { basketView, saveBasketSchema } from '../domain/basket.js';
import type { FindCatalogProduct, SaveBasket } from '../domain/ports.js';
import { priceBasket } from '../domain/pricing.js';
import { basketLocation, MAX_BASKET_BODY_BYTES } from './http-options.js';

/**
 * POST /basket: create (201 + Location) or replace (200) a user's basket, priced from the catalog.
 * The body's userName must be the caller's own (admins may write any).
 */
export const saveBasketHandler = ({
  findCatalogProduct,
  saveBasket,
  now,
  ...deps
}: HttpDeps & { findCatalogProduct: FindCatalogProduct; saveBasket: SaveBasket; now: () => Date }) =>
  httpHandler(
    { ...deps, maxBodyBytes: MAX_BASKET_BODY_BYTES, request: { body: saveBasketSchema } },
    async ({ body, identity }) => {
      assertActsFor(identity, body.userName);
      const basket = await priceBasket(body, { findCatalogProduct, now });
      const { created: isNew } = await saveBasket(basket);
      return isNew ? created(basketLocation(basket.userName), basketView(basket)) : ok(basketView(basket));
    },
  );
