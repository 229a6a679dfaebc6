import {
  CheckoutBasket,
  type CheckoutBasketDetail,
  ConflictError,
  type PublishEvent,
  userNameSchema,
} from '@eshop/shared';
import * as z from 'zod';
import { CURRENCY } from './basket.js';
import type {
  BeginCheckout,
  CompleteCheckout,
  FindBasket,
  FindCatalogProduct,
  FindCheckoutByKey,
  RememberCheckoutKey,
} from './ports.js';
import { lookUpProducts, priceLine } from './pricing.js';

/**
 * Body of `POST /basket/checkout`, as the original reference's clients send it. `totalPrice` is
 * accepted and ignored (totals are computed from the catalog); `cardInfo` is reduced to its last
 * four digits at once and never stored, logged or published in full.
 */
export const checkoutRequestSchema = z.strictObject({
  userName: userNameSchema,
  firstName: z.string().trim().min(1).max(100),
  lastName: z.string().trim().min(1).max(100),
  email: z.email().max(254),
  address: z.string().trim().min(1).max(500),
  paymentMethod: z
    .union([z.string().trim().min(1).max(50), z.number().int().nonnegative()])
    .transform(String),
  cardInfo: z
    .string()
    .transform((card) => card.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^\d{4,19}$/, 'Must be 4-19 digits'))
    .transform((digits) => digits.slice(-4))
    .optional(),
  totalPrice: z.number().optional(),
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
  findCatalogProduct: FindCatalogProduct;
  findCheckoutByKey: FindCheckoutByKey;
  beginCheckout: BeginCheckout;
  rememberCheckoutKey: RememberCheckoutKey;
  completeCheckout: CompleteCheckout;
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

/**
 * Checks a basket out so that a success means the order will exist, and anything else leaves the
 * basket intact and the request safe to retry:
 *
 * 1. prepare: price the basket from the catalog and attach the event (with a new checkoutId) to the
 *    basket, atomically with the Idempotency-Key record, only if the basket is unchanged;
 * 2. publish the event; a failure here is a 503 and the basket keeps its pending checkout;
 * 3. complete: delete the basket, then mark the key's record completed.
 *
 * A retry (same key, or any checkout of a basket with a pending checkout) resumes from step 2 with
 * the same event, so a crash anywhere republishes at most the same checkoutId, which ordering
 * deduplicates. A retry after completion with the same key returns the same result.
 */
export const checkout =
  (deps: CheckoutDeps) =>
  async (
    request: CheckoutRequest,
    { idempotencyKey, correlationId }: { idempotencyKey?: string; correlationId: string },
  ): Promise<CheckoutResult> => {
    const finish = async (detail: CheckoutBasketDetail): Promise<CheckoutResult> => {
      await deps.publishEvent(CheckoutBasket, detail);
      await deps.completeCheckout(detail, idempotencyKey);
      return resultOf(detail, false);
    };

    if (idempotencyKey !== undefined) {
      const earlier = await deps.findCheckoutByKey(request.userName, idempotencyKey);
      if (earlier?.completed) return resultOf(earlier.detail, true);
      if (earlier !== undefined) return finish(earlier.detail);
    }

    const basket = await deps.findBasket(request.userName);
    if (basket?.pendingCheckout !== undefined) {
      // A retry under a new key resumes the same checkout; let that key replay it later too.
      if (idempotencyKey !== undefined) {
        await deps.rememberCheckoutKey(request.userName, idempotencyKey, basket.pendingCheckout);
      }
      return finish(basket.pendingCheckout);
    }
    if (basket === undefined || basket.lines.length === 0) {
      throw new ConflictError(`The basket of ${request.userName} is empty; add items before checking out`);
    }

    const products = await lookUpProducts(
      basket.lines.map((line) => line.productId),
      deps.findCatalogProduct,
    );
    const gone = basket.lines.filter((line) => products.get(line.productId) === undefined);
    if (gone.length > 0) {
      throw new ConflictError(
        `The basket holds products no longer in the catalog: ${gone.map((l) => l.productId).join(', ')}. Update the basket and retry.`,
      );
    }
    const items = basket.lines.map((line) => {
      const priced = priceLine(
        line,
        products.get(line.productId) as NonNullable<ReturnType<typeof products.get>>,
      );
      return {
        productId: priced.productId,
        productName: priced.productName,
        quantity: priced.quantity,
        unitPrice: priced.unitPrice,
        lineTotal: priced.unitPrice * priced.quantity,
        ...(priced.color === undefined ? {} : { color: priced.color }),
      };
    });
    const detail: CheckoutBasketDetail = {
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
      items,
      total: items.reduce((sum, item) => sum + item.lineTotal, 0),
      currency: CURRENCY,
      checkedOutAt: deps.now().toISOString(),
    };
    if (!(await deps.beginCheckout(basket, detail, idempotencyKey))) {
      throw new ConflictError('The basket changed while checking out; review it and retry');
    }
    return finish(detail);
  };
