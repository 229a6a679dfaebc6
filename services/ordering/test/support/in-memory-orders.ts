import type { Order } from '../../src/domain/order.js';
import type { ListOrders, ListUserOrders, SaveNewOrder } from '../../src/domain/ports.js';
import { orderKey } from '../../src/store/order-table.js';

/** The order ports over a Map keyed like the table, for unit tests (no network). */
export const inMemoryOrders = (initial: Order[] = []) => {
  const keyOf = (order: Order) => JSON.stringify(orderKey(order));
  const orders = new Map(initial.map((order) => [keyOf(order), order]));
  // Like the table's guard: one order per checkout id, whatever its key.
  const saveNewOrder: SaveNewOrder = async (order) => {
    const existing = [...orders.values()].find((stored) => stored.checkoutId === order.checkoutId);
    if (existing !== undefined) return { placed: false, existing };
    orders.set(keyOf(order), order);
    return { placed: true };
  };
  const page = (all: Order[], limit: number, cursor?: string) => {
    const start = cursor === undefined ? 0 : Number(cursor);
    const items = all.slice(start, start + limit);
    return start + limit < all.length ? { items, nextCursor: String(start + limit) } : { items };
  };
  const listOrders: ListOrders = async ({ limit, cursor }) => page([...orders.values()], limit, cursor);
  const listUserOrders: ListUserOrders = async ({ userName, orderDate = '', limit, cursor }) =>
    page(
      [...orders.values()]
        .filter((o) => o.userName === userName && o.orderDate.startsWith(orderDate))
        .sort((a, b) => orderKey(b).orderKey.localeCompare(orderKey(a).orderKey)),
      limit,
      cursor,
    );
  return { orders, saveNewOrder, listOrders, listUserOrders };
};
