import { ServiceUnavailableError } from '@eshop/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildFindCatalogProducts, type CatalogOptions } from '../src/catalog/product-catalog.js';
import { answerWith, type CatalogAnswer, neverAnswer, startCatalogServer } from './support/catalog-server.js';

// The catalog adapter against a real HTTP server on 127.0.0.1: one request for all the products
// of a basket, "not in the catalog" only for a product a valid answer leaves out, and a 503 for
// anything else, so checkout never mistakes an outage for a product that left the catalog.
let stop: () => Promise<void> = async () => undefined;
afterEach(() => stop());

const catalogAnswering = async (answer: CatalogAnswer, options: CatalogOptions = {}) => {
  const server = await startCatalogServer(answer);
  stop = server.stop;
  return {
    find: buildFindCatalogProducts(`${server.url}/`, options),
    paths: server.paths,
    connections: server.connections,
  };
};

const mug = { id: 'p-1', name: 'Mug', price: 1299, category: 'home', description: 'A mug', version: 3 };
const cup = { id: 'p-2', name: 'Cup', price: 499, category: 'home', description: 'A cup', version: 1 };
const page = (...items: unknown[]) => answerWith(200, { items });

describe('the catalog adapter', () => {
  it('looks up all the products of a basket in one request, each id once, keeping only what the basket needs', async () => {
    const { find, paths } = await catalogAnswering(page(mug, cup));

    const found = await find(['p-1', 'p-2', 'p-1', 'p-3']);

    expect(paths).toEqual(['/product?ids=p-1,p-2,p-3']);
    expect(found).toEqual(
      new Map([
        ['p-1', { id: 'p-1', name: 'Mug', price: 1299 }],
        ['p-2', { id: 'p-2', name: 'Cup', price: 499 }],
      ]),
    );
  });

  it('counts a product the answer leaves out, and only that, as not in the catalog', async () => {
    const { find } = await catalogAnswering(page(mug, { ...cup, id: 'p-9' }));

    const found = await find(['p-1', 'p-2']);

    expect([...found.keys()]).toEqual(['p-1']);
  });

  it('asks nothing for an empty basket', async () => {
    const { find, paths } = await catalogAnswering(page());

    await expect(find([])).resolves.toEqual(new Map());
    expect(paths).toEqual([]);
  });

  it('keeps its connections alive between lookups', async () => {
    const { find, connections } = await catalogAnswering(page(mug));

    for (let i = 0; i < 6; i++) await find(['p-1']);

    // The agent may open a second connection while the first is being handed back; never more.
    expect(connections()).toBeLessThanOrEqual(2);
  });

  it("looks up without global fetch, whose first call loads Node's fetch implementation (~40 ms)", async () => {
    const fetchCalled = vi.spyOn(globalThis, 'fetch');
    try {
      const { find } = await catalogAnswering(page(mug));

      await expect(find(['p-1'])).resolves.toEqual(
        new Map([['p-1', { id: 'p-1', name: 'Mug', price: 1299 }]]),
      );
      expect(fetchCalled).not.toHaveBeenCalled();
    } finally {
      fetchCalled.mockRestore();
    }
  });

  it.each([
    ['a 404', answerWith(404, { type: 'not-found' }, 'application/problem+json')],
    ['a 500', answerWith(500, { message: 'boom' })],
    ['a 503', answerWith(503, 'Service Unavailable', 'text/plain')],
    ['a 502 HTML page', answerWith(502, '<html>Bad gateway</html>', 'text/html')],
    ['a 403', answerWith(403, { message: 'Forbidden' })],
    ['a 200 HTML page', answerWith(200, '<html>maintenance</html>', 'text/html')],
    ['a 200 that is not a page', answerWith(200, mug)],
    ['a 200 with a product that is not one', page({ id: 'p-1', name: 'Mug', price: 12.99 })],
    ['a 200 with a truncated body', answerWith(200, '{"items":[{"id":"p-1","na')],
    [
      'a 200 larger than any page of 100 products',
      page(...Array.from({ length: 5000 }, () => ({ ...mug, description: 'x'.repeat(1000) }))),
    ],
  ])('throws ServiceUnavailableError (503) for %s, never "not in the catalog"', async (_, answer) => {
    const { find } = await catalogAnswering(answer);

    await expect(find(['p-1'])).rejects.toThrow(ServiceUnavailableError);
  });

  it('gives up after its timeout with ServiceUnavailableError', async () => {
    const { find } = await catalogAnswering(neverAnswer, { timeoutMs: 200 });
    const started = Date.now();

    await expect(find(['p-1'])).rejects.toThrow(ServiceUnavailableError);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('throws ServiceUnavailableError when nothing listens', async () => {
    const { find } = await catalogAnswering(page(mug));
    await stop();

    await expect(find(['p-1'])).rejects.toThrow(ServiceUnavailableError);
  });

  it('with a cache, asks again only for products it has not found within the time to live', async () => {
    let clock = 0;
    const { find, paths } = await catalogAnswering(page(mug), { cacheTtlMs: 10_000, now: () => clock });

    await find(['p-1', 'p-2']);
    clock = 9_999;
    const cached = await find(['p-1', 'p-2']);
    clock = 10_000;
    await find(['p-1']);

    expect(cached.get('p-1')).toEqual({ id: 'p-1', name: 'Mug', price: 1299 });
    // p-2 was not found: a miss is never cached. p-1 expired at 10 s.
    expect(paths).toEqual(['/product?ids=p-1,p-2', '/product?ids=p-2', '/product?ids=p-1']);
  });
});
