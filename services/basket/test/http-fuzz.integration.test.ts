import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { tableLikeForThisFile } from '@eshop/local-cloud/testing';
import type { HttpHandler } from '@eshop/shared';
import { signedInAs } from '@eshop/shared/testing';
import { type FuzzedEndpoint, fuzzEndpoint, fuzzedCursor, successCount } from '@eshop/shared/testing/fuzz';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutBasketHandler } from '../src/handlers/checkout-basket.js';
import { deleteBasketHandler } from '../src/handlers/delete-basket.js';
import { getBasketHandler } from '../src/handlers/get-basket.js';
import { listBasketsHandler } from '../src/handlers/list-baskets.js';
import { saveBasketHandler } from '../src/handlers/save-basket.js';
import { BASKET_TABLE, SEEDED, storeBasket } from './support/local-basket.js';
import { localBasketWithRememberedCatalog } from './support/remembered-catalog.js';

// Every basket endpoint, in process, with the real adapters (DynamoDB Local, the local EventBridge,
// the product service over HTTP) on a basket table of its own: a request that is not a 2xx must
// leave the table exactly as it was. Catalog answers are remembered (and the seeded products
// looked up first), so a product service busy with the other suites cannot starve the fuzzing of
// successful requests.
const tableName = tableLikeForThisFile(BASKET_TABLE, 'baskets-fuzz');
const { catalog, deps } = localBasketWithRememberedCatalog(tableName);
const handlers: Record<string, HttpHandler> = {
  list: listBasketsHandler(deps),
  get: getBasketHandler(deps),
  remove: deleteBasketHandler(deps),
  save: saveBasketHandler(deps),
  checkout: checkoutBasketHandler(deps),
};

const USERS = ['fz-ann', 'fz-bob', 'fz.cy@example.com'];
const PRODUCTS = Object.values(SEEDED);

