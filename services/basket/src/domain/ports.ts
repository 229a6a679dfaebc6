import type { CheckoutBasketDetail, Page, PublishEvent } from '@eshop/shared';
import type { Basket } from './basket.js';

/** What the basket needs from the catalog: name and price, or undefined for an unknown product. */
export interface CatalogProduct {
  id: string;
  name: string;
  price: number;
}
export type FindCatalogProduct = (productId: string) => Promise<CatalogProduct | undefined>;

export type FindBasket = (userName: string) => Promise<Basket | undefined>;
/** Replaces the basket (dropping any pending checkout); true when there was none before. */
export type SaveBasket = (basket: Basket) => Promise<{ created: boolean }>;
export type DeleteBasket = (userName: string) => Promise<void>;
export type ListBaskets = (query: { limit: number; cursor?: string }) => Promise<Page<Basket>>;

/** A checkout that has been prepared; `completed` once the event was accepted and the basket emptied. */
export interface CheckoutRecord {
  detail: CheckoutBasketDetail;
  completed: boolean;
}

/** The checkout an idempotency key already started, if any. */
export type FindCheckoutByKey = (
  userName: string,
  idempotencyKey: string,
) => Promise<CheckoutRecord | undefined>;
/**
 * Atomically attaches a prepared checkout to the basket as it was read (same `updatedAt`, no
 * pending checkout) and records the idempotency key. False when the basket changed meanwhile.
 */
export type BeginCheckout = (
  basket: Basket,
  detail: CheckoutBasketDetail,
  idempotencyKey: string | undefined,
) => Promise<boolean>;
/**
 * Records that an idempotency key stands for an already prepared checkout (a retry with a new key
 * that resumed it), so later retries with that key replay it. Keeps an existing record as it is.
 */
export type RememberCheckoutKey = (
  userName: string,
  idempotencyKey: string,
  detail: CheckoutBasketDetail,
) => Promise<void>;
/** Atomically deletes the basket that carries this checkout and marks the key's record completed. */
export type CompleteCheckout = (
  detail: CheckoutBasketDetail,
  idempotencyKey: string | undefined,
) => Promise<void>;

export type { PublishEvent };
