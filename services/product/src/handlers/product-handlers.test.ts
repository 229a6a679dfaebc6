import { createLogger } from '@eshop/shared';
import { httpEvent, lambdaContext, signedInAs, verifyTestToken } from '@eshop/shared/testing';
import { describe, expect, it } from 'vitest';
import { aProduct, inMemoryProducts } from '../../test/support/in-memory-products.js';
import { createProductHandler } from './create-product.js';
import { deleteProductHandler } from './delete-product.js';
import { getProductHandler } from './get-product.js';
import { listProductsHandler } from './list-products.js';
import { updateProductHandler } from './update-product.js';

const logger = createLogger('product-test');
const verifyToken = verifyTestToken;
const admin = signedInAs('boss', { admin: true });
const clock = { now: () => new Date('2026-03-01T10:00:00.000Z'), newId: () => 'generated-id' };
const context = lambdaContext();
const json = (response: { body?: string }) => JSON.parse(response.body ?? 'null');
type ProductStore = ReturnType<typeof inMemoryProducts>;
/** PUT /product/{id} as the admin (with any extra headers), against the given store. */
const putProduct = (store: ProductStore, id: string, body: unknown, headers: Record<string, string> = {}) =>
  updateProductHandler({ logger, verifyToken, ...clock, ...store })(
    httpEvent({ method: 'PUT', headers: { ...admin, ...headers }, pathParameters: { id }, body }),
    context,
  );

