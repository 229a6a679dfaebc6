import type { Basket } from './basket.js';
import { checkoutPendingError, pendingCheckoutGuard } from './pending-checkout.js';
import type { DeleteBasket, FindCatalogProducts, SaveBasket } from './ports.js';
import { priceBasket } from './pricing.js';
import type { SaveBasketRequest } from './save-basket-request.js';

export interface ReplaceBasketDeps {
  findCatalogProducts: FindCatalogProducts;
  saveBasket: SaveBasket;
  now: () => Date;
  newId: () => string;
}

/**
 * Creates or replaces a user's basket, priced from the catalog, as a new revision. Refused (409)
 * while a checkout of the current basket is pending: dropping it could let the same lines be
 * ordered twice. An expired pending checkout is dropped with the lines it was for.
 */
export const replaceBasket =
  (deps: ReplaceBasketDeps) =>
  async (request: SaveBasketRequest): Promise<{ basket: Basket; created: boolean }> => {
    const basket = await priceBasket(request, deps);
    const saved = await deps.saveBasket(basket, pendingCheckoutGuard(deps.now()));
    if ('pendingCheckout' in saved) throw checkoutPendingError(saved.pendingCheckout, 'change');
    return { basket, created: saved.created };
  };

/** Deletes a user's basket (idempotent), refused (409) like a replace while a checkout is pending. */
export const removeBasket =
  (deps: { deleteBasket: DeleteBasket; now: () => Date }) =>
  async (userName: string): Promise<void> => {
    const blocked = await deps.deleteBasket(userName, pendingCheckoutGuard(deps.now()));
    if (blocked !== undefined) throw checkoutPendingError(blocked.pendingCheckout, 'change');
  };
