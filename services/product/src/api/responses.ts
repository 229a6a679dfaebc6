import { pageSchemaOf } from '@eshop/shared/openapi';
import * as z from '@eshop/shared/zod';
import type { Product } from '../domain/product.js';

/** A product as every endpoint answers it. Typed as the domain's `Product`, so the two cannot drift. */
export const productSchema: z.ZodMiniType<Product> = z.strictObject({
  id: z.string().check(z.minLength(1)),
  name: z.string(),
  description: z.string(),
  category: z.string(),
  price: z.int().check(z.gte(0)),
  imageUrl: z.optional(z.string()),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.int().check(z.gte(1)),
});

export const productPageSchema = pageSchemaOf(productSchema);
