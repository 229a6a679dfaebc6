import type { $ZodType } from 'zod/v4/core';
import * as z from '../zod.js';

/**
 * The schema of a page of a list (`Page<T>` in `@eshop/shared`): its items and, unless it is the
 * last page, the opaque cursor of the next one.
 *
 * @example
 * const productPageSchema = pageSchemaOf(productSchema);
 */
export const pageSchemaOf = <T extends $ZodType>(item: T) =>
  z.strictObject({ items: z.array(item), nextCursor: z.optional(z.string().check(z.minLength(1))) });

/** The shape of an OpenAPI document, as GET /openapi.json answers it. */
export const apiDocumentSchema = z.looseObject({
  openapi: z.string().check(z.regex(/^3\.1\.\d+$/)),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.unknown()),
});
