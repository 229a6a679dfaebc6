import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { requestToken } from '@eshop/local-cloud';
import { localCloud, requestJson } from '@eshop/local-cloud/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localProductTable } from './support/local-table.js';

// Over real HTTP against serverless-offline, which runs the esbuild bundles a deploy would ship.
const api = localCloud().apiUrl('product');
const table = localProductTable();
const category = `http-${randomUUID().slice(0, 8)}`;
const createdIds: string[] = [];
let admin: Record<string, string> = {};

beforeAll(async () => {
  admin = {
    authorization: `Bearer ${await requestToken(localCloud().issuer, 'catalog-admin', { admin: true })}`,
  };
});

// Writes go as a catalog admin unless a test says otherwise; reads need no token.
const send = (method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}) =>
  requestJson(`${api}${path}`, {
    method,
    body,
    headers: { ...(method === 'GET' ? {} : admin), ...extraHeaders },
  });

const createProduct = async (overrides: Record<string, unknown> = {}) => {
  const response = await send('POST', '/product', { name: 'Desk lamp', category, price: 3999, ...overrides });
  if (response.status === 201) createdIds.push(response.json.id);
  return response;
};

const itemCount = async () =>
  (await table.documentClient.send(new ScanCommand({ TableName: table.tableName, Select: 'COUNT' }))).Count;

afterAll(async () => {
  await Promise.all(createdIds.map((id) => table.deleteProduct(id)));
  table.documentClient.destroy();
});

describe('product API over HTTP', () => {
  it('walks create → get → update → delete → 404', async () => {
    const created = await createProduct({ description: 'Adjustable arm' });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/product/${created.json.id}`);

    const fetched = await send('GET', `/product/${created.json.id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.json).toEqual(created.json);

    const updated = await send('PUT', `/product/${created.json.id}`, { price: 2999, name: 'Desk lamp II' });
    expect(updated.status).toBe(200);
    expect(updated.json).toMatchObject({ id: created.json.id, price: 2999, name: 'Desk lamp II', category });

    const deleted = await send('DELETE', `/product/${created.json.id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');

    const gone = await send('GET', `/product/${created.json.id}`);
    expect(gone.status).toBe(404);
    expect(gone.headers.get('content-type')).toBe('application/problem+json');
    expect(gone.json).toMatchObject({ status: 404, title: 'Resource not found' });
  });

  it('versions a product: ETag on create, read and update; a stale If-Match is 412 and changes nothing', async () => {
    const created = await createProduct({ category: `${category}-versions` });
    expect(created.json.version).toBe(1);
    expect(created.headers.get('etag')).toBe('"1"');
    const path = `/product/${created.json.id}`;
    expect((await send('GET', path)).headers.get('etag')).toBe('"1"');

    const updated = await send('PUT', path, { price: 100 }, { 'if-match': '"1"' });
    const stale = await send('PUT', path, { price: 200 }, { 'if-match': '"1"' });
    const unconditional = await send('PUT', path, { name: 'Desk lamp III' });

    expect(updated.status).toBe(200);
    expect(updated.headers.get('etag')).toBe('"2"');
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toBe('application/problem+json');
    expect(stale.json).toMatchObject({ status: 412, title: 'Precondition failed' });
    expect(unconditional.status).toBe(200);
    expect(unconditional.json).toMatchObject({ price: 100, name: 'Desk lamp III', version: 3 });
    expect(unconditional.headers.get('etag')).toBe('"3"');
  });

  it('lists a category page by page with an opaque cursor', async () => {
    for (const name of ['A lamp', 'B lamp', 'C lamp']) await createProduct({ name });

    const first = await send('GET', `/product?category=${category}&limit=2`);
    const second = await send('GET', `/product?category=${category}&limit=2&cursor=${first.json.nextCursor}`);

    expect(first.status).toBe(200);
    expect(first.json.items.map((p: { name: string }) => p.name)).toEqual(['A lamp', 'B lamp']);
    expect(second.json.items.map((p: { name: string }) => p.name)).toEqual(['C lamp']);
  });

  it('echoes the correlation id and sends security headers', async () => {
    const response = await send('GET', '/product?limit=1', undefined, { 'x-correlation-id': 'trace-me-123' });

    expect(response.headers.get('x-correlation-id')).toBe('trace-me-123');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each([
    ['without a token', '', 401],
    ['with a malformed header', 'Token abc', 401],
    ['with a token that does not verify', 'Bearer a.b.c', 401],
  ])('refuses a catalog write %s, with problem+json', async (_, authorization, status) => {
    const before = await itemCount();

    const response = await send(
      'POST',
      '/product',
      { name: 'x', category: 'c', price: 1 },
      { authorization },
    );

    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await itemCount()).toBe(before);
  });

  it('refuses a catalog write from a signed-in shopper with 403', async () => {
    const shopper = await requestToken(localCloud().issuer, 'shopper');

    const response = await send(
      'PUT',
      '/product/any-id',
      { price: 1 },
      { authorization: `Bearer ${shopper}` },
    );

    expect(response.status).toBe(403);
  });

  describe('bad input: 4xx problem+json and nothing written', () => {
    it.each([
      ['malformed JSON', 'POST', '/product', '{"name": "x",', 400],
      ['a wrong type', 'POST', '/product', { name: 'x', category: 'c', price: '12' }, 422],
      ['a negative price', 'POST', '/product', { name: 'x', category: 'c', price: -1 }, 422],
      ['a non-integer price', 'POST', '/product', { name: 'x', category: 'c', price: 10.5 }, 422],
      ['a missing field', 'POST', '/product', { category: 'c', price: 10 }, 422],
      [
        'an unknown field under Prefer: handling=strict',
        'POST',
        '/product',
        { name: 'x', category: 'c', price: 10, admin: true },
        422,
        { prefer: 'handling=strict' },
      ],
      ['a JSON array', 'POST', '/product', [1, 2], 422],
      [
        'a 1 MB body',
        'POST',
        '/product',
        JSON.stringify({ name: 'x'.repeat(1024 * 1024), category: 'c', price: 1 }),
        413,
      ],
      ['an update of a missing product', 'PUT', `/product/${randomUUID()}`, { price: 1 }, 404],
      ['an update changing the id', 'PUT', '/product/some-id', { id: 'other-id', price: 1 }, 422],
      ['an empty update', 'PUT', '/product/some-id', {}, 422],
      ['a bad path id', 'GET', '/product/not%20an%20id', undefined, 400],
      ['a bad limit', 'GET', '/product?limit=0', undefined, 400],
      ['a forged cursor', 'GET', '/product?cursor=eyJpZCI6MX0', undefined, 400],
      ['garbage as cursor', 'GET', `/product?category=${category}&cursor=%%%`, undefined, 400],
    ])('%s', async (_, method, path, body, status, headers?: Record<string, string>) => {
      const before = await itemCount();

      const response = await send(method, path, body, headers);

      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.json).toMatchObject({ status, type: expect.stringMatching(/^https:\/\//) });
      expect(response.text).not.toMatch(/at .+\.m?[jt]s:\d+/); // no stack frames
      expect(await itemCount()).toBe(before);
    });

    it('a form-encoded body gets 415', async () => {
      const response = await send('POST', '/product', 'name=x&price=1', {
        'content-type': 'application/x-www-form-urlencoded',
      });

      expect(response.status).toBe(415);
    });
  });
});
