import { cursorParam, type HttpDeps, httpHandler, limitParam, ok } from '@eshop/shared';
import * as z from '@eshop/shared/zod';
import type { ListOrders } from '../domain/ports.js';

const listQuery = z.object({ limit: limitParam, cursor: cursorParam });

/** GET /order[?limit=&cursor=] → `{ items, nextCursor? }` over every user's orders; admins only. */
export const listOrdersHandler = ({ listOrders, ...deps }: HttpDeps & { listOrders: ListOrders }) =>
  httpHandler({ ...deps, access: 'admin', request: { query: listQuery } }, async ({ query }) =>
    ok(await listOrders(query)),
  );
