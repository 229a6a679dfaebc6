import { localCloud, restartableTableForThisFile } from '@eshop/local-cloud/testing';
import { httpEvent, lambdaContext, signedInAs } from '@eshop/shared/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { checkoutBasketHandler } from '../src/handlers/checkout-basket.js';
import { deleteBasketHandler } from '../src/handlers/delete-basket.js';
import { getBasketHandler } from '../src/handlers/get-basket.js';
import { listBasketsHandler } from '../src/handlers/list-baskets.js';
import { saveBasketHandler } from '../src/handlers/save-basket.js';
import { basketTable } from '../src/store/basket-table.js';
import { checkoutEvent, localBasketDependencies, SEEDED, uniqueUser } from './support/local-basket.js';

// A private DynamoDB Local stopped mid-run and started again on the same port with the same data:
// basket answers 503 + Retry-After while it is down, the basket stays intact, and the same handler
// instances (the same SDK client) work again once it is back, checkout included.
const table = restartableTableForThisFile(localCloud().env('basket', 'BASKET_TABLE_NAME'), 'baskets-outage');
const local = localBasketDependencies();

afterAll(() => {
  local.documentClient.destroy();
  local.eventBridge.destroy();
});

describe('basket while DynamoDB is down', () => {
  it('answers 503 with Retry-After, keeps the basket intact, and checks out once it is back', async () => {
    const deps = { ...local, ...basketTable(table.documentClient, table.tableName) };
    const userName = uniqueUser('outage');
    const user = signedInAs(userName);
    const save = saveBasketHandler(deps);
    const get = getBasketHandler(deps);
    const list = listBasketsHandler(deps);
    const remove = deleteBasketHandler(deps);
    const checkout = checkoutBasketHandler(deps);
    const basket = { userName, items: [{ productId: SEEDED.sdCard.id, quantity: 2 }] };
    expect(
      (await save(httpEvent({ method: 'POST', headers: user, body: basket }), lambdaContext())).statusCode,
    ).toBe(201);
    const before = await deps.findBasket(userName);

    await table.stop();
    const during = [
      await save(
        httpEvent({ method: 'POST', headers: user, body: { ...basket, items: [] } }),
        lambdaContext(),
      ),
      await get(httpEvent({ headers: user, pathParameters: { userName } }), lambdaContext()),
      await list(httpEvent({ headers: signedInAs('boss', { admin: true }) }), lambdaContext()),
      await remove(
        httpEvent({ method: 'DELETE', headers: user, pathParameters: { userName } }),
        lambdaContext(),
      ),
      await checkout(checkoutEvent(userName), lambdaContext()),
      await checkout(checkoutEvent(userName, { key: `key-${userName}` }), lambdaContext()),
    ];
    await table.start();

    for (const response of during) {
      expect(response.statusCode).toBe(503);
      expect(response.headers?.['retry-after']).toMatch(/^\d+$/);
    }
    await expect(deps.findBasket(userName)).resolves.toEqual(before);
    const retried = await checkout(checkoutEvent(userName, { key: `key-${userName}` }), lambdaContext());
    expect(retried.statusCode).toBe(202);
    expect(JSON.parse(retried.body ?? '{}')).toMatchObject({ total: 2 * SEEDED.sdCard.price });
    await expect(deps.findBasket(userName)).resolves.toBeUndefined();
  }, 120_000);
});
