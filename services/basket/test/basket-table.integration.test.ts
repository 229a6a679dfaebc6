import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { aCheckout } from '@eshop/shared/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { basketKey } from '../src/store/basket-table.js';
import {
  BASKET_TABLE,
  localBasketDependencies,
  SEEDED,
  storeBasket,
  uniqueUser,
} from './support/local-basket.js';

// The basket table's checkout adapters on DynamoDB Local, for what the handler tests cannot reach.
const deps = localBasketDependencies();
afterAll(() => {
  deps.documentClient.destroy();
  deps.eventBridge.destroy();
});

const lines = [{ productId: SEEDED.sdCard.id, productName: 'x', unitPrice: 5, quantity: 1 }];
const checkoutOf = (userName: string) =>
  aCheckout({
    userName,
    items: [{ productId: SEEDED.sdCard.id, productName: 'x', quantity: 1, unitPrice: 5, lineTotal: 5 }],
    total: 5,
    checkedOutAt: new Date().toISOString(),
  });

describe('the basket table', () => {
  it('locks a basket saved before revisions existed by its timestamp', async () => {
    const userName = uniqueUser('legacy');
    const updatedAt = '2026-01-01T00:00:00.000Z';
    await deps.documentClient.send(
      new PutCommand({ TableName: BASKET_TABLE, Item: { ...basketKey(userName), lines, updatedAt } }),
    );
    const legacy = await deps.findBasket(userName);

    expect(legacy?.revision).toBeUndefined();
    await expect(
      deps.beginCheckout(
        { userName, lines, updatedAt: '2026-01-01T00:00:00.001Z' },
        checkoutOf(userName),
        undefined,
      ),
    ).resolves.toBe('changed');
    await expect(
      deps.beginCheckout(legacy ?? { userName, lines, updatedAt }, checkoutOf(userName), undefined),
    ).resolves.toBe('begun');
  });

  it('refuses to prepare a checkout of a revision that is no longer the basket’s', async () => {
    const userName = uniqueUser('revision');
    await storeBasket(deps, userName, lines);
    const read = await deps.findBasket(userName);
    await storeBasket(deps, userName, lines);
    if (read === undefined) throw new Error('no basket');

    await expect(deps.beginCheckout(read, checkoutOf(userName), undefined)).resolves.toBe('changed');
  });

  it('completes a checkout once however often it is completed, and remembers it', async () => {
    const userName = uniqueUser('complete');
    await storeBasket(deps, userName, lines);
    const basket = await deps.findBasket(userName);
    const detail = checkoutOf(userName);
    if (basket === undefined) throw new Error('no basket');
    await deps.beginCheckout(basket, detail, undefined);

    await deps.completeCheckout(detail);
    await deps.completeCheckout(detail);

    await expect(deps.findBasket(userName)).resolves.toBeUndefined();
    await expect(deps.isCheckoutCompleted(userName, detail.checkoutId)).resolves.toBe(true);
    await expect(deps.isCheckoutCompleted(userName, randomUUID())).resolves.toBe(false);
  });
});