describe('product handlers', () => {
  it('POST /product answers 201 with Location and stores the product', async () => {
    const store = inMemoryProducts();
    const handler = createProductHandler({ logger, verifyToken, ...clock, ...store });

    const response = await handler(
      httpEvent({ method: 'POST', headers: admin, body: { name: 'Mug', category: 'kitchen', price: 1299 } }),
      context,
    );

    expect(response.statusCode).toBe(201);
    expect(response.headers?.location).toBe('/product/generated-id');
    expect(json(response)).toMatchObject({ id: 'generated-id', price: 1299 });
    expect(store.products.size).toBe(1);
  });

  it('POST /product with an invalid body answers 422 and stores nothing', async () => {
    const store = inMemoryProducts();
    const handler = createProductHandler({ logger, verifyToken, ...clock, ...store });

    const response = await handler(
      httpEvent({ method: 'POST', headers: admin, body: { name: 'Mug', category: 'kitchen', price: -5 } }),
      context,
    );

    expect(response.statusCode).toBe(422);
    expect(json(response).errors).toEqual([expect.objectContaining({ in: 'body', pointer: '#/price' })]);
    expect(store.products.size).toBe(0);
  });

  it('GET /product/{id} answers the product, or 404 problem', async () => {
    const handler = getProductHandler({ logger, verifyToken, ...inMemoryProducts([aProduct()]) });

    const found = await handler(httpEvent({ pathParameters: { id: 'p-1' } }), context);
    const missing = await handler(httpEvent({ pathParameters: { id: 'p-404' } }), context);

    expect(found.statusCode).toBe(200);
    expect(json(found)).toEqual(aProduct());
    expect(missing.statusCode).toBe(404);
    expect(missing.headers?.['content-type']).toBe('application/problem+json');
  });

  it('GET /product filters by category and pages', async () => {
    const store = inMemoryProducts([
      aProduct({ id: 'a', category: 'audio' }),
      aProduct({ id: 'b', category: 'audio' }),
      aProduct({ id: 'c', category: 'phones' }),
    ]);
    const handler = listProductsHandler({ logger, verifyToken, ...store });

    const first = json(await handler(httpEvent({ query: { category: 'audio', limit: '1' } }), context));
    const second = json(
      await handler(
        httpEvent({ query: { category: 'audio', limit: '1', cursor: first.nextCursor } }),
        context,
      ),
    );

    expect(first.items.map((p: { id: string }) => p.id)).toEqual(['a']);
    expect(second.items.map((p: { id: string }) => p.id)).toEqual(['b']);
    expect(second.nextCursor).toBeUndefined();
  });

  it.each(['0', '101', 'ten', '1.5'])('GET /product?limit=%s answers 400', async (limit) => {
    const handler = listProductsHandler({ logger, verifyToken, ...inMemoryProducts() });

    const response = await handler(httpEvent({ query: { limit } }), context);

    expect(response.statusCode).toBe(400);
    expect(json(response).errors[0].pointer).toBe('#/limit');
  });

  it('GET /product?ids= answers the products that exist, in the order asked, in one page', async () => {
    const store = inMemoryProducts([aProduct({ id: 'a' }), aProduct({ id: 'b' }), aProduct({ id: 'c' })]);
    const handler = listProductsHandler({ logger, verifyToken, ...store });

    const response = await handler(httpEvent({ query: { ids: 'c,missing,a' } }), context);

    expect(response.statusCode).toBe(200);
    expect(json(response)).toEqual({ items: [aProduct({ id: 'c' }), aProduct({ id: 'a' })] });
  });

  it.each([
    ['an empty id', { ids: 'a,,b' }],
    ['an id that cannot exist', { ids: 'a,b/c' }],
    ['more than 100 ids', { ids: Array.from({ length: 101 }, (_, i) => `p${i}`).join(',') }],
    ['ids with a category', { ids: 'a', category: 'audio' }],
    ['ids with a cursor', { ids: 'a', cursor: 'x' }],
  ])('GET /product with %s answers 400 naming ids', async (_, query) => {
    const handler = listProductsHandler({ logger, verifyToken, ...inMemoryProducts() });

    const response = await handler(httpEvent({ query }), context);

    expect(response.statusCode).toBe(400);
    expect(json(response).errors[0].pointer).toMatch(/^#\/ids/);
  });

  it('PUT /product/{id} applies a partial update', async () => {
    const store = inMemoryProducts([aProduct()]);

    const response = await putProduct(store, 'p-1', { price: 2999 });

    expect(response.statusCode).toBe(200);
    expect(json(response)).toMatchObject({ id: 'p-1', name: 'Travel mug', price: 2999 });
  });

  it('PUT /product/{id} changes the fields sent, the update time and the version only', async () => {
    const store = inMemoryProducts([aProduct()]);

    const response = await putProduct(store, 'p-1', { id: 'p-1', price: 2500 });

    const changed = { ...aProduct(), price: 2500, updatedAt: '2026-03-01T10:00:00.000Z', version: 2 };
    expect(json(response)).toEqual(changed);
    expect(response.headers?.etag).toBe('"2"');
    expect(store.products.get('p-1')).toEqual(changed);
  });

  it.each([
    ['another version', '"2"'],
    ['only weak tags', 'W/"3"'],
  ])('PUT /product/{id} with If-Match naming %s answers 412 and changes nothing', async (_, ifMatch) => {
    const store = inMemoryProducts([aProduct({ version: 3 })]);

    const response = await putProduct(store, 'p-1', { price: 1 }, { 'if-match': ifMatch });

    expect(response.statusCode).toBe(412);
    expect(store.products.get('p-1')).toEqual(aProduct({ version: 3 }));
  });

  it('PUT /product/{id} of a missing product answers 404 and creates nothing', async () => {
    const store = inMemoryProducts();

    const response = await putProduct(store, 'p-404', { price: 1 });

    expect(response.statusCode).toBe(404);
    expect(store.products.size).toBe(0);
  });

  it('PUT /product/{id} refuses to change the id and changes nothing', async () => {
    const store = inMemoryProducts([aProduct()]);

    const response = await putProduct(store, 'p-1', { id: 'p-2', price: 1 });

    expect(response.statusCode).toBe(422);
    expect(json(response).errors[0].pointer).toBe('#/id');
    expect(store.products.get('p-1')).toEqual(aProduct());
  });

  it('DELETE /product/{id} answers 204, then 404', async () => {
    const store = inMemoryProducts([aProduct()]);
    const handler = deleteProductHandler({ logger, verifyToken, ...store });

    const first = await handler(
      httpEvent({ method: 'DELETE', headers: admin, pathParameters: { id: 'p-1' } }),
      context,
    );
    const second = await handler(
      httpEvent({ method: 'DELETE', headers: admin, pathParameters: { id: 'p-1' } }),
      context,
    );

    expect(first.statusCode).toBe(204);
    expect(first.body).toBeUndefined();
    expect(second.statusCode).toBe(404);
  });
});

describe('product handlers: who may do what', () => {
  it('lets anyone read the catalog without a token', async () => {
    const get = getProductHandler({ logger, verifyToken, ...inMemoryProducts([aProduct()]) });
    const list = listProductsHandler({ logger, verifyToken, ...inMemoryProducts([aProduct()]) });

    expect((await get(httpEvent({ pathParameters: { id: 'p-1' } }), context)).statusCode).toBe(200);
    expect((await list(httpEvent(), context)).statusCode).toBe(200);
  });

  it.each([
    ['no token', {}, 401],
    ['a signed-in shopper', signedInAs('swn'), 403],
  ])('refuses catalog writes from %s and changes nothing', async (_, headers, status) => {
    const store = inMemoryProducts([aProduct()]);
    const create = createProductHandler({ logger, verifyToken, ...clock, ...store });
    const update = updateProductHandler({ logger, verifyToken, ...clock, ...store });
    const remove = deleteProductHandler({ logger, verifyToken, ...store });

    const responses = [
      await create(
        httpEvent({ method: 'POST', headers, body: { name: 'x', category: 'c', price: 1 } }),
        context,
      ),
      await update(
        httpEvent({ method: 'PUT', headers, pathParameters: { id: 'p-1' }, body: { price: 1 } }),
        context,
      ),
      await remove(httpEvent({ method: 'DELETE', headers, pathParameters: { id: 'p-1' } }), context),
    ];

    expect(responses.map((r) => r.statusCode)).toEqual([status, status, status]);
    expect([...store.products.values()]).toEqual([aProduct()]);
  });
});
