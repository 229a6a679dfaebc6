import { type CheckoutBasketDetail, ConflictError } from '@eshop/shared';

/**
 * The rules of a pending checkout: one that was prepared (priced and attached to the basket) but
 * not completed, because its attempt failed (503) or died. Any attempt may have reached the bus,
 * so its basket is never checked out under another checkout id while it is pending:
 *
 * - it is completed only by republishing it unchanged (ordering keeps one order per checkout
 *   id), by a retry with its Idempotency-Key or with the same buyer and payment details;
 * - other checkouts of the basket, and replacing or deleting the basket, are refused (409);
 * - it expires 15 minutes after it started: no attempt publishes it after that, and the basket
 *   can be changed (and then checked out as a new checkout) again.
 */
export const PENDING_CHECKOUT_LIFETIME_MS = 15 * 60_000;

/**
 * No attempt starts publishing a checkout this close to its expiry, so none publishes it after:
 * longer than a basket function may run (API Gateway gives up on it after 30 s).
 */
export const PUBLISH_CUTOFF_MS = 30_000;

/** Checkouts started after `startedAfter` are pending still; a write must not drop one. */
export interface PendingCheckoutGuard {
  startedAfter: string;
}

export const expiresAtOf = (checkout: CheckoutBasketDetail): Date =>
  new Date(Date.parse(checkout.checkedOutAt) + PENDING_CHECKOUT_LIFETIME_MS);

export const isExpired = (checkout: CheckoutBasketDetail, now: Date): boolean =>
  now.getTime() >= expiresAtOf(checkout).getTime();

export const mayStillPublish = (checkout: CheckoutBasketDetail, now: Date): boolean =>
  now.getTime() < expiresAtOf(checkout).getTime() - PUBLISH_CUTOFF_MS;

/** What keeps a basket write from dropping a checkout that has not expired at `now`. */
export const pendingCheckoutGuard = (now: Date): PendingCheckoutGuard => ({
  startedAfter: new Date(now.getTime() - PENDING_CHECKOUT_LIFETIME_MS).toISOString(),
});

/** The buyer and payment of a checkout request, as a checkout records them. */
export interface CheckoutParty {
  userName: string;
  firstName: string;
  lastName: string;
  email: string;
  address: string;
  paymentMethod: string;
  cardInfo?: string;
}

/** True when a request asks for exactly this checkout: same user, buyer and payment. */
export const isSameCheckoutRequest = (checkout: CheckoutBasketDetail, request: CheckoutParty): boolean =>
  checkout.userName === request.userName &&
  checkout.buyer.firstName === request.firstName &&
  checkout.buyer.lastName === request.lastName &&
  checkout.buyer.email === request.email &&
  checkout.buyer.address === request.address &&
  checkout.payment.method === request.paymentMethod &&
  checkout.payment.cardLast4 === request.cardInfo;

/** A pending checkout as `GET /basket/{userName}` shows it. */
export const pendingCheckoutView = (checkout: CheckoutBasketDetail, now: Date) => ({
  checkoutId: checkout.checkoutId,
  status: isExpired(checkout, now) ? ('EXPIRED' as const) : ('PENDING' as const),
  total: checkout.total,
  currency: checkout.currency,
  checkedOutAt: checkout.checkedOutAt,
  expiresAt: expiresAtOf(checkout).toISOString(),
});

const HOW_TO_COMPLETE = 'retry it with its Idempotency-Key or the same buyer and payment details';

/** 409: a pending checkout is in the way of this checkout (other details) or basket change. */
export const checkoutPendingError = (checkout: CheckoutBasketDetail, blocked: 'checkout' | 'change') => {
  const expiresAt = expiresAtOf(checkout).toISOString();
  const message =
    blocked === 'checkout'
      ? `Checkout ${checkout.checkoutId} of this basket is pending with other buyer or payment details. ` +
        `To complete it (at the prices it was started with), ${HOW_TO_COMPLETE}. ` +
        `Otherwise it expires at ${expiresAt}; then change the basket and check out again.`
      : `The basket cannot change while checkout ${checkout.checkoutId} is pending. ` +
        `To complete it, ${HOW_TO_COMPLETE}; otherwise change the basket after ${expiresAt}, when it expires.`;
  return new ConflictError(message, {
    members: { reason: 'checkout-pending', checkoutId: checkout.checkoutId, expiresAt },
  });
};

/** 409: the checkout expired (or was abandoned with its basket after that) and is never published. */
export const checkoutExpiredError = (checkout: CheckoutBasketDetail) => {
  const expiresAt = expiresAtOf(checkout).toISOString();
  return new ConflictError(
    `Checkout ${checkout.checkoutId} can no longer complete (its lifetime ends at ${expiresAt}) and will never be published ` +
      '(if an attempt got through despite its error, its order is under GET /order/{userName}). ' +
      'To check out, save the basket again (POST /basket) and check out with a new Idempotency-Key.',
    { members: { reason: 'checkout-expired', checkoutId: checkout.checkoutId, expiresAt } },
  );
};

/** 409: an Idempotency-Key sent again with another buyer or payment than its checkout's. */
export const idempotencyKeyReusedError = (checkout: CheckoutBasketDetail) =>
  new ConflictError(
    `This Idempotency-Key was used for checkout ${checkout.checkoutId} with other buyer or payment details; ` +
      'send a new key for a new checkout.',
    { members: { reason: 'idempotency-key-reused', checkoutId: checkout.checkoutId } },
  );
