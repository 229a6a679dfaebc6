import { httpEvent, lambdaContext, signedInAs } from '@eshop/shared/testing';
import { describe, expect, it } from 'vitest';
import { checkoutBasketHandler } from '../src/handlers/checkout-basket.js';
import { saveBasketHandler } from '../src/handlers/save-basket.js';
import { captureCheckoutEventsInFile } from './support/event-capture.js';
import { checkoutEvent, SEEDED, uniqueUser } from './support/local-basket.js';
import { localBasketWithRememberedCatalog } from './support/remembered-catalog.js';

// Concurrent writers on one basket, in process, with the real adapters on the local cloud. The
// catalog adapter is memoised: the race under test is on the basket table, and dozens of parallel
// cold starts of the product service under serverless-offline would only turn it into 503s.
const { deps } = localBasketWithRememberedCatalog();
const save = saveBasketHandler(deps);
const checkout = checkoutBasketHandler(deps);
const capture = captureCheckoutEventsInFile(deps.documentClient, deps.eventBridge);

/** A promise `opened` that resolves once `open` is called: holds a request at a chosen point. */
const gate = () => {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
};

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
const checkOut = (userName: string, through = checkout) => through(checkoutEvent(userName), lambdaContext());

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

  /**
   * A checkout and a replacement of the same basket, raced: what was published is exactly one
   * whole basket, a 409 changed nothing, and the last basket accepted is kept or ordered.
   */
  const race = async (
    trial: number,
    startReplace: (replace: () => Promise<unknown>) => Promise<unknown>,
    through = checkout,
  ) => {
    const userName = uniqueUser(`race${trial}`);
    const first = basketNo(100 + trial);
    const second = basketNo(200 + trial);
    expect((await replace(userName, first)).statusCode).toBe(201);
    let replaced: Awaited<ReturnType<typeof replace>> | undefined;
    const checkedOut = await Promise.all([
      checkOut(userName, through),
      startReplace(async () => {
        replaced = await replace(userName, second);
      }),
    ]).then(([response]) => response);
    return { userName, first, second, checkedOut, replaced: replaced as Awaited<ReturnType<typeof replace>> };
  };

  const expectOneWholeBasket = async (trials: Awaited<ReturnType<typeof race>>[]) => {
    const accepted = trials.filter((t) => t.checkedOut.statusCode === 202);
    const mine = new Set(trials.map((t) => t.userName));
    const events = await capture.settled((e) => mine.has(e.detail.userName), { atLeast: accepted.length });
    for (const { userName, first, second, checkedOut, replaced } of trials) {
      expect([202, 409]).toContain(checkedOut.statusCode);
      expect([200, 201, 409]).toContain(replaced.statusCode);
      // Both cannot lose: a replace refused for a pending checkout means that checkout went ahead.
      expect(checkedOut.statusCode === 409 && replaced.statusCode === 409).toBe(false);
      const published = events.filter((e) => e.detail.userName === userName).map((e) => e.detail);
      if (checkedOut.statusCode === 409) expect(published).toHaveLength(0);
      else
        expect(published.map((d) => d.checkoutId)).toEqual([JSON.parse(checkedOut.body ?? '{}').checkoutId]);
      const ordered = published[0] === undefined ? undefined : JSON.stringify(linesOf(published[0].items));
      // What was checked out is exactly one of the baskets, priced as a whole.
      if (ordered !== undefined) {
        expect([linesOf(first), linesOf(second)].map((l) => JSON.stringify(l))).toContain(ordered);
      }
      const remaining = await deps.findBasket(userName);
      const secondKept =
        remaining !== undefined &&
        JSON.stringify(linesOf(remaining.lines)) === JSON.stringify(linesOf(second));
      const secondOrdered = ordered === JSON.stringify(linesOf(second));
      if (replaced.statusCode === 409) {
        // Refused: the client knows the second basket was not taken; the first one was ordered.
        expect(ordered).toBe(JSON.stringify(linesOf(first)));
        expect(remaining).toBeUndefined();
      } else {
        // Accepted: the second basket is either still there or was ordered — exactly one of the two.
        expect(secondKept !== secondOrdered).toBe(true);
      }
      if (remaining !== undefined) expect(remaining.pendingCheckout).toBeUndefined();
    }
  };

  /** `step`, made to `hold` before it runs. */
  const holding =
    <Args extends unknown[], Result>(step: (...args: Args) => Promise<Result>, hold: () => Promise<void>) =>
    async (...args: Args) => {
      await hold();
      return step(...args);
    };

  // The checkout waits in one of its steps until the replacement is stored.
  it.each<[string, number, (hold: () => Promise<void>) => Partial<typeof deps>, number, number]>([
    [
      'orders one whole basket when a replacement lands between pricing and preparing the checkout (409, nothing published)',
      0,
      (hold) => ({ findCatalogProducts: holding(deps.findCatalogProducts, hold) }),
      409,
      200,
    ],
    [
      'refuses a replacement (409) that lands while the checkout is being published, and orders the first basket',
      1,
      (hold) => ({ publishEvent: holding(deps.publishEvent, hold) }),
      202,
      409,
    ],
  ])('%s', async (_, n, holdingStep, checkedOutStatus, replacedStatus) => {
    const reached = gate();
    const replaced = gate();
    const waitingCheckout = checkoutBasketHandler({
      ...deps,
      ...holdingStep(async () => {
        reached.open();
        await replaced.opened;
      }),
    });

    const trial = await race(
      n,
      async (replaceNow) => {
        await reached.opened;
        await replaceNow();
        replaced.open();
      },
      waitingCheckout,
    );

    expect(trial.checkedOut.statusCode).toBe(checkedOutStatus);
    expect(trial.replaced.statusCode).toBe(replacedStatus);
    await expectOneWholeBasket([trial]);
  });

  it('never publishes a checkout that mixes baskets, and never loses the last one accepted, under free races', async () => {
    const trials = await Promise.all(
      Array.from({ length: 16 }, (_, trial) =>
        // A trial-dependent head start varies who wins.
        race(10 + trial, (replaceNow) =>
          new Promise((resolve) => setTimeout(resolve, trial * 2)).then(replaceNow),
        ),
      ),
    );

    await expectOneWholeBasket(trials);
    // The race really happened: at least one trial interleaved the two requests (one of them had
    // to give way with a 409) rather than running them one after the other.
    const interleaved = trials.filter(
      (t) => t.checkedOut.statusCode === 409 || t.replaced.statusCode === 409,
    );
    expect(interleaved.length).toBeGreaterThan(0);
  }, 60_000);
});
