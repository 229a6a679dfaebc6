import { describe, expect, it } from 'vitest';
import { apiContract, ContractViolation } from './api-contract.js';

const check = apiContract();
const product = {
  id: '6a1c0000-0000-4000-8000-000000000001',
  name: 'Mug',
  description: '',
  category: 'kitchen',
  price: 1299,
  createdAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-01T10:00:00.000Z',
  version: 1,
};
const seen = (
  method: string,
  path: string,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) => ({
  method,
  url: `http://127.0.0.1:3001${path}`,
  status,
  text: body === undefined ? '' : JSON.stringify(body),
  headers: new Headers({
    'x-correlation-id': 'c-1',
    ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    ...headers,
  }),
});

describe('apiContract (the services’ committed OpenAPI documents)', () => {
  it('accepts responses the documents describe', () => {
    expect(() => check(seen('GET', `/product/${product.id}`, 200, product, { etag: '"1"' }))).not.toThrow();
    expect(() => check(seen('DELETE', '/basket/swn', 204, undefined))).not.toThrow();
    const problem = { type: 'https://problems.eshop.example/conflict', title: 'Conflict', status: 409 };
    expect(() =>
      check(seen('POST', '/basket/checkout', 409, problem, { 'content-type': 'application/problem+json' })),
    ).not.toThrow();
  });

  it.each([
    ['an undocumented path', seen('GET', '/nowhere', 200, {})],
    ['an undocumented method', seen('PATCH', `/product/${product.id}`, 200, product)],
    ['an undocumented status', seen('GET', `/product/${product.id}`, 418, product, { etag: '"1"' })],
    ['a missing required header', seen('GET', `/product/${product.id}`, 200, product)],
    ['a header off its schema', seen('GET', `/product/${product.id}`, 200, product, { etag: 'W/"1"' })],
    [
      'a field the schema does not have',
      seen('GET', `/product/${product.id}`, 200, { ...product, secret: 1 }, { etag: '"1"' }),
    ],
    [
      'a body of the wrong type',
      seen('GET', `/product/${product.id}`, 200, { ...product, price: 12.5 }, { etag: '"1"' }),
    ],
    ['a body where none is documented', seen('DELETE', `/product/${product.id}`, 204, {})],
    ['an error that is not problem+json', seen('GET', `/product/${product.id}`, 404, { message: 'nope' })],
    [
      'a problem whose status disagrees',
      seen(
        'GET',
        `/product/${product.id}`,
        404,
        { type: 'https://problems.eshop.example/x', title: 'x', status: 400 },
        { 'content-type': 'application/problem+json' },
      ),
    ],
  ])('refuses %s', (_, response) => {
    expect(() => check(response)).toThrow(ContractViolation);
  });
});
