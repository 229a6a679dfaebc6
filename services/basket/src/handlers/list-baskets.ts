import { cursorParam, type HttpDeps, httpHandler, limitParam, ok } from '@eshop/shared';
import * as z from 'zod';
import { basketView } from '../domain/basket.js';
import type { ListBaskets } from '../domain/ports.js';

const listQuery = z.object({ limit: limitParam, cursor: cursorParam });

/** GET /basket[?limit=&cursor=] → `{ items, nextCursor? }`; admins only. */
export const listBasketsHandler = ({
  listBaskets,
  now,
  ...deps
}: HttpDeps & { listBaskets: ListBaskets; now: () => Date }) =>
  httpHandler({ ...deps, access: 'admin', request: { query: listQuery } }, async ({ query }) => {
    const page = await listBaskets(query);
    const at = now();
    return ok({ ...page, items: page.items.map((basket) => basketView(basket, at)) });
  });
