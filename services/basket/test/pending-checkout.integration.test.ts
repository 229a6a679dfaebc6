import { buildPublishEvent } from '@eshop/shared';
import { httpEvent, lambdaContext, signedInAs } from '@eshop/shared/testing';
import { describe, expect, it } from 'vitest';
import { checkoutBasketHandler } from '../src/handlers/checkout-basket.js';
import { deleteBasketHandler } from '../src/handlers/delete-basket.js';
import { getBasketHandler } from '../src/handlers/get-basket.js';
import { saveBasketHandler } from '../src/handlers/save-basket.js';
import { basketTable } from '../src/store/basket-table.js';
import { captureCheckoutEventsInFile } from './support/event-capture.js';
import {
  BASKET_TABLE,
  checkoutEvent,
  localBasketDependencies,
  SEEDED,
  uniqueUser,
} from './support/local-basket.js';

// What happens to a checkout that was prepared but not completed (its first attempt answered 503),
// with the real adapters on the local cloud and a clock the tests move.
const local = localBasketDependencies();
let clock = Date.now();
const now = () => new Date(clock);
const deps = { ...local, now, ...basketTable(local.documentClient, BASKET_TABLE) };
// A bus name that does not exist: PutEvents answers with a failed entry, a 503 for the client.
const busDown = { ...deps, publishEvent: buildPublishEvent(local.eventBridge, 'no-such-bus') };
const capture = captureCheckoutEventsInFile(local.documentClient, local.eventBridge);

const MINUTE = 60_000;
const json = (response: { body?: string }) => JSON.parse(response.body ?? 'null');
/** The answer to a checkout whose pending checkout `pendingId` expired: 409, naming it. */
const expectExpired = (response: { statusCode?: number; body?: string }, pendingId: string) => {
  expect(response.statusCode).toBe(409);
  expect(json(response)).toMatchObject({ reason: 'checkout-expired', checkoutId: pendingId });
};

const save = (userName: string, items = [{ productId: SEEDED.sdCard.id, quantity: 2 }]) =>
  saveBasketHandler(deps)(
    httpEvent({ method: 'POST', path: '/basket', headers: signedInAs(userName), body: { userName, items } }),
    lambdaContext(),
  );
const read = async (userName: string) =>
  json(
    await getBasketHandler(deps)(
      httpEvent({ path: `/basket/${userName}`, headers: signedInAs(userName), pathParameters: { userName } }),
      lambdaContext(),
    ),
  );
const remove = (userName: string) =>
  deleteBasketHandler(deps)(
    httpEvent({
      method: 'DELETE',
      path: `/basket/${userName}`,
      headers: signedInAs(userName),
      pathParameters: { userName },
    }),
    lambdaContext(),
  );
const checkOut = (
  userName: string,
  {
    key,
    through = deps,
    changes = {},
  }: { key?: string; through?: typeof deps; changes?: Record<string, unknown> } = {},
) => checkoutBasketHandler(through)(checkoutEvent(userName, { key, changes }), lambdaContext());

/** A basket whose checkout failed on the bus: the checkout stays pending on it. */
const withPendingCheckout = async (key?: string) => {
  clock = Date.now();
  const userName = uniqueUser('pending');
  expect((await save(userName)).statusCode).toBe(201);
  const failed = await checkOut(userName, { key, through: busDown });
  expect(failed.statusCode).toBe(503);
  const pending = (await deps.findBasket(userName))?.pendingCheckout;
  expect(pending).toBeDefined();
  return { userName, pendingId: pending?.checkoutId ?? '' };
};

