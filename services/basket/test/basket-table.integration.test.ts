import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoDbCancellingTransactions, dynamoDbFailing } from '@eshop/local-cloud/testing';
import { ServiceUnavailableError, ValidationError } from '@eshop/shared';
import { aCheckout } from '@eshop/shared/testing';
import { afterAll, describe, expect, it } from 'vitest';
import {
  basketKey,
  buildCompleteCheckout,
  buildRememberCheckoutKey,
  checkoutKey,
  completedKey,
} from '../src/store/basket-table.js';
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

  it('records a completion the basket no longer carries (an overlapping attempt emptied it)', async () => {
    const userName = uniqueUser('gone');
    const detail = checkoutOf(userName);

    await deps.completeCheckout(detail);

    await expect(deps.isCheckoutCompleted(userName, detail.checkoutId)).resolves.toBe(true);
  });

  it('answers 503 when DynamoDB cancels the completion for a conflict, and records nothing', async () => {
    const userName = uniqueUser('busy');
    const detail = checkoutOf(userName);
    const conflicting = await dynamoDbCancellingTransactions();
    try {
      await expect(buildCompleteCheckout(conflicting.documentClient, BASKET_TABLE)(detail)).rejects.toThrow(
        ServiceUnavailableError,
      );
    } finally {
      await conflicting.stop();
    }
    await expect(deps.isCheckoutCompleted(userName, detail.checkoutId)).resolves.toBe(false);
  });

  it('remembers an idempotency key once: the first checkout it stood for stays', async () => {
    const userName = uniqueUser('key');
    const first = checkoutOf(userName);

    await expect(deps.findCheckoutByKey(userName, 'key-1')).resolves.toBeUndefined();
    await deps.rememberCheckoutKey(userName, 'key-1', first);
    await deps.rememberCheckoutKey(userName, 'key-1', checkoutOf(userName));

    await expect(deps.findCheckoutByKey(userName, 'key-1')).resolves.toEqual({
      detail: first,
      completed: false,
    });
  });

  it('fails remembering a key when DynamoDB fails: only a key already taken is not an error', async () => {
    const userName = uniqueUser('key-fails');
    const failing = await dynamoDbFailing('PutItem', 'InternalServerError');
    try {
      await expect(
        buildRememberCheckoutKey(failing.documentClient, BASKET_TABLE)(
          userName,
          'key-1',
          checkoutOf(userName),
        ),
      ).rejects.toMatchObject({ name: 'InternalServerError' });
    } finally {
      await failing.stop();
    }
    await expect(deps.findCheckoutByKey(userName, 'key-1')).resolves.toBeUndefined();
  });

  // DynamoDB's TTL deletes them: a key record a week after its checkout, the completion marker a
  // day later (a key record may be written when a checkout is resumed, after it began).
  it('lets a key record expire a week after its checkout and a completion marker 8 days after', async () => {
    const userName = uniqueUser('ttl');
    const detail = { ...checkoutOf(userName), checkedOutAt: '2026-11-27T10:00:00.250Z' };
    const checkedOutAtSeconds = Date.parse('2026-11-27T10:00:00.000Z') / 1000;
    const DAY = 24 * 3600;

    await deps.rememberCheckoutKey(userName, 'key-1', detail);
    await deps.completeCheckout(detail);

    const stored = async (Key: Record<string, string>) =>
      (await deps.documentClient.send(new GetCommand({ TableName: BASKET_TABLE, Key }))).Item;
    await expect(stored(checkoutKey(userName, 'key-1'))).resolves.toMatchObject({
      expiresAt: checkedOutAtSeconds + 7 * DAY,
    });
    await expect(stored(completedKey(userName, detail.checkoutId))).resolves.toMatchObject({
      expiresAt: checkedOutAtSeconds + 8 * DAY,
    });
  });

  it('takes a cursor naming any key of the table, and refuses one naming a key it cannot hold', async () => {
    const cursorOf = (sk: string) => Buffer.from(JSON.stringify({ userName: 'u', sk })).toString('base64url');
    const list = (sk: string) => deps.listBaskets({ limit: 1, cursor: cursorOf(sk) });

    for (const sk of ['BASKET', 'CHECKOUT#key-1', 'COMPLETED#c-1'])
      await expect(list(sk)).resolves.toBeDefined();
    for (const sk of ['BASKETS', 'XCHECKOUT#key-1', 'X-COMPLETED#c-1']) {
      await expect(list(sk)).rejects.toThrow(ValidationError);
    }
  });
});
