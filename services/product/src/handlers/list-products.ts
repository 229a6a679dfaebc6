import { cursorParam, httpHandler, limitParam, ok } from '@eshop/shared';
import * as z from 'zod';
import type { ListProducts } from '../domain/ports.js';
import type { HttpDeps } from './http-options.js';

const listQuery = z.object({
  category: z.string().trim().min(1).max(100).optional(),
  limit: limitParam,
  cursor: cursorParam,
});

/** GET /product[?category=&limit=&cursor=] → `{ items, nextCursor? }`. */
export const createListProductsHandler = (deps: HttpDeps & { listProducts: ListProducts }) =>
  httpHandler({ ...deps, access: 'public', request: { query: listQuery } }, async ({ query }) =>
    ok(await deps.listProducts(query)),
  );