describe('a pending checkout', () => {
  it('is shown by GET /basket/{userName}, with its lifetime', async () => {
    const { userName, pendingId } = await withPendingCheckout();

    const basket = await read(userName);

    expect(basket.pendingCheckout).toEqual({
      checkoutId: pendingId,
      status: 'PENDING',
      total: 2 * SEEDED.sdCard.price,
      currency: 'USD',
      checkedOutAt: new Date(clock).toISOString(),
      expiresAt: new Date(clock + 15 * MINUTE).toISOString(),
    });
    expect(basket.items).toHaveLength(1);
  });

  it('is completed by a retry with the same buyer and payment, under a new key', async () => {
    const { userName, pendingId } = await withPendingCheckout('first-key-1');
    clock += 5 * MINUTE;

    const retried = await checkOut(userName, { key: 'second-key-2' });

    expect(retried.statusCode).toBe(202);
    expect(json(retried).checkoutId).toBe(pendingId);
    expect((await capture.eventsOf(userName, { atLeast: 1 })).map((e) => e.detail.checkoutId)).toEqual([
      pendingId,
    ]);
    await expect(deps.findBasket(userName)).resolves.toBeUndefined();
  });

  it.each([
    ['another address', { address: '1 New Street, Leeds' }],
    ['another card', { cardInfo: '5555 4444 3333 1111' }],
    ['another payment method', { paymentMethod: 2 }],
    ['another buyer name', { lastName: 'Byron' }],
  ])(
    'answers 409 naming the pending checkout to a checkout with %s, and publishes nothing',
    async (_, changes) => {
      const { userName, pendingId } = await withPendingCheckout('first-key-1');
      clock += 5 * MINUTE;

      const response = await checkOut(userName, { key: `new-key-${userName}`, changes });

      expect(response.statusCode).toBe(409);
      expect(json(response)).toMatchObject({
        status: 409,
        reason: 'checkout-pending',
        checkoutId: pendingId,
        expiresAt: new Date(clock - 5 * MINUTE + 15 * MINUTE).toISOString(),
      });
      expect(json(response).detail).toMatch(/Idempotency-Key or the same buyer and payment details/);
      expect(await capture.eventsOf(userName)).toEqual([]);
      expect((await deps.findBasket(userName))?.pendingCheckout?.checkoutId).toBe(pendingId);
    },
  );

  it('locks the basket: replacing or deleting it answers 409 naming the checkout, and changes nothing', async () => {
    const { userName, pendingId } = await withPendingCheckout();
    const before = await deps.findBasket(userName);

    const replaced = await save(userName, [{ productId: SEEDED.airPods.id, quantity: 1 }]);
    const deleted = await remove(userName);

    for (const response of [replaced, deleted]) {
      expect(response.statusCode).toBe(409);
      expect(json(response)).toMatchObject({ reason: 'checkout-pending', checkoutId: pendingId });
    }
    await expect(deps.findBasket(userName)).resolves.toEqual(before);
  });

  it('expires after 15 minutes: never published again, by its key or any other request', async () => {
    const { userName, pendingId } = await withPendingCheckout('first-key-1');
    clock += 15 * MINUTE;

    const byItsKey = await checkOut(userName, { key: 'first-key-1' });
    const byTheSameDetails = await checkOut(userName, { key: 'second-key-2' });

    for (const response of [byItsKey, byTheSameDetails]) {
      expectExpired(response, pendingId);
    }
    expect((await read(userName)).pendingCheckout).toMatchObject({
      checkoutId: pendingId,
      status: 'EXPIRED',
    });
    expect(await capture.eventsOf(userName)).toEqual([]);
  });

  it('is not published in the last 30 seconds of its lifetime, when a publish could outlive it', async () => {
    const { userName, pendingId } = await withPendingCheckout('first-key-1');
    clock += 15 * MINUTE - 29_000;

    const response = await checkOut(userName, { key: 'first-key-1' });

    expectExpired(response, pendingId);
    expect(await capture.eventsOf(userName)).toEqual([]);
  });

  it('once expired, lets the basket be saved again and checked out at current prices, as one new order', async () => {
    const { userName, pendingId } = await withPendingCheckout('first-key-1');
    clock += 16 * MINUTE;

    expect((await save(userName)).statusCode).toBe(200);
    const fresh = await checkOut(userName, { key: 'second-key-2' });
    const oldKey = await checkOut(userName, { key: 'first-key-1' });

    expect(fresh.statusCode).toBe(202);
    expect(json(fresh).checkoutId).not.toBe(pendingId);
    // The old key's checkout was abandoned with its basket: it never comes back to life.
    expectExpired(oldKey, pendingId);
    const events = await capture.eventsOf(userName, { atLeast: 1 });
    expect(events.map((e) => e.detail.checkoutId)).toEqual([json(fresh).checkoutId]);
  });

  it('once expired, lets the basket be deleted; its old key then publishes nothing', async () => {
    const { userName, pendingId } = await withPendingCheckout('first-key-1');
    clock += 16 * MINUTE;

    expect((await remove(userName)).statusCode).toBe(204);
    const oldKey = await checkOut(userName, { key: 'first-key-1' });

    expectExpired(oldKey, pendingId);
    expect(await capture.eventsOf(userName)).toEqual([]);
  });

  it('replays the completed checkout to its first key after a second key completed it', async () => {
    const { userName, pendingId } = await withPendingCheckout('first-key-1');

    const completed = await checkOut(userName, { key: 'second-key-2' });
    const firstKeyAgain = await checkOut(userName, { key: 'first-key-1' });

    expect(completed.statusCode).toBe(202);
    expect(firstKeyAgain.statusCode).toBe(202);
    expect(firstKeyAgain.headers?.['idempotent-replayed']).toBe('true');
    expect(json(firstKeyAgain)).toEqual(json(completed));
    expect((await capture.eventsOf(userName, { atLeast: 1 })).map((e) => e.detail.checkoutId)).toEqual([
      pendingId,
    ]);
  });

  it('refuses an Idempotency-Key reused with other buyer or payment details, even after completion', async () => {
    clock = Date.now();
    const userName = uniqueUser('reuse');
    await save(userName);
    const first = await checkOut(userName, { key: 'only-key-1' });

    const reused = await checkOut(userName, { key: 'only-key-1', changes: { address: 'Elsewhere 1' } });

    expect(first.statusCode).toBe(202);
    expect(reused.statusCode).toBe(409);
    expect(json(reused)).toMatchObject({
      reason: 'idempotency-key-reused',
      checkoutId: json(first).checkoutId,
    });
  });
});

describe('the optimistic lock of checkout', () => {
  it('refuses to check out lines that were replaced in the same millisecond as they were priced', async () => {
    clock = Date.now(); // the clock stands still: every write of this test has the same time
    const userName = uniqueUser('samems');
    await save(userName, [{ productId: SEEDED.sdCard.id, quantity: 2 }]);
    let replaced = false;
    // The basket is replaced while checkout prices the old one.
    const racing = {
      ...deps,
      findCatalogProducts: async (ids: readonly string[]) => {
        if (!replaced) {
          replaced = true;
          expect((await save(userName, [{ productId: SEEDED.airPods.id, quantity: 1 }])).statusCode).toBe(
            200,
          );
        }
        return deps.findCatalogProducts(ids);
      },
    };

    const response = await checkOut(userName, { through: racing });

    expect(response.statusCode).toBe(409);
    const stored = await deps.findBasket(userName);
    expect(stored?.lines.map((line) => line.productId)).toEqual([SEEDED.airPods.id]);
    expect(stored?.pendingCheckout).toBeUndefined();
    expect(await capture.eventsOf(userName)).toEqual([]);
  });
});
