import * as z from '../zod.js';
import { defineEvent } from './event-definition.js';
import { productIdSchema, userNameSchema } from './identifiers.js';

const minorUnits = z.number().check(z.int(), z.nonnegative());
const text = (min: number, max: number) => z.string().check(z.minLength(min), z.maxLength(max));

/** A priced line of a checked-out basket. Prices come from the catalog, never from the client. */
export const checkoutItemSchema = z.object({
  productId: productIdSchema,
  productName: text(1, 200),
  quantity: z.number().check(z.int(), z.positive(), z.maximum(1000)),
  /** Catalog price per unit, in minor units (cents). */
  unitPrice: minorUnits,
  /** unitPrice × quantity */
  lineTotal: minorUnits,
  color: z.optional(z.string().check(z.maxLength(50))),
});
export type CheckoutItem = z.output<typeof checkoutItemSchema>;

/**
 * `CheckoutBasket` v1: a user checked out their basket. `checkoutId` is unique per checkout and is
 * the idempotency key downstream: ordering creates exactly one order per checkoutId. Card data is
 * never in here; at most the last four digits.
 */
export const CheckoutBasket = defineEvent({
  source: 'eshop.basket',
  detailType: 'CheckoutBasket',
  version: '1',
  detail: z
    .object({
      version: z.literal('1'),
      checkoutId: z.uuid(),
      correlationId: text(1, 128),
      userName: userNameSchema,
      buyer: z.object({
        firstName: text(1, 100),
        lastName: text(1, 100),
        email: z.email().check(z.maxLength(254)),
        address: text(1, 500),
      }),
      payment: z.object({
        method: text(1, 50),
        cardLast4: z.optional(z.string().check(z.regex(/^\d{4}$/))),
      }),
      items: z.array(checkoutItemSchema).check(z.minLength(1), z.maxLength(100)),
      total: minorUnits,
      currency: z.string().check(z.length(3)),
      checkedOutAt: z.iso.datetime(),
    })
    .check(
      z.refine((d) => d.items.every((i) => i.lineTotal === i.unitPrice * i.quantity), {
        message: 'Every lineTotal must equal unitPrice × quantity',
        path: ['items'],
      }),
      z.refine((d) => d.total === d.items.reduce((sum, i) => sum + i.lineTotal, 0), {
        message: 'total must equal the sum of the line totals',
        path: ['total'],
      }),
    ),
});
export type CheckoutBasketDetail = z.output<typeof CheckoutBasket.detail>;
