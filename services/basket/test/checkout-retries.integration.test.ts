import { dynamoDbCancellingTransactions } from '@eshop/local-cloud/testing';
import { aCheckout, lambdaContext } from '@eshop/shared/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkoutBasketHandler } from '../src/handlers/checkout-basket.js';
import { basketTable } from '../src/store/basket-table.js';
import { captureCheckoutEventsInFile } from './support/event-capture.js';
import { BASKET_TABLE, checkoutEvent, SEEDED, storeBasket, uniqueUser } from './support/local-basket.js';
import { localBasketWithRememberedCatalog } from './support/remembered-catalog.js';

// Retries of one checkout that overlap the first attempt, with the real adapters on the local
// cloud. The catalog answers are remembered (the race under test is on the basket table) and
// delayed a little, differently per run, so the two requests interleave in different ways.
const { catalog, deps: remembered } = localBasketWithRememberedCatalog();
const deps = {
  ...remembered,
  findCatalogProducts: async (ids: readonly string[]) => {
    const products = await catalog.findCatalogProducts(ids);
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 8));
    return products;
  },
};
const capture = captureCheckoutEventsInFile(deps.documentClient, deps.eventBridge);

beforeAll(() => catalog.warm([SEEDED.sdCard.id, SEEDED.airPods.id]));

const json = (response: { body?: string }) => JSON.parse(response.body ?? 'null');
const fill = (userName: string) =>
  storeBasket(deps, userName, [
    { productId: SEEDED.sdCard.id, productName: 'x', unitPrice: 1, quantity: 2 },
    { productId: SEEDED.airPods.id, productName: 'y', unitPrice: 1, quantity: 1 },
  ]);
const checkOut = (handler: ReturnType<typeof checkoutBasketHandler>, userName: string, key: string) =>
  handler(checkoutEvent(userName, { key }), lambdaContext());

describe('an overlapping retry with the same Idempotency-Key', () => {
  it('gets the same 2xx answer as the first attempt and one checkout is published, 50 times', async () => {
    const runs = 50;
    const inFlight = 10;
    // Which way each retry met the first attempt: proof that the two really overlapped.
    const lostTheRace = new Set<string>();
    const handler = checkoutBasketHandler({
      ...deps,
      beginCheckout: async (basket, detail, key) => {
        const outcome = await deps.beginCheckout(basket, detail, key);
        if (outcome !== 'begun') lostTheRace.add(basket.userName);
        return outcome;
      },
    });
    const users = Array.from({ length: runs }, (_, run) => uniqueUser(`overlap${run}`));
    await Promise.all(users.map(fill));

    const overlap = async (userName: string, run: number) => {
      const key = `key-${userName}`;
      const [first, retry] = await Promise.all([
        checkOut(handler, userName, key),
        new Promise((resolve) => setTimeout(resolve, run % 4)).then(() => checkOut(handler, userName, key)),
      ]);
      return { userName, first, retry };
    };
    const results: Awaited<ReturnType<typeof overlap>>[] = [];
    for (let wave = 0; wave < runs; wave += inFlight) {
      results.push(
        ...(await Promise.all(users.slice(wave, wave + inFlight).map((u, i) => overlap(u, wave + i)))),
      );
    }

    const events = await capture.settled((event) => users.includes(event.detail.userName), { atLeast: runs });
    for (const { userName, first, retry } of results) {
      expect([first.statusCode, retry.statusCode]).toEqual([202, 202]);
      expect(json(retry)).toEqual(json(first));
      // One checkout id per basket, the one both answers name: one order.
      const published = new Set(
        events.filter((e) => e.detail.userName === userName).map((e) => e.detail.checkoutId),
      );
      expect([...published]).toEqual([json(first).checkoutId]);
      await expect(deps.findBasket(userName)).resolves.toBeUndefined();
    }
    expect(lostTheRace.size).toBeGreaterThan(runs / 5);
  }, 120_000);
});

describe('preparing a checkout', () => {
  it('is idempotent when the SDK resends a transaction that had already committed, seconds later', async () => {
    const userName = uniqueUser('resend');
    await fill(userName);
    const basket = await deps.findBasket(userName);
    if (basket === undefined) throw new Error('no basket');
    const detail = aCheckout({
      userName,
      items: [{ productId: SEEDED.sdCard.id, productName: 'x', quantity: 1, unitPrice: 5, lineTotal: 5 }],
      total: 5,
      checkedOutAt: new Date().toISOString(),
    });

    const first = await deps.beginCheckout(basket, detail, `key-${userName}`);
    // Across a second boundary: an item stamped with the time of each attempt made the resend a
    // different request under the same token (IdempotentParameterMismatchException).
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const resent = await deps.beginCheckout(basket, detail, `key-${userName}`);

    expect([first, resent]).toEqual(['begun', 'begun']);
  });

  it('answers 503, not 409, when DynamoDB cancels the transaction for a conflict, and keeps the basket', async () => {
    const { documentClient, stop } = await dynamoDbCancellingTransactions();
    try {
      const conflicted = { ...deps, ...basketTable(documentClient, BASKET_TABLE) };
      const userName = uniqueUser('txconflict');
      await fill(userName);
      const before = await deps.findBasket(userName);

      const response = await checkOut(checkoutBasketHandler(conflicted), userName, `key-${userName}`);

      expect(response.statusCode).toBe(503);
      expect(response.headers?.['retry-after']).toMatch(/^\d+$/);
      await expect(deps.findBasket(userName)).resolves.toEqual(before);
      expect(await capture.eventsOf(userName)).toEqual([]);
    } finally {
      await stop();
    }
  });
});
