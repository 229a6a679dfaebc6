import { checkoutItemSchema } from '@eshop/shared';
import { pageSchemaOf } from '@eshop/shared/openapi';
import * as z from '@eshop/shared/zod';
import type { basketView } from '../domain/basket.js';

const cents = z.int().check(z.gte(0));

/** A basket as the API answers it. Typed as the domain's view, so the two cannot drift. */
export const basketSchema: z.ZodMiniType<ReturnType<typeof basketView>> = z.strictObject({
  userName: z.string(),
  // The priced lines of the CheckoutBasket contract, as the API answers them.
  items: z.array(z.strictObject(checkoutItemSchema.shape)),
  total: cents,
  currency: z.string().check(z.length(3)),
  updatedAt: z.iso.datetime(),
  pendingCheckout: z.optional(
    z.strictObject({
      checkoutId: z.uuid(),
      status: z.enum(['PENDING', 'EXPIRED']),
      total: cents,
      currency: z.string().check(z.length(3)),
      checkedOutAt: z.iso.datetime(),
      expiresAt: z.iso.datetime(),
    }),
  ),
});

export const basketPageSchema = pageSchemaOf(basketSchema);

/** The 202 of POST /basket/checkout. */
export const checkoutAcceptedSchema = z.strictObject({
  checkoutId: z.uuid(),
  total: cents,
  currency: z.string().check(z.length(3)),
  status: z.literal('ACCEPTED'),
});
