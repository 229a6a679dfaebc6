import type { CheckoutBasketDetail, Page, PublishEvent } from '@eshop/shared';
import type { Basket } from './basket.js';
import type { PendingCheckoutGuard } from './pending-checkout.js';

/** What the basket needs from the catalog: name and price, or undefined for an unknown product. */
export interface CatalogProduct {
  id: string;
  name: string;
  price: number;
}
/** The catalog's products among these ids, by id; an id the map lacks is not in the catalog. */
export type FindCatalogProducts = (productIds: readonly string[]) => Promise<Map<string, CatalogProduct>>;

export type FindBasket = (userName: string) => Promise<Basket | undefined>;
/** A basket write refused because the basket carries a checkout that is still pending. */
export interface BlockedByCheckout {
  pendingCheckout: CheckoutBasketDetail;
}
/**
 * Replaces the basket (dropping an expired pending checkout), unless it carries a checkout started
 * after `guard.startedAfter`. `created` when there was no basket before.
 */
export type SaveBasket = (
  basket: Basket,
  guard: PendingCheckoutGuard,
) => Promise<{ created: boolean } | BlockedByCheckout>;
/** Deletes the basket if there is one, unless it carries a checkout started after the guard's time. */
export type DeleteBasket = (
  userName: string,
  guard: PendingCheckoutGuard,
) => Promise<BlockedByCheckout | undefined>;
export type ListBaskets = (query: { limit: number; cursor?: string }) => Promise<Page<Basket>>;

/**
 * The checkout an Idempotency-Key stands for. `completed` is only ever true on records written
 * before completion was recorded per checkout (see `IsCheckoutCompleted`).
 */
export interface CheckoutRecord {
  detail: CheckoutBasketDetail;
  completed: boolean;
}

/** The checkout an idempotency key already started or resumed, if any. */
export type FindCheckoutByKey = (
  userName: string,
  idempotencyKey: string,
) => Promise<CheckoutRecord | undefined>;
/**
 * Atomically attaches a prepared checkout to the basket revision it priced (only if that is still
 * the basket's revision and no checkout is pending on it) and records the idempotency key:
 * `begun`; `changed` when a condition failed (the basket changed, a checkout is pending, the key
 * is taken); `busy` when DynamoDB cancelled it for another reason (a conflicting transaction,
 * throttling), which a retry may get past. A resent request that had committed is `begun`.
 */
export type BeginCheckout = (
  basket: Basket,
  detail: CheckoutBasketDetail,
  idempotencyKey: string | undefined,
) => Promise<'begun' | 'changed' | 'busy'>;
/**
 * Records that an idempotency key stands for an already prepared checkout (a retry with a new key
 * that resumed it), so later retries with that key replay it. Keeps an existing record as it is.
 */
export type RememberCheckoutKey = (
  userName: string,
  idempotencyKey: string,
  detail: CheckoutBasketDetail,
) => Promise<void>;
/**
 * Records that the checkout completed (its event was accepted) and, atomically, deletes the basket
 * if it still carries it. Safe to repeat.
 */
export type CompleteCheckout = (detail: CheckoutBasketDetail) => Promise<void>;
/** True once `CompleteCheckout` ran for this checkout (remembered as long as key records are). */
export type IsCheckoutCompleted = (userName: string, checkoutId: string) => Promise<boolean>;

export type { PublishEvent };
