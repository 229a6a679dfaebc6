import { PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { localCloud, tableLikeForThisFile } from '@eshop/local-cloud/testing';
import { createDocumentClient, type HttpHandler } from '@eshop/shared';
import { signedInAs } from '@eshop/shared/testing';
import { type FuzzedEndpoint, fuzzEndpoint, fuzzedCursor, successCount } from '@eshop/shared/testing/fuzz';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Product } from '../src/domain/product.js';
import { createProductHandler } from '../src/handlers/create-product.js';
import { deleteProductHandler } from '../src/handlers/delete-product.js';
import { getProductHandler } from '../src/handlers/get-product.js';
import { listProductsHandler } from '../src/handlers/list-products.js';
import { updateProductHandler } from '../src/handlers/update-product.js';
import { productTable } from '../src/store/product-table.js';
import { productHandlerDependencies } from './support/handler-dependencies.js';

// Every product endpoint, in process, with the real DynamoDB adapter on a table of its own: after
// each generated request the table must hold exactly what the 2xx responses said was written.
const tableName = tableLikeForThisFile(localCloud().env('product', 'PRODUCT_TABLE_NAME'), 'products-fuzz');
const documentClient = createDocumentClient(localCloud().aws('dynamodb'));
const table = productTable(documentClient, tableName);
const deps = productHandlerDependencies('product-fuzz', table);
const handlers: Record<string, HttpHandler> = {
  list: listProductsHandler(deps),
  get: getProductHandler(deps),
  create: createProductHandler(deps),
  update: updateProductHandler(deps),
  remove: deleteProductHandler(deps),
};

const CATEGORIES = ['audio', 'phones', 'fuzz'];
const seeds: Product[] = ['a', 'b', 'c', 'd'].map((suffix, i) => ({
  id: `fuzz-seed-${suffix}`,
  name: `Seed ${suffix}`,
  description: '',
  category: CATEGORIES[i % CATEGORIES.length] ?? 'fuzz',
  price: 1000 + i,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
}));
/** What the table must hold: the seeds plus every write a 2xx response reported. */
const model = new Map<string, Product>();

const scanTable = async (): Promise<Map<string, Product>> => {
  const items = new Map<string, Product>();
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await documentClient.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey }));
    for (const item of page.Items ?? []) items.set(String(item.id), item as Product);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey !== undefined);
  return items;
};

/** Puts deleted seeds back, so DELETE and PUT keep finding products to work on. */
const reseed = async () => {
  for (const seed of seeds) {
    if (model.has(seed.id)) continue;
    await documentClient.send(new PutCommand({ TableName: tableName, Item: seed }));
    model.set(seed.id, seed);
  }
};

beforeAll(reseed);
afterAll(() => documentClient.destroy());

const admin = signedInAs('boss', { admin: true });
const identities = fc.oneof(
  { weight: 6, arbitrary: fc.constant(admin) },
  { weight: 1, arbitrary: fc.constant(signedInAs('shopper')) },
);
const productId = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...seeds.map((s) => s.id)) },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.stringMatching(/^[\w-]{1,64}$/) },
);
const text = (max: number) => fc.string({ minLength: 1, maxLength: max, unit: 'grapheme-ascii' });
const fields = {
  name: text(40),
  description: fc.string({ maxLength: 60 }),
  category: fc.constantFrom(...CATEGORIES),
  price: fc.integer({ min: 0, max: 100_000_000 }),
  imageUrl: fc.webUrl(),
};
const listQuery = {
  category: fc.constantFrom(...CATEGORIES),
  limit: fc.integer({ min: 1, max: 100 }).map(String),
  cursor: fuzzedCursor(['id', 'category', 'name']),
};

const endpoints: [string, keyof typeof handlers, FuzzedEndpoint][] = [
  ['GET /product', 'list', { method: 'GET', route: '/product', query: listQuery }],
  ['GET /product/{id}', 'get', { method: 'GET', route: '/product/{id}', pathParameters: { id: productId } }],
  [
    'POST /product',
    'create',
    {
      method: 'POST',
      route: '/product',
      identities,
      body: fc.record(fields, { requiredKeys: ['name', 'category', 'price'] }),
    },
  ],
  [
    'PUT /product/{id}',
    'update',
    {
      method: 'PUT',
      route: '/product/{id}',
      identities,
      pathParameters: { id: productId },
      body: fc.record({ ...fields, imageFile: fields.imageUrl }, { requiredKeys: [] }),
      headers: { 'if-match': fc.constantFrom('"1"', '"2"', '"3"', '*', 'W/"1"', '"1", "2"', '"x"') },
    },
  ],
  [
    'DELETE /product/{id}',
    'remove',
    { method: 'DELETE', route: '/product/{id}', identities, pathParameters: { id: productId } },
  ],
];

const json = (body: string | undefined) => JSON.parse(body ?? 'null');

describe('product endpoints under generated input', () => {
  it.each(endpoints)(
    '%s: no 5xx, every 4xx is problem+json, only 2xx responses write',
    async (_, name, spec) => {
      const writes = spec.method !== 'GET';
      const before = await scanTable();

      const statuses = await fuzzEndpoint(name, handlers[name] as HttpHandler, spec, {
        beforeRequest: reseed,
        afterResponse: async (event, response) => {
          const status = response.statusCode;
          if (status === 201 || (status === 200 && spec.method === 'PUT')) {
            const product = json(response.body) as Product;
            expect(response.headers?.etag).toBe(`"${product.version}"`);
            model.set(product.id, product);
          }
          if (status === 204) model.delete(String(event.pathParameters?.id));
          if (writes) expect(Object.fromEntries(await scanTable())).toEqual(Object.fromEntries(model));
        },
      });

      if (!writes) expect(await scanTable()).toEqual(before);
      expect(successCount(statuses)).toBeGreaterThan(0);
    },
    180_000,
  );
});
