import { productIdSchema, userNameSchema } from '@eshop/shared';
import * as z from '@eshop/shared/zod';
import { MAX_LINES, MAX_QUANTITY_PER_LINE } from './basket.js';

// Apart from basket.ts so that only saveBasket builds it at init, not every function that
// reads or checks out a basket (issue 14).

/**
 * Body of `POST /basket`, compatible with the original reference's clients: they also send
 * `productName` and `price` per item, which are accepted and ignored — names and prices come from
 * the catalog, never from the client.
 */
export const saveBasketSchema = z.strictObject({
  userName: userNameSchema,
  items: z
    .array(
      z.strictObject({
        productId: productIdSchema,
        quantity: z
          .number()
          .check(z.int('Must be a whole number'), z.minimum(1), z.maximum(MAX_QUANTITY_PER_LINE)),
        color: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(50))),
        productName: z.optional(z.string().check(z.maxLength(200))),
        price: z.optional(z.number()),
      }),
    )
    .check(z.maxLength(MAX_LINES)),
});
export type SaveBasketRequest = z.output<typeof saveBasketSchema>;
