import { cursorParam, type HttpDeps, httpHandler, limitParam, ok } from '@eshop/shared';
import * as z from '@eshop/shared/zod';
import type { ListProducts } from '../domain/ports.js';

const listQuery = z.object({
  category: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))),
  limit: limitParam,
  cursor: cursorParam,
});

/** GET /product[?category=&limit=&cursor=] → `{ items, nextCursor? }`. */
export const listProductsHandler = ({ listProducts, ...deps }: HttpDeps & { listProducts: ListProducts }) =>
  httpHandler({ ...deps, access: 'public', request: { query: listQuery } }, async ({ query }) =>
    ok(await listProducts(query)),
  );
