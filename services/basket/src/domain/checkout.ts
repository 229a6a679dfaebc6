import {
  CheckoutBasket,
  type CheckoutBasketDetail,
  ConflictError,
  type PublishEvent,
  ServiceUnavailableError,
  userNameSchema,
} from '@eshop/shared';
import * as z from '@eshop/shared/zod';
import { type Basket, CURRENCY } from './basket.js';
import {
  checkoutExpiredError,
  checkoutPendingError,
  idempotencyKeyReusedError,
  isSameCheckoutRequest,
  mayStillPublish,
} from './pending-checkout.js';
import type {
  BeginCheckout,
  CheckoutRecord,
  CompleteCheckout,
  FindBasket,
  FindCatalogProducts,
  FindCheckoutByKey,
  IsCheckoutCompleted,
  RememberCheckoutKey,
} from './ports.js';
import { lookUpProducts, priceLine } from './pricing.js';

/**
 * Body of `POST /basket/checkout`, as the original reference's clients send it. `totalPrice` is
 * accepted and ignored (totals are computed from the catalog); `cardInfo` is reduced to its last
 * four digits at once and never stored, logged or published in full.
 */
const trimmed = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));

export const checkoutRequestSchema = z.strictObject({
  userName: userNameSchema,
  firstName: trimmed(100),
  lastName: trimmed(100),
  email: z.email().check(z.maxLength(254)),
  address: trimmed(500),
  paymentMethod: z.pipe(
    z.union([trimmed(50), z.number().check(z.int(), z.nonnegative())]),
    z.transform(String),
  ),
  cardInfo: z.optional(
    z.pipe(
      z.pipe(
        z.string(),
        z.transform((card) => card.replace(/[\s-]/g, '')),
      ),
      z.pipe(
        z.string().check(z.regex(/^\d{4,19}$/, 'Must be 4-19 digits')),
        z.transform((digits) => digits.slice(-4)),
      ),
    ),
  ),
  totalPrice: z.optional(z.number()),
});
export type CheckoutRequest = z.output<typeof checkoutRequestSchema>;

export interface CheckoutResult {
  checkoutId: string;
  total: number;
  currency: string;
  /** True when this answers a retry of a checkout that had already completed. */
  replayed: boolean;
}

export interface CheckoutDeps {
  findBasket: FindBasket;
  findCatalogProducts: FindCatalogProducts;
  findCheckoutByKey: FindCheckoutByKey;
  beginCheckout: BeginCheckout;
  rememberCheckoutKey: RememberCheckoutKey;
  completeCheckout: CompleteCheckout;
  isCheckoutCompleted: IsCheckoutCompleted;
  publishEvent: PublishEvent;
  now: () => Date;
  newId: () => string;
}

const resultOf = (detail: CheckoutBasketDetail, replayed: boolean): CheckoutResult => ({
  checkoutId: detail.checkoutId,
  total: detail.total,
  currency: detail.currency,
  replayed,
});

/** The CheckoutBasket event of a basket, priced from the catalog now; 409 if a product left it. */
const prepareCheckout = async (
  basket: Basket,
  request: CheckoutRequest,
  { correlationId, deps }: { correlationId: string; deps: CheckoutDeps },
): Promise<CheckoutBasketDetail> => {
  const products = await lookUpProducts(
    basket.lines.map((line) => line.productId),
    deps.findCatalogProducts,
  );
  const items = basket.lines.map((line) => {
    const product = products.get(line.productId);
    if (product === undefined) return undefined;
    const priced = priceLine(line, product);
    return {
      productId: priced.productId,
      productName: priced.productName,
      quantity: priced.quantity,
      unitPrice: priced.unitPrice,
      lineTotal: priced.unitPrice * priced.quantity,
      ...(priced.color === undefined ? {} : { color: priced.color }),
    };
  });
  const gone = basket.lines.filter((_, index) => items[index] === undefined).map((line) => line.productId);
  if (gone.length > 0) {
    throw new ConflictError(
      `The basket holds products no longer in the catalog: ${gone.join(', ')}. Update the basket and retry.`,
      { members: { reason: 'products-unavailable' } },
    );
  }
  const lines = items.filter((item) => item !== undefined);
  return {
    version: '1',
    checkoutId: deps.newId(),
    correlationId,
    userName: request.userName,
    buyer: {
      firstName: request.firstName,
      lastName: request.lastName,
      email: request.email,
      address: request.address,
    },
    payment: {
      method: request.paymentMethod,
      ...(request.cardInfo === undefined ? {} : { cardLast4: request.cardInfo }),
    },
    items: lines,
    total: lines.reduce((sum, item) => sum + item.lineTotal, 0),
    currency: CURRENCY,
    checkedOutAt: deps.now().toISOString(),
  };
};

