import { randomUUID } from 'node:crypto';
import { httpEvent, lambdaContext, signedInAs } from '@eshop/shared/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createProductHandler } from '../src/handlers/create-product.js';
import { getProductHandler } from '../src/handlers/get-product.js';
import { updateProductHandler } from '../src/handlers/update-product.js';
import { productHandlerDependencies } from './support/handler-dependencies.js';
import { localProductTable } from './support/local-table.js';

// Many writers on one product at once, in process, with the real adapter on DynamoDB Local.
const table = localProductTable();
const deps = productHandlerDependencies('product-concurrency', table);
const create = createProductHandler(deps);
const get = getProductHandler(deps);
const update = updateProductHandler(deps);
const admin = signedInAs('boss', { admin: true });
const created: string[] = [];
const json = (response: { body?: string }) => JSON.parse(response.body ?? 'null');

afterAll(async () => {
  await Promise.all(created.map((id) => table.deleteProduct(id)));
  table.documentClient.destroy();
});

const aProduct = async (price = 0) => {
  const response = await create(
    httpEvent({
      method: 'POST',
      headers: admin,
      body: { name: 'Counter', category: `cc-${randomUUID()}`, price },
    }),
    lambdaContext(),
  );
  const product = json(response);
  created.push(product.id);
  return product as { id: string; version: number; price: number };
};

const put = (id: string, body: unknown, headers: Record<string, string> = {}) =>
  update(
    httpEvent({ method: 'PUT', headers: { ...admin, ...headers }, pathParameters: { id }, body }),
    lambdaContext(),
  );

describe('concurrent updates of one product', () => {
  it('lets exactly one of many updates with the same If-Match win; the others get 412', async () => {
    const { id } = await aProduct();

    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => put(id, { price: 100 + i }, { 'if-match': '"1"' })),
    );

    const winners = responses.filter((r) => r.statusCode === 200);
    expect(winners).toHaveLength(1);
    expect(responses.filter((r) => r.statusCode === 412)).toHaveLength(19);
    const stored = json(await get(httpEvent({ pathParameters: { id } }), lambdaContext()));
    expect(stored).toMatchObject({ price: json(winners[0] ?? {}).price, version: 2 });
  });

  it('loses no update when clients read, modify and write back with If-Match, retrying on 412', async () => {
    const { id } = await aProduct(0);
    const increment = async () => {
      for (let attempt = 0; attempt < 100; attempt += 1) {
        const read = await get(httpEvent({ pathParameters: { id } }), lambdaContext());
        const response = await put(
          id,
          { price: json(read).price + 1 },
          { 'if-match': String(read.headers?.etag) },
        );
        if (response.statusCode === 200) return;
        expect(response.statusCode).toBe(412);
      }
      throw new Error('no progress after 100 attempts');
    };

    await Promise.all(Array.from({ length: 10 }, increment));

    const stored = json(await get(httpEvent({ pathParameters: { id } }), lambdaContext()));
    expect(stored).toMatchObject({ price: 10, version: 11 });
  });

  it('keeps every field of concurrent unconditional updates and counts each one in the version', async () => {
    const { id } = await aProduct();
    const changes = [
      { name: 'Renamed' },
      { description: 'New text' },
      { price: 4242 },
      { imageUrl: 'https://img.example/x.png' },
    ];

    const responses = await Promise.all(changes.flatMap((change) => [put(id, change), put(id, change)]));

    expect(responses.map((r) => r.statusCode)).toEqual(Array(8).fill(200));
    const stored = json(await get(httpEvent({ pathParameters: { id } }), lambdaContext()));
    expect(stored).toMatchObject({ ...Object.assign({}, ...changes), version: 9 });
    expect(new Set(responses.map((r) => r.headers?.etag)).size).toBe(8);
  });
});
