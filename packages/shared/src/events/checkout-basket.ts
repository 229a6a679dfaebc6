import * as z from 'zod';
import { defineEvent } from './event-definition.js';
import { productIdSchema, userNameSchema } from './identifiers.js';

const minorUnits = z.number().int().nonnegative();

/** A priced line of a checked-out basket. Prices come from the catalog, never from the client. */
export const checkoutItemSchema = z.object({
  productId: productIdSchema,
  productName: z.string().min(1).max(200),
  quantity: z.number().int().positive().max(1000),
  /** Catalog price per unit, in minor units (cents). */
  unitPrice: minorUnits,
  /** unitPrice × quantity */
  lineTotal: minorUnits,
  color: z.string().max(50).optional(),
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
      correlationId: z.string().min(1).max(128),
      userName: userNameSchema,
      buyer: z.object({
        firstName: z.string().min(1).max(100),
        lastName: z.string().min(1).max(100),
        email: z.email().max(254),
        address: z.string().min(1).max(500),
      }),
      payment: z.object({
        method: z.string().min(1).max(50),
        cardLast4: z
          .string()
          .regex(/^\d{4}$/)
          .optional(),
      }),
      items: z.array(checkoutItemSchema).min(1).max(100),
      total: minorUnits,
      currency: z.string().length(3),
      checkedOutAt: z.iso.datetime(),
    })
    .refine((d) => d.items.every((i) => i.lineTotal === i.unitPrice * i.quantity), {
      message: 'Every lineTotal must equal unitPrice × quantity',
      path: ['items'],
    })
    .refine((d) => d.total === d.items.reduce((sum, i) => sum + i.lineTotal, 0), {
      message: 'total must equal the sum of the line totals',
      path: ['total'],
    }),
});
export type CheckoutBasketDetail = z.output<typeof CheckoutBasket.detail>;
