import { type ApiOperation, type DescribingDeps, serviceApiDocument } from '@eshop/shared/openapi';
import service from '../../serverless.js';
import { checkoutBasketHandler, IDEMPOTENCY_KEY } from '../handlers/checkout-basket.js';
import { deleteBasketHandler } from '../handlers/delete-basket.js';
import { getBasketHandler } from '../handlers/get-basket.js';
import { listBasketsHandler } from '../handlers/list-baskets.js';
import { saveBasketHandler } from '../handlers/save-basket.js';
import { basketPageSchema, basketSchema, checkoutAcceptedSchema } from './responses.js';

const operations = (deps: DescribingDeps): Record<string, ApiOperation> => ({
  listBaskets: {
    handler: listBasketsHandler(deps()),
    tag: 'basket',
    summary: 'List every basket (admins)',
    responses: { 200: { description: 'A page of baskets', body: 'BasketPage' } },
  },
  getBasket: {
    handler: getBasketHandler(deps()),
    tag: 'basket',
    summary: 'Read a user’s basket, priced from the catalog (empty if there is none)',
    responses: { 200: { description: 'The basket, with any pending checkout', body: 'Basket' } },
  },
  saveBasket: {
    handler: saveBasketHandler(deps()),
    tag: 'basket',
    summary: 'Create or replace a user’s basket',
    description:
      'Names and prices come from the catalog: `productName` and `price` sent per item are ignored. Lines of the same product and colour are merged. Refused (409) while a checkout of the basket is pending.',
    responses: {
      201: {
        description: 'Created',
        body: 'Basket',
        headers: {
          location: { required: true, description: 'The basket’s path', schema: { type: 'string' } },
        },
      },
      200: { description: 'Replaced', body: 'Basket' },
    },
    problems: [409],
  },
  deleteBasket: {
    handler: deleteBasketHandler(deps()),
    tag: 'basket',
    summary: 'Delete a user’s basket (idempotent)',
    responses: { 204: { description: 'Deleted, or there was none' } },
    problems: [409],
  },
  checkoutBasket: {
    handler: checkoutBasketHandler(deps()),
    tag: 'checkout',
    summary: 'Check out the basket: publishes CheckoutBasket; the order follows asynchronously',
    description:
      'Prices every line from the catalog again. A 202 means the order will exist; a 503 leaves the basket intact and is safe to retry. The card number is reduced to its last four digits at once. A 409 carries a `reason`: checkout-pending, checkout-expired, idempotency-key-reused, basket-empty, basket-changed or products-unavailable.',
    headers: [
      {
        name: 'idempotency-key',
        in: 'header',
        description:
          'Makes retries safe: the same key answers the same checkout (`idempotent-replayed: true`) and never creates a second order.',
        schema: { type: 'string', pattern: IDEMPOTENCY_KEY.source },
      },
    ],
    responses: {
      202: {
        description: 'Accepted: the CheckoutBasket event is on the bus',
        body: checkoutAcceptedSchema,
        headers: {
          'idempotent-replayed': {
            description: 'Present when this answers a retry of a checkout already accepted',
            schema: { const: 'true' },
          },
        },
      },
    },
    problems: [409],
  },
});

/** The basket API's OpenAPI document, generated from its routes and handlers. */
export const basketApiDocument = () =>
  serviceApiDocument({
    service,
    title: 'eshop basket API',
    version: '1',
    description:
      'A signed-in user’s basket and its checkout. Prices are integers in minor units (cents), always the catalog’s. Errors are application/problem+json (RFC 9457).',
    localUrl: 'http://127.0.0.1:3002',
    operations,
    schemas: { Basket: basketSchema, BasketPage: basketPageSchema },
  });
