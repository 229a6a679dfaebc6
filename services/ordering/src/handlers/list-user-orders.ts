import {
  assertActsFor,
  cursorParam,
  type HttpDeps,
  httpHandler,
  limitParam,
  ok,
  userNameSchema,
} from '@eshop/shared';
import * as z from '@eshop/shared/zod';
import { orderDatePrefixSchema } from '../domain/order-date-prefix.js';
import type { ListUserOrders } from '../domain/ports.js';

const userPath = z.object({ userName: userNameSchema });
const userQuery = z.object({
  orderDate: z.optional(orderDatePrefixSchema),
  limit: limitParam,
  cursor: cursorParam,
});

/**
 * GET /order/{userName}[?orderDate=&limit=&cursor=] → the user's orders, newest first. A user
 * without orders gets `{ items: [] }`: the list exists, it is just empty. Only the user (or an
 * admin) may read them.
 */
export const listUserOrdersHandler = ({
  listUserOrders,
  ...deps
}: HttpDeps & { listUserOrders: ListUserOrders }) =>
  httpHandler(
    { ...deps, request: { path: userPath, query: userQuery } },
    async ({ path, query, identity }) => {
      assertActsFor(identity, path.userName);
      return ok(await listUserOrders({ userName: path.userName, ...query }));
    },
  );