/**
 * Checks a basket out so that a success means the order will exist, and anything else leaves the
 * basket intact and the request safe to retry:
 *
 * 1. prepare: price the basket from the catalog and attach the event (with a new checkoutId) to the
 *    basket revision that was priced, atomically with the Idempotency-Key record;
 * 2. publish the event; a failure here is a 503 and the checkout stays pending on the basket;
 * 3. complete: record the checkout completed and delete the basket, atomically.
 *
 * A pending checkout is only ever republished unchanged (ordering deduplicates by checkoutId), by
 * a retry with its key or its buyer and payment, until it expires (pending-checkout.ts). A retry
 * that overlaps the first attempt finds the first attempt's checkout through the key and answers
 * what the first attempt answers; a retry after completion replays it.
 */
export const checkout =
  (deps: CheckoutDeps) =>
  async (
    request: CheckoutRequest,
    { idempotencyKey, correlationId }: { idempotencyKey?: string; correlationId: string },
  ): Promise<CheckoutResult> => {
    const { userName } = request;
    const checkoutOfKey = async () =>
      idempotencyKey === undefined ? undefined : deps.findCheckoutByKey(userName, idempotencyKey);

    const publishAndComplete = async (detail: CheckoutBasketDetail): Promise<CheckoutResult> => {
      if (!mayStillPublish(detail, deps.now())) throw checkoutExpiredError(detail);
      await deps.publishEvent(CheckoutBasket, detail);
      await deps.completeCheckout(detail);
      return resultOf(detail, false);
    };

    /** A retry of the checkout this request's key stands for. */
    const resumeOwn = async ({ detail, completed }: CheckoutRecord): Promise<CheckoutResult> => {
      if (!isSameCheckoutRequest(detail, request)) throw idempotencyKeyReusedError(detail);
      if (completed) return resultOf(detail, true);
      const basket = await deps.findBasket(userName);
      if (basket?.pendingCheckout?.checkoutId === detail.checkoutId) return publishAndComplete(detail);
      if (await deps.isCheckoutCompleted(userName, detail.checkoutId)) return resultOf(detail, true);
      // Neither on the basket nor completed: it expired, and the basket was replaced or deleted.
      throw checkoutExpiredError(detail);
    };

    /** A checkout request that finds a checkout pending on the basket. */
    const resumePending = async (pending: CheckoutBasketDetail): Promise<CheckoutResult> => {
      // An overlapping attempt with this request's key may have prepared it.
      const own = await checkoutOfKey();
      if (own !== undefined) return resumeOwn(own);
      // Checked before anything is written: a refused request leaves no trace.
      if (!mayStillPublish(pending, deps.now())) throw checkoutExpiredError(pending);
      if (!isSameCheckoutRequest(pending, request)) throw checkoutPendingError(pending, 'checkout');
      if (idempotencyKey !== undefined) await deps.rememberCheckoutKey(userName, idempotencyKey, pending);
      return publishAndComplete(pending);
    };

    const own = await checkoutOfKey();
    if (own !== undefined) return resumeOwn(own);

    const basket = await deps.findBasket(userName);
    if (basket?.pendingCheckout !== undefined) return resumePending(basket.pendingCheckout);
    if (basket === undefined || basket.lines.length === 0) {
      // An overlapping attempt with this key may have completed and emptied it.
      const completedMeanwhile = await checkoutOfKey();
      if (completedMeanwhile !== undefined) return resumeOwn(completedMeanwhile);
      throw new ConflictError(`The basket of ${userName} is empty; add items before checking out`, {
        members: { reason: 'basket-empty' },
      });
    }

    const detail = await prepareCheckout(basket, request, { correlationId, deps });
    const outcome = await deps.beginCheckout(basket, detail, idempotencyKey);
    if (outcome === 'begun') return publishAndComplete(detail);

    // Another request got there first: an overlapping attempt with this key, another checkout of
    // the basket (a double click without a key) or a change of the basket.
    const first = await checkoutOfKey();
    if (first !== undefined) return resumeOwn(first);
    if (outcome === 'busy') {
      throw new ServiceUnavailableError('The basket is busy with another request; retry shortly', 1);
    }
    const current = await deps.findBasket(userName);
    if (current?.pendingCheckout !== undefined) return resumePending(current.pendingCheckout);
    throw new ConflictError('The basket changed while checking out; review it and retry', {
      members: { reason: 'basket-changed' },
    });
  };
