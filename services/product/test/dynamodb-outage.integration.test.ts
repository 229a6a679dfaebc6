import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { localCloud, restartableTableForThisFile } from '@eshop/local-cloud/testing';
import { httpEvent, lambdaContext, signedInAs } from '@eshop/shared/testing';
import { describe, expect, it } from 'vitest';
import { createProductHandler } from '../src/handlers/create-product.js';
import { deleteProductHandler } from '../src/handlers/delete-product.js';
import { getProductHandler } from '../src/handlers/get-product.js';
import { listProductsHandler } from '../src/handlers/list-products.js';
import { updateProductHandler } from '../src/handlers/update-product.js';
import { productTable } from '../src/store/product-table.js';
import { productHandlerDependencies } from './support/handler-dependencies.js';

// A private DynamoDB Local that this test stops mid-run and starts again on the same port with the
// same data: the handlers (built once, like a warm Lambda container) answer 503 + Retry-After while
// it is down, write nothing, and work again with the same SDK client once it is back.
const table = restartableTableForThisFile(
  localCloud().env('product', 'PRODUCT_TABLE_NAME'),
  'products-outage',
);
const admin = signedInAs('boss', { admin: true });
const json = (response: { body?: string }) => JSON.parse(response.body ?? 'null');

const scan = async () =>
  (await table.documentClient.send(new ScanCommand({ TableName: table.tableName }))).Items;

describe('product while DynamoDB is down', () => {
  it('answers 503 with Retry-After, writes nothing, and recovers with the same handlers', async () => {
    const deps = productHandlerDependencies(
      'product-outage',
      productTable(table.documentClient, table.tableName),
    );
    const create = createProductHandler(deps);
    const get = getProductHandler(deps);
    const list = listProductsHandler(deps);
    const update = updateProductHandler(deps);
    const remove = deleteProductHandler(deps);
    const body = { name: 'Lamp', category: 'outage', price: 100 };
    const created = json(await create(httpEvent({ method: 'POST', headers: admin, body }), lambdaContext()));
    const id = { id: created.id };
    const before = await scan();

    await table.stop();
    const during = [
      await create(httpEvent({ method: 'POST', headers: admin, body }), lambdaContext()),
      await get(httpEvent({ pathParameters: id }), lambdaContext()),
      await list(httpEvent({ query: { category: 'outage' } }), lambdaContext()),
      await update(
        httpEvent({ method: 'PUT', headers: admin, pathParameters: id, body: { price: 1 } }),
        lambdaContext(),
      ),
      await remove(httpEvent({ method: 'DELETE', headers: admin, pathParameters: id }), lambdaContext()),
    ];
    await table.start();

    for (const response of during) {
      expect(response.statusCode).toBe(503);
      expect(response.headers?.['retry-after']).toMatch(/^\d+$/);
      expect(response.headers?.['content-type']).toBe('application/problem+json');
    }
    expect(await scan()).toEqual(before);
    const fetched = await get(httpEvent({ pathParameters: id }), lambdaContext());
    expect(fetched.statusCode).toBe(200);
    expect(json(fetched)).toEqual(created);
    const updated = await update(
      httpEvent({
        method: 'PUT',
        headers: { ...admin, 'if-match': '"1"' },
        pathParameters: id,
        body: { price: 2 },
      }),
      lambdaContext(),
    );
    expect(updated.statusCode).toBe(200);
    expect(json(updated)).toMatchObject({ price: 2, version: 2 });
  }, 120_000);
});
