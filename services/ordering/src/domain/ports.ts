import type { Page } from '@eshop/shared';
import type { Order } from './order.js';

/**
 * Stores an order unless one with the same key exists; true when it was stored, false when the
 * checkout had already been turned into an order (a redelivery). Other failures throw.
 */
export type SaveNewOrder = (order: Order) => Promise<boolean>;

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
