import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { localCloud, tableLikeForThisFile } from '@eshop/local-cloud/testing';
import { createDocumentClient, createLogger, type HttpHandler } from '@eshop/shared';
import { signedInAs, verifyTestToken } from '@eshop/shared/testing';
import { type FuzzedEndpoint, fuzzEndpoint, fuzzedCursor } from '@eshop/shared/testing/fuzz';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orderFromCheckout } from '../src/domain/order.js';
import { listOrdersHandler } from '../src/handlers/list-orders.js';
import { listUserOrdersHandler } from '../src/handlers/list-user-orders.js';
import { orderTable } from '../src/store/order-table.js';
import { aCheckout } from './support/checkout.js';

// The order endpoints, in process, with the real DynamoDB adapter on an order table of their own
// (seeded with a few orders): no generated request may fail with a 5xx or change the table.
const tableName = tableLikeForThisFile(localCloud().env('ordering', 'ORDER_TABLE_NAME'), 'orders-fuzz');
const documentClient = createDocumentClient(localCloud().aws('dynamodb'));
const table = orderTable(documentClient, tableName);
const deps = { logger: createLogger('ordering-fuzz'), verifyToken: verifyTestToken, ...table };
const handlers: Record<string, HttpHandler> = {
  list: listOrdersHandler(deps),
  listUser: listUserOrdersHandler(deps),
};

const USERS = ['fz-ann', 'fz-bob', 'Zoë.Ørsted'];

const scanTable = async () =>
  (await documentClient.send(new ScanCommand({ TableName: tableName, ConsistentRead: true }))).Items ?? [];

beforeAll(async () => {
  for (const [i, userName] of [...USERS, ...USERS].entries()) {
    const checkedOutAt = `2026-11-2${i}T10:00:00.000Z`;
    await table.saveNewOrder(orderFromCheckout(aCheckout({ userName, checkedOutAt }), new Date()));
  }
});
afterAll(() => documentClient.destroy());

const userName = fc.constantFrom(...USERS);
const identities = fc.oneof(
  { weight: 4, arbitrary: userName.map((user) => signedInAs(user)) },
  { weight: 3, arbitrary: fc.constant(signedInAs('boss', { admin: true })) },
);
const page = {
  limit: fc.integer({ min: 1, max: 100 }).map(String),
  cursor: fuzzedCursor(['userName', 'orderKey']),
};

const endpoints: [string, keyof typeof handlers, FuzzedEndpoint][] = [
  ['GET /order', 'list', { method: 'GET', route: '/order', identities, query: page }],
  [
    'GET /order/{userName}',
    'listUser',
    {
      method: 'GET',
      route: '/order/{userName}',
      identities,
      pathParameters: { userName },
      query: {
        ...page,
        orderDate: fc.constantFrom('2026', '2026-11', '2026-11-21', '2026-11-21T10:00:00.000Z', '2027-01'),
      },
    },
  ],
];

describe('order endpoints under generated input', () => {
  it.each(endpoints)(
    '%s: no 5xx, every 4xx is problem+json, nothing written',
    async (_, name, spec) => {
      const before = await scanTable();

      const statuses = await fuzzEndpoint(name, handlers[name] as HttpHandler, spec);

      expect(await scanTable()).toEqual(before);
      expect(statuses.get(200)).toBeGreaterThan(0);
    },
    180_000,
  );
});