const scanTable = async (): Promise<Item[]> => {
  const items: Item[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await deps.documentClient.send(
      new ScanCommand({ TableName: tableName, ExclusiveStartKey, ConsistentRead: true }),
    );
    items.push(...((page.Items ?? []) as Item[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey !== undefined);
  return items.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
};

type Item = Record<string, unknown> & { userName: string; sk: string };
const keyOf = (item: Item) => `${item.userName}|${item.sk}`;

/** The keys whose items differ between two scans (added, removed or changed). */
const changedKeys = (before: Item[], after: Item[]): string[] => {
  const old = new Map(before.map((item) => [keyOf(item), JSON.stringify(item)]));
  const now = new Map(after.map((item) => [keyOf(item), JSON.stringify(item)]));
  return [...new Set([...old.keys(), ...now.keys()])].filter((key) => old.get(key) !== now.get(key)).sort();
};

const requestBody = (event: APIGatewayProxyEventV2) =>
  JSON.parse(
    event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? ''),
  );
const headerOf = (event: APIGatewayProxyEventV2, name: string) =>
  Object.entries(event.headers).find(([key]) => key.toLowerCase() === name)?.[1];

/**
 * What a 2xx answer of each endpoint may have written, checked against the table: reads write
 * nothing; a delete removes that basket; a save stores the basket it answered; a checkout removes
 * the basket and leaves its completion marker (and its key's record), nothing else.
 */
const expectWritesOf = (
  name: keyof typeof handlers,
  event: APIGatewayProxyEventV2,
  response: Awaited<ReturnType<HttpHandler>>,
  before: Item[],
  after: Item[],
) => {
  const changed = changedKeys(before, after);
  const find = (key: string) => after.find((item) => keyOf(item) === key);
  if (name === 'list' || name === 'get') {
    expect(changed).toEqual([]);
  } else if (name === 'remove') {
    const key = `${event.pathParameters?.userName}|BASKET`;
    expect(changed.filter((k) => k !== key)).toEqual([]);
    expect(find(key)).toBeUndefined();
  } else if (name === 'save') {
    const { userName } = requestBody(event);
    const key = `${userName}|BASKET`;
    const answered = JSON.parse(response.body ?? '{}');
    expect(changed).toEqual([key]);
    const stored = find(key);
    expect(stored).toMatchObject({ userName, updatedAt: answered.updatedAt, revision: expect.any(String) });
    expect(stored?.pendingCheckout).toBeUndefined();
    expect(stored?.lines).toEqual(
      answered.items.map(({ lineTotal: _, ...line }: { lineTotal: number }) => line),
    );
  } else {
    const { userName } = requestBody(event);
    const answered = JSON.parse(response.body ?? '{}');
    if (response.headers?.['idempotent-replayed'] === 'true') return expect(changed).toEqual([]);
    const key = headerOf(event, 'idempotency-key');
    const expected = [`${userName}|BASKET`, `${userName}|COMPLETED#${answered.checkoutId}`];
    if (key !== undefined && before.every((item) => keyOf(item) !== `${userName}|CHECKOUT#${key}`)) {
      expected.push(`${userName}|CHECKOUT#${key}`);
      expect(find(`${userName}|CHECKOUT#${key}`)).toMatchObject({
        detail: { checkoutId: answered.checkoutId, total: answered.total, userName },
      });
    }
    expect(changed).toEqual(expected.sort());
    expect(find(`${userName}|BASKET`)).toBeUndefined();
    expect(find(`${userName}|COMPLETED#${answered.checkoutId}`)).toMatchObject({
      checkoutId: answered.checkoutId,
    });
  }
};

/**
 * Gives every fuzzed user a basket with a line again, so GET, DELETE and checkout have something to
 * work on. An empty one counts as none: the save fuzzing may leave every user's basket empty, and
 * then no checkout could succeed (seen once in a full run).
 */
const refill = async (): Promise<boolean> => {
  let changed = false;
  for (const userName of USERS) {
    if (((await deps.findBasket(userName))?.lines.length ?? 0) > 0) continue;
    await storeBasket(deps, userName, [
      { productId: SEEDED.sdCard.id, productName: SEEDED.sdCard.name, unitPrice: 1, quantity: 2 },
    ]);
    changed = true;
  }
  return changed;
};

beforeAll(() => catalog.warm(PRODUCTS.map((product) => product.id)));
afterAll(() => {
  deps.documentClient.destroy();
  deps.eventBridge.destroy();
});

const userName = fc.constantFrom(...USERS);
const identities = fc.oneof(
  { weight: 6, arbitrary: userName.map((user) => signedInAs(user)) },
  { weight: 1, arbitrary: fc.constant(signedInAs('boss', { admin: true })) },
);
const adminMostly = fc.oneof(
  { weight: 6, arbitrary: fc.constant(signedInAs('boss', { admin: true })) },
  { weight: 1, arbitrary: identities },
);
const item = fc.record(
  {
    productId: fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...PRODUCTS.map((p) => p.id)) },
      { weight: 1, arbitrary: fc.uuid() },
    ),
    quantity: fc.integer({ min: 1, max: 99 }),
    color: fc.constantFrom('red', 'White', 'Space Grey'),
    productName: fc.string({ maxLength: 20 }),
    price: fc.integer(),
  },
  { requiredKeys: ['productId', 'quantity'] },
);
const buyer = fc.record(
  {
    userName,
    firstName: fc.constantFrom('Ada', 'Grace', 'Zoë'),
    lastName: fc.constantFrom('Lovelace', 'Hopper', 'Ørsted'),
    email: fc.constantFrom('ada@example.com', 'grace.hopper+shop@navy.example'),
    address: fc.constantFrom('12 Analytical Row, London', '1 Compiler Way'),
    paymentMethod: fc.oneof(fc.nat({ max: 5 }), fc.constantFrom('card', 'paypal')),
    cardInfo: fc.constantFrom('4242 4242 4242 4242', '5555-4444-3333-2222', '1234'),
    totalPrice: fc.integer(),
  },
  { requiredKeys: ['userName', 'firstName', 'lastName', 'email', 'address', 'paymentMethod'] },
);
const page = {
  limit: fc.integer({ min: 1, max: 100 }).map(String),
  cursor: fuzzedCursor(['userName', 'sk']),
};

const endpoints: [string, keyof typeof handlers, FuzzedEndpoint][] = [
  ['GET /basket', 'list', { method: 'GET', route: '/basket', identities: adminMostly, query: page }],
  [
    'GET /basket/{userName}',
    'get',
    { method: 'GET', route: '/basket/{userName}', identities, pathParameters: { userName } },
  ],
  [
    'DELETE /basket/{userName}',
    'remove',
    { method: 'DELETE', route: '/basket/{userName}', identities, pathParameters: { userName } },
  ],
  [
    'POST /basket',
    'save',
    {
      method: 'POST',
      route: '/basket',
      identities,
      body: fc.record({ userName, items: fc.array(item, { maxLength: 4 }) }),
    },
  ],
  [
    'POST /basket/checkout',
    'checkout',
    {
      method: 'POST',
      route: '/basket/checkout',
      identities,
      body: buyer,
      headers: { 'idempotency-key': fc.uuid() },
    },
  ],
];

describe('basket endpoints under generated input', () => {
  it.each(endpoints)(
    '%s: no 5xx, every 4xx is problem+json and writes nothing, every 2xx writes what it answered',
    async (_, name, spec) => {
      await refill();
      let before = await scanTable();

      const statuses = await fuzzEndpoint(name, handlers[name] as HttpHandler, spec, {
        beforeRequest: async () => {
          if (await refill()) before = await scanTable();
        },
        afterResponse: async (event, response) => {
          const after = await scanTable();
          if ((response.statusCode ?? 0) >= 400) expect(after).toEqual(before);
          else expectWritesOf(name, event, response, before, after);
          before = after;
        },
      });

      expect(successCount(statuses)).toBeGreaterThan(0);
    },
    300_000,
  );
});
