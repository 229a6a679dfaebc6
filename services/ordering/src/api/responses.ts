import { checkoutItemSchema } from '@eshop/shared';
import { pageSchemaOf } from '@eshop/shared/openapi';
import * as z from '@eshop/shared/zod';
import type { Order } from '../domain/order.js';

const cents = z.int().check(z.gte(0));

/** An order as the API answers it. Typed as the domain's `Order`, so the two cannot drift. */
export const orderSchema: z.ZodMiniType<Order> = z.strictObject({
  orderId: z.uuid(),
  checkoutId: z.uuid(),
  userName: z.string(),
  buyer: z.strictObject({
    firstName: z.string(),
    lastName: z.string(),
    email: z.string(),
    address: z.string(),
  }),
  payment: z.strictObject({
    method: z.string(),
    cardLast4: z.optional(z.string().check(z.regex(/^\d{4}$/))),
  }),
  // The priced lines of the CheckoutBasket contract, as the API answers them.
  items: z.array(z.strictObject(checkoutItemSchema.shape)),
  total: cents,
  currency: z.string().check(z.length(3)),
  status: z.literal('PLACED'),
  orderDate: z.iso.datetime(),
  correlationId: z.string(),
  createdAt: z.iso.datetime(),
});

export const orderPageSchema = pageSchemaOf(orderSchema);
