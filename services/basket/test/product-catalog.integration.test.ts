import { ServiceUnavailableError } from '@eshop/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { buildFindCatalogProduct } from '../src/catalog/product-catalog.js';
import { answerWith, type CatalogAnswer, neverAnswer, startCatalogServer } from './support/catalog-server.js';

// The catalog adapter against a real HTTP server on 127.0.0.1: "no such product" only for a 404,
// and a 503 for anything else that is not a product, so checkout never mistakes an outage for a
// product that left the catalog.
let stop: () => Promise<void> = async () => undefined;
afterEach(() => stop());

const catalogAnswering = async (answer: CatalogAnswer, options: { timeoutMs?: number } = {}) => {
  const server = await startCatalogServer(answer);
  stop = server.stop;
  return { find: buildFindCatalogProduct(`${server.url}/`, options), paths: server.paths };
};

const product = { id: 'p-1', name: 'Mug', price: 1299, category: 'home', description: 'A mug', version: 3 };

describe('the catalog adapter', () => {
  it('reads a product by its encoded id and keeps only what the basket needs', async () => {
    const { find, paths } = await catalogAnswering(answerWith(200, product));

    await expect(find('p 1/2')).resolves.toEqual({ id: 'p-1', name: 'Mug', price: 1299 });
    expect(paths).toEqual(['/product/p%201%2F2']);
  });

  it('answers undefined for a 404: the product does not exist', async () => {
    const { find } = await catalogAnswering(
      answerWith(404, { type: 'not-found' }, 'application/problem+json'),
    );

    await expect(find('p-404')).resolves.toBeUndefined();
  });

  it.each([
    ['a 500', answerWith(500, { message: 'boom' })],
    ['a 503', answerWith(503, 'Service Unavailable', 'text/plain')],
    ['a 502 HTML page', answerWith(502, '<html>Bad gateway</html>', 'text/html')],
    ['a 403', answerWith(403, { message: 'Forbidden' })],
    ['a 200 HTML page', answerWith(200, '<html>maintenance</html>', 'text/html')],
    ['a 200 that is not a product', answerWith(200, { id: 'p-1', name: 'Mug', price: 12.99 })],
    ['a 200 with a truncated body', answerWith(200, '{"id":"p-1","na')],
  ])('throws ServiceUnavailableError (503) for %s, never "not found"', async (_, answer) => {
    const { find } = await catalogAnswering(answer);

    await expect(find('p-1')).rejects.toThrow(ServiceUnavailableError);
  });

  it('gives up after its timeout with ServiceUnavailableError', async () => {
    const { find } = await catalogAnswering(neverAnswer, { timeoutMs: 200 });
    const started = Date.now();

    await expect(find('p-1')).rejects.toThrow(ServiceUnavailableError);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('throws ServiceUnavailableError when nothing listens', async () => {
    const { find } = await catalogAnswering(answerWith(200, product));
    await stop();

    await expect(find('p-1')).rejects.toThrow(ServiceUnavailableError);
  });
});
