import { type ApiOperation, type DescribingDeps, serviceApiDocument } from '@eshop/shared/openapi';
import service from '../../serverless.js';
import { listOrdersHandler } from '../handlers/list-orders.js';
import { listUserOrdersHandler } from '../handlers/list-user-orders.js';
import { orderPageSchema, orderSchema } from './responses.js';

const operations = (deps: DescribingDeps): Record<string, ApiOperation> => ({
  listOrders: {
    handler: listOrdersHandler(deps()),
    tag: 'orders',
    summary: 'List every order (admins)',
    responses: { 200: { description: 'A page of orders', body: 'OrderPage' } },
  },
  listUserOrders: {
    handler: listUserOrdersHandler(deps()),
    tag: 'orders',
    summary: 'List a user’s orders, newest first',
    description:
      '`orderDate` keeps the orders whose date (the checkout’s time, ISO 8601 UTC) starts with it: a day, an hour, or the exact timestamp. A user without orders gets an empty list.',
    responses: { 200: { description: 'A page of the user’s orders', body: 'OrderPage' } },
  },
});

/** The ordering API's OpenAPI document, generated from its routes and handlers. */
export const orderingApiDocument = () =>
  serviceApiDocument({
    service,
    title: 'eshop ordering API',
    version: '1',
    description:
      'Orders, created from CheckoutBasket events (one per checkout). Prices are integers in minor units (cents). Errors are application/problem+json (RFC 9457).',
    localUrl: 'http://127.0.0.1:3003',
    operations,
    schemas: { Order: orderSchema, OrderPage: orderPageSchema },
  });
