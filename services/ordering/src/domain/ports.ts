import type { Page } from '@eshop/shared';
import type { Order } from './order.js';

/**
 * Stores an order unless its checkout already has one (whatever that order's key): `placed`, or
 * not, with the order stored for the checkout (`existing`, undefined if it could not be read).
 * Other failures throw.
 */
export type SaveNewOrder = (
  order: Order,
) => Promise<{ placed: true } | { placed: false; existing: Order | undefined }>;

export interface OrderListQuery {
  limit: number;
  cursor?: string;
}

export interface UserOrdersQuery extends OrderListQuery {
  userName: string;
  /** Only orders whose orderDate starts with this (a day, a month, a full timestamp...). */
  orderDate?: string;
}

/** One page of every order, in no particular order. */
export type ListOrders = (query: OrderListQuery) => Promise<Page<Order>>;

/** One page of one user's orders, newest first. */
export type ListUserOrders = (query: UserOrdersQuery) => Promise<Page<Order>>;
