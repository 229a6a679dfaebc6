import { CheckoutBasket, parseEvent } from '@eshop/shared';
import { httpEvent, lambdaContext, signedInAs } from '@eshop/shared/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkoutBasketHandler } from '../src/handlers/checkout-basket.js';
import { saveBasketHandler } from '../src/handlers/save-basket.js';
import { captureCheckoutEvents } from './support/event-capture.js';
import { localBasketDependencies, rememberingCatalog, SEEDED, uniqueUser } from './support/local-basket.js';

// Concurrent writers on one basket, in process, with the real adapters on the local cloud. The
// catalog adapter is memoised: the race under test is on the basket table, and dozens of parallel
// cold starts of the product service under serverless-offline would only turn it into 503s.
const local = localBasketDependencies();
const deps = {
  ...local,
  findCatalogProduct: rememberingCatalog(local.findCatalogProduct).findCatalogProduct,
};
const save = saveBasketHandler(deps);
const checkout = checkoutBasketHandler(deps);
let capture: Awaited<ReturnType<typeof captureCheckoutEvents>>;

beforeAll(async () => {
  capture = await captureCheckoutEvents();
});
afterAll(async () => {
  await capture.stop();
  deps.documentClient.destroy();
  deps.eventBridge.destroy();
});

type Line = { productId: string; quantity: number; color?: string };
const PRODUCTS = Object.values(SEEDED);
/** A basket distinguishable from every other by its quantities. */
const basketNo = (n: number): Line[] =>
  PRODUCTS.map((product, p) => ({
    productId: product.id,
    quantity: 1 + ((n * 7 + p * 3) % 97),
    color: `c${n}`,
  }));
const linesOf = (items: Line[]) =>
  items
    .map(({ productId, quantity, color }) => ({ productId, quantity, color }))
    .sort((a, b) => a.productId.localeCompare(b.productId));

const replace = (userName: string, items: Line[]) =>
  save(
    httpEvent({ method: 'POST', headers: signedInAs(userName), body: { userName, items } }),
    lambdaContext(),
  );
const checkOut = (userName: string) =>
  checkout(
    httpEvent({
      method: 'POST',
      headers: signedInAs(userName),
      body: {
        userName,
        firstName: 'Ada',
        lastName: 'L',
        email: 'ada@example.com',
        address: 'London',
        paymentMethod: 1,
      },
    }),
    lambdaContext(),
  );

describe('concurrent writes to one basket', () => {
  it('ends with exactly one of many concurrently submitted baskets, never a mix', async () => {
    const userName = uniqueUser('replace');
    const submitted = Array.from({ length: 12 }, (_, n) => basketNo(n));

    const responses = await Promise.all(submitted.map((items) => replace(userName, items)));

    expect(responses.map((r) => r.statusCode).filter((s) => s !== 200 && s !== 201)).toEqual([]);
    const stored = await deps.findBasket(userName);
    const matches = submitted.filter(
      (items) => JSON.stringify(linesOf(items)) === JSON.stringify(linesOf(stored?.lines ?? [])),
    );
    expect(matches).toHaveLength(1);
  });

  it('never publishes a checkout that mixes baskets, and never loses the last one submitted', async () => {
    const trials = await Promise.all(
      Array.from({ length: 8 }, async (_, trial) => {
        const userName = uniqueUser(`race${trial}`);
        const first = basketNo(100 + trial);
        const second = basketNo(200 + trial);
        await replace(userName, first);

        // The checkout and the replacement race; a trial-dependent head start varies who wins.
        const [checkedOut, replaced] = await Promise.all([
          checkOut(userName),
          new Promise((resolve) => setTimeout(resolve, trial * 3)).then(() => replace(userName, second)),
        ]);
        expect([200, 201]).toContain(replaced.statusCode);
        return { userName, first, second, checkedOut };
      }),
    );
    const accepted = trials.filter((t) => t.checkedOut.statusCode === 202);
    const mine = (bodies: string[]) => bodies.map((body) => parseEvent(CheckoutBasket, body).detail);
    const events = mine(
      await capture.bodies(
        (bodies) => accepted.every((t) => mine(bodies).some((d) => d.userName === t.userName)),
        5000,
      ),
    );

    for (const { userName, first, second, checkedOut } of trials) {
      expect([202, 409]).toContain(checkedOut.statusCode);
      const published = events.filter((d) => d.userName === userName);
      const remaining = await deps.findBasket(userName);
      if (checkedOut.statusCode === 409) {
        expect(published).toHaveLength(0);
      } else {
        expect(published.map((d) => d.checkoutId)).toEqual([JSON.parse(checkedOut.body ?? '{}').checkoutId]);
      }
      const ordered = published[0] === undefined ? undefined : JSON.stringify(linesOf(published[0].items));
      // What was checked out is exactly one of the baskets, priced as a whole.
      if (ordered !== undefined)
        expect([linesOf(first), linesOf(second)].map((l) => JSON.stringify(l))).toContain(ordered);
      // The last basket submitted is either still there or was ordered — exactly one of the two.
      const secondKept =
        remaining !== undefined &&
        JSON.stringify(linesOf(remaining.lines)) === JSON.stringify(linesOf(second));
      const secondOrdered = ordered === JSON.stringify(linesOf(second));
      expect(secondKept !== secondOrdered).toBe(true);
      if (remaining !== undefined) expect(remaining.pendingCheckout).toBeUndefined();
    }
  }, 60_000);
});
