import { cursorParam, type HttpDeps, httpHandler, limitParam, ok } from '@eshop/shared';
import * as z from 'zod';
import type { ListProducts } from '../domain/ports.js';

const listQuery = z.object({
  category: z.string().trim().min(1).max(100).optional(),
  limit: limitParam,
  cursor: cursorParam,
});

/** GET /product[?category=&limit=&cursor=] → `{ items, nextCursor? }`. */
export const listProductsHandler = ({ listProducts, ...deps }: HttpDeps & { listProducts: ListProducts }) =>
  httpHandler({ ...deps, access: 'public', request: { query: listQuery } }, async ({ query }) =>
    ok(await listProducts(query)),
  );
