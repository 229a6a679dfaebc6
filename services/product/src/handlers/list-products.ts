import { cursorParam, type HttpDeps, httpHandler, limitParam, ok, productIdSchema } from '@eshop/shared';
import * as z from '@eshop/shared/zod';
import type { FindProducts, ListProducts } from '../domain/ports.js';
import { MAX_PRODUCTS_PER_LOOKUP } from '../domain/product.js';

/** `?ids=a,b,c`: up to 100 product ids, comma-separated (ids never contain a comma). */
const idsParam = z.optional(
  z.pipe(
    z.pipe(
      z.string(),
      z.transform((ids) => ids.split(',')),
    ),
    z
      .array(productIdSchema)
      .check(z.minLength(1), z.maxLength(MAX_PRODUCTS_PER_LOOKUP, `At most ${MAX_PRODUCTS_PER_LOOKUP} ids`)),
  ),
);

const listQuery = z
  .object({
    category: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))),
    limit: limitParam,
    cursor: cursorParam,
    ids: idsParam,
  })
  .check(
    z.refine(
      (query) => query.ids === undefined || (query.category === undefined && query.cursor === undefined),
      { path: ['ids'], message: 'ids cannot be combined with category or cursor' },
    ),
  );

/**
 * GET /product[?category=&limit=&cursor=] → `{ items, nextCursor? }`.
 * GET /product?ids=a,b → `{ items }`: the products among those ids that exist, in the order asked,
 * in one page (one lookup for a whole basket, instead of one request per line).
 */
export const listProductsHandler = ({
  listProducts,
  findProducts,
  ...deps
}: HttpDeps & { listProducts: ListProducts; findProducts: FindProducts }) =>
  httpHandler({ ...deps, access: 'public', request: { query: listQuery } }, async ({ query }) =>
    ok(query.ids === undefined ? await listProducts(query) : { items: await findProducts(query.ids) }),
  );
