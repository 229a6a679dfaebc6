import {
  type CheckoutBasketDetail,
  ConflictError,
  EventPublishError,
  ServiceUnavailableError,
} from '@eshop/shared';
import { describe, expect, it } from 'vitest';
import type { Basket } from './basket.js';
import { type CheckoutDeps, type CheckoutResult, checkout, checkoutRequestSchema } from './checkout.js';
import type { CatalogProduct, CheckoutRecord, FindCatalogProducts } from './ports.js';

/** A catalog fake from what it holds per id (undefined: not in the catalog). */
const catalogOf =
  (productOf: (id: string) => CatalogProduct | undefined): FindCatalogProducts =>
  async (ids) =>
    new Map(
      ids.flatMap((id) => {
        const product = productOf(id);
        return product === undefined ? [] : [[id, product] as const];
      }),
    );

const request = checkoutRequestSchema.parse({
  userName: 'ada',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  address: 'London',
  paymentMethod: 'card',
  cardInfo: '4000-0566-5566-5556',
});
const START = Date.parse('2026-11-27T12:00:00.000Z');
const MINUTE = 60_000;

/** The checkout ports over memory, recording what was published; the clock is `state.clock`. */
const fakes = (basket?: Basket, overrides: Partial<CheckoutDeps> = {}) => {
  const state = {
    basket,
    clock: START,
    records: new Map<string, CheckoutRecord>(),
    completed: new Set<string>(),
    published: [] as CheckoutBasketDetail[],
  };
  let ids = 0;
  const deps: CheckoutDeps = {
    findBasket: async () => state.basket,
    findCatalogProducts: catalogOf((id) => ({ id, name: `Product ${id}`, price: id === 'a' ? 500 : 1250 })),
    findCheckoutByKey: async (_, key) => state.records.get(key),
    beginCheckout: async (current, detail, key) => {
      const stored = state.basket;
      if (stored === undefined || stored.revision !== current.revision || stored.pendingCheckout) {
        return 'changed';
      }
      if (key !== undefined && state.records.has(key)) return 'changed';
      state.basket = { ...stored, pendingCheckout: detail };
      if (key !== undefined) state.records.set(key, { detail, completed: false });
      return 'begun';
    },
    rememberCheckoutKey: async (_, key, detail) => {
      if (!state.records.has(key)) state.records.set(key, { detail, completed: false });
    },
    completeCheckout: async (detail) => {
      state.completed.add(detail.checkoutId);
      if (state.basket?.pendingCheckout?.checkoutId === detail.checkoutId) state.basket = undefined;
    },
    isCheckoutCompleted: async (_, checkoutId) => state.completed.has(checkoutId),
    publishEvent: async (_, detail) => {
      state.published.push(detail as CheckoutBasketDetail);
      return { eventId: `e-${state.published.length}` };
    },
    now: () => new Date(state.clock),
    newId: () => `00000000-0000-4000-8000-00000000000${++ids}`,
    ...overrides,
  };
  return { deps, state };
};

const basket = (): Basket => ({
  userName: 'ada',
  updatedAt: '2026-11-27T11:00:00.000Z',
  revision: 'rev-1',
  lines: [
    { productId: 'a', productName: 'old', unitPrice: 1, quantity: 3 },
    { productId: 'b', productName: 'old', unitPrice: 1, quantity: 2, color: 'red' },
  ],
});

/** Deps whose bus fails until `bus.up` is set. */
const withFlakyBus = (deps: CheckoutDeps) => {
  const bus = { up: false };
  const flaky: CheckoutDeps = {
    ...deps,
    publishEvent: async (definition, detail) => {
      if (!bus.up) throw new EventPublishError('bus down');
      return deps.publishEvent(definition, detail);
    },
  };
  return { flaky, bus };
};

describe('checkout', () => {
  it('keeps only the last four card digits', () => {
    expect(request.cardInfo).toBe('5556');
  });

  it.each(['card4242', '4242card', '42a4242'])(
    'refuses card details that are not all digits: %s',
    (cardInfo) => {
      expect(checkoutRequestSchema.safeParse({ ...request, cardInfo }).success).toBe(false);
    },
  );

  it('says why a card number of the wrong length is refused', () => {
    const result = checkoutRequestSchema.safeParse({ ...request, cardInfo: '424' });

    expect(result.error?.issues[0]?.message).toBe('Must be 4-19 digits');
  });

  it('prices from the catalog (not the stored prices), publishes, then empties the basket', async () => {
    const { deps, state } = fakes(basket());

    const result = await checkout(deps)(request, { correlationId: 'c-1' });

    expect(result).toEqual({
      checkoutId: expect.any(String),
      total: 3 * 500 + 2 * 1250,
      currency: 'USD',
      replayed: false,
    });
    expect(state.published).toHaveLength(1);
    expect(state.published[0]).toMatchObject({
      correlationId: 'c-1',
      payment: { method: 'card', cardLast4: '5556' },
      checkedOutAt: '2026-11-27T12:00:00.000Z',
    });
    expect(state.basket).toBeUndefined();
  });

  it('publishes each line as priced, with a colour and card digits only where there are some', async () => {
    const { deps, state } = fakes(basket());
    const { cardInfo: _, ...withoutCard } = request;

    await checkout(deps)(withoutCard, { correlationId: 'c-1' });

    expect(state.published[0]?.items).toStrictEqual([
      { productId: 'a', productName: 'Product a', quantity: 3, unitPrice: 500, lineTotal: 1500 },
      {
        productId: 'b',
        productName: 'Product b',
        quantity: 2,
        unitPrice: 1250,
        lineTotal: 2500,
        color: 'red',
      },
    ]);
    expect(state.published[0]?.payment).toStrictEqual({ method: 'card' });
  });

  it('refuses an empty or missing basket with ConflictError', async () => {
    await expect(checkout(fakes(undefined).deps)(request, { correlationId: 'c' })).rejects.toThrow(
      ConflictError,
    );
    await expect(
      checkout(fakes({ ...basket(), lines: [] }).deps)(request, { correlationId: 'c' }),
    ).rejects.toMatchObject({
      message: 'The basket of ada is empty; add items before checking out',
      members: { reason: 'basket-empty' },
    });
  });

  it('refuses a basket holding a product that left the catalog', async () => {
    const { deps, state } = fakes(basket(), {
      findCatalogProducts: catalogOf((id) => (id === 'a' ? undefined : { id, name: 'B', price: 1 })),
    });

    await expect(checkout(deps)(request, { correlationId: 'c' })).rejects.toThrow(
      /no longer in the catalog: a/,
    );
    // The reason is the problem's member and the refusal metric's dimension.
    await expect(checkout(deps)(request, { correlationId: 'c' })).rejects.toMatchObject({
      members: { reason: 'products-unavailable' },
    });
    expect(state.published).toHaveLength(0);
  });

  it('names every product that left the catalog', async () => {
    const { deps } = fakes(basket(), { findCatalogProducts: catalogOf(() => undefined) });

    await expect(checkout(deps)(request, { correlationId: 'c' })).rejects.toThrow(
      'The basket holds products no longer in the catalog: a, b. Update the basket and retry.',
    );
  });

  it('keeps the basket and its pending checkout when publishing fails, and a retry reuses the checkout id', async () => {
    const { deps, state } = fakes(basket());
    const { flaky, bus } = withFlakyBus(deps);

    await expect(checkout(flaky)(request, { correlationId: 'c' })).rejects.toThrow(ServiceUnavailableError);
    const pendingId = state.basket?.pendingCheckout?.checkoutId;
    expect(state.basket?.lines).toHaveLength(2);

    bus.up = true;
    const result = await checkout(flaky)(request, { correlationId: 'c2' });

    expect(result.checkoutId).toBe(pendingId);
    expect(state.published.map((d) => d.checkoutId)).toEqual([pendingId]);
  });

  it('replays a completed checkout for the same idempotency key without publishing again', async () => {
    const { deps, state } = fakes(basket());
    const run = checkout(deps);

    const first = await run(request, { correlationId: 'c', idempotencyKey: 'key-12345678' });
    const second = await run(request, { correlationId: 'c', idempotencyKey: 'key-12345678' });

    expect(second).toEqual({ ...first, replayed: true });
    expect(state.published).toHaveLength(1);
  });

  it('lets a new key that resumed a pending checkout replay it after completion', async () => {
    const { deps, state } = fakes(basket());
    const { flaky, bus } = withFlakyBus(deps);
    const run = checkout(flaky);

    await expect(run(request, { correlationId: 'c', idempotencyKey: 'first-key-1' })).rejects.toThrow();
    bus.up = true;
    const resumed = await run(request, { correlationId: 'c', idempotencyKey: 'second-key-2' });
    const replayed = await run(request, { correlationId: 'c', idempotencyKey: 'second-key-2' });
    const firstKey = await run(request, { correlationId: 'c', idempotencyKey: 'first-key-1' });

    expect(replayed).toEqual({ ...resumed, replayed: true });
    expect(firstKey).toEqual({ ...resumed, replayed: true });
    expect(state.published.map((d) => d.checkoutId)).toEqual([resumed.checkoutId]);
  });

  it('answers ConflictError when the basket changed between reading and preparing', async () => {
    const { deps } = fakes(basket(), { beginCheckout: async () => 'changed' });

    await expect(checkout(deps)(request, { correlationId: 'c' })).rejects.toThrow(
      /changed while checking out/,
    );
    await expect(checkout(deps)(request, { correlationId: 'c' })).rejects.toMatchObject({
      members: { reason: 'basket-changed' },
    });
  });

  it('answers 503 when the transaction was cancelled for another reason than a condition', async () => {
    const { deps, state } = fakes(basket(), { beginCheckout: async () => 'busy' });

    const refused = checkout(deps)(request, { correlationId: 'c' });

    await expect(refused).rejects.toThrow(ServiceUnavailableError);
    await expect(refused).rejects.toMatchObject({
      message: 'The basket is busy with another request; retry shortly',
      retryAfterSeconds: 1,
    });
    expect(state.published).toEqual([]);
  });

  it('completes the checkout it began even when an overlapping attempt completed it first', async () => {
    const { deps, state } = fakes(basket());
    // The overlapping attempt finds the checkout pending right after it began, and completes it.
    const overlapped: CheckoutDeps = {
      ...deps,
      beginCheckout: async (current, detail, key) => {
        const outcome = await deps.beginCheckout(current, detail, key);
        await checkout(deps)(request, { correlationId: 'other' });
        return outcome;
      },
    };

    const result = await checkout(overlapped)(request, { correlationId: 'c' });

    expect(result).toMatchObject({ checkoutId: state.published[0]?.checkoutId, replayed: false });
    expect(new Set(state.published.map((detail) => detail.checkoutId))).toEqual(new Set([result.checkoutId]));
  });

  it('replays a checkout whose key record says it completed (written before completions had markers)', async () => {
    const earlier = fakes(basket());
    await checkout(earlier.deps)(request, { correlationId: 'c' });
    const [detail] = earlier.state.published;
    if (detail === undefined) throw new Error('no checkout');
    // The basket is gone and no completion marker exists: only the record knows it completed.
    const { deps, state } = fakes(undefined);
    state.records.set('old-key-1', { detail, completed: true });

    const replayed = await checkout(deps)(request, { correlationId: 'c', idempotencyKey: 'old-key-1' });

    expect(replayed).toEqual({ checkoutId: detail.checkoutId, total: 4000, currency: 'USD', replayed: true });
    expect(state.published).toEqual([]);
  });

  it('answers an overlapping attempt with the same key with the first attempt’s checkout', async () => {
    const { deps, state } = fakes(basket());
    // The first attempt prepares its checkout while the retry prices the basket.
    let first: Promise<CheckoutResult> | undefined;
    const overlapping: CheckoutDeps = {
      ...deps,
      findCatalogProducts: async (ids) => {
        first ??= checkout(deps)(request, { correlationId: 'c', idempotencyKey: 'same-key-1' });
        await first;
        return deps.findCatalogProducts(ids);
      },
    };

    const retry = await checkout(overlapping)(request, { correlationId: 'c', idempotencyKey: 'same-key-1' });

    expect(retry).toEqual({ ...(await first), replayed: true });
    expect(state.published).toHaveLength(1);
  });

  it('resumes the checkout a concurrent attempt without a key prepared, when it asks for the same', async () => {
    const { deps, state } = fakes(basket());
    const { flaky } = withFlakyBus(deps);
    await expect(checkout(flaky)(request, { correlationId: 'c' })).rejects.toThrow(ServiceUnavailableError);
    const pending = state.basket?.pendingCheckout;
    // The second attempt read the basket before the first one attached its checkout.
    let reads = 0;
    const late: CheckoutDeps = { ...deps, findBasket: async () => (reads++ === 0 ? basket() : state.basket) };

    const second = await checkout(late)(request, { correlationId: 'c' });

    expect(second.checkoutId).toBe(pending?.checkoutId);
    expect(state.published).toEqual([pending]);
  });
});

describe('a pending checkout', () => {
  const pendingOn = async (key?: string) => {
    const fake = fakes(basket());
    const { flaky } = withFlakyBus(fake.deps);
    await expect(
      checkout(flaky)(request, { correlationId: 'c', ...(key === undefined ? {} : { idempotencyKey: key }) }),
    ).rejects.toThrow(ServiceUnavailableError);
    const pending = fake.state.basket?.pendingCheckout;
    if (pending === undefined) throw new Error('no pending checkout');
    return { ...fake, pending };
  };

  it.each([
    ['another address', { address: 'Leeds' }],
    ['another e-mail', { email: 'ada@lovelace.example' }],
    ['another first name', { firstName: 'Augusta' }],
    ['another last name', { lastName: 'King' }],
    ['another payment method', { paymentMethod: 'invoice' }],
    ['another card', { cardInfo: '4242424242424242' }],
    ['no card', { cardInfo: undefined }],
  ])('is not completed by a request with %s: 409 naming it', async (_, change) => {
    const { deps, state, pending } = await pendingOn('first-key-1');
    const other = { ...request, ...change };

    const refused = checkout(deps)(other, { correlationId: 'c', idempotencyKey: 'second-key-2' });

    await expect(refused).rejects.toThrow(ConflictError);
    await expect(refused).rejects.toMatchObject({
      members: {
        reason: 'checkout-pending',
        checkoutId: pending.checkoutId,
        expiresAt: '2026-11-27T12:15:00.000Z',
      },
    });
    expect(state.published).toEqual([]);
    expect(state.records.has('second-key-2')).toBe(false);
  });

  it('is completed unchanged by the same details 14 minutes later, at the prices it was started with', async () => {
    const { deps, state, pending } = await pendingOn();
    state.clock += 14 * MINUTE;
    const repriced: CheckoutDeps = {
      ...deps,
      findCatalogProducts: catalogOf((id) => ({ id, name: id, price: 1 })),
    };

    const result = await checkout(repriced)(request, { correlationId: 'later' });

    expect(result.checkoutId).toBe(pending.checkoutId);
    expect(state.published).toEqual([pending]);
  });

  it('is never published from 30 seconds before its expiry on, by its key or anything else', async () => {
    const { deps, state, pending } = await pendingOn('first-key-1');
    state.clock += 15 * MINUTE - 30_000;

    for (const idempotencyKey of ['first-key-1', 'second-key-2', undefined]) {
      await expect(
        checkout(deps)(request, { correlationId: 'c', ...(idempotencyKey ? { idempotencyKey } : {}) }),
      ).rejects.toMatchObject({ members: { reason: 'checkout-expired', checkoutId: pending.checkoutId } });
    }
    expect(state.published).toEqual([]);
  });

  it('is refused before anything is written: a new key sent after its expiry is not remembered', async () => {
    const { deps, state } = await pendingOn('first-key-1');
    state.clock += 16 * MINUTE;

    await expect(
      checkout(deps)(request, { correlationId: 'c', idempotencyKey: 'second-key-2' }),
    ).rejects.toMatchObject({ members: { reason: 'checkout-expired' } });
    expect([...state.records.keys()]).toEqual(['first-key-1']);
  });

  it('stays dead once its basket was replaced after expiry: its key answers 409, the new basket is one new checkout', async () => {
    const { deps, state, pending } = await pendingOn('first-key-1');
    state.clock += 16 * MINUTE;
    state.basket = { ...basket(), revision: 'rev-2' };

    await expect(
      checkout(deps)(request, { correlationId: 'c', idempotencyKey: 'first-key-1' }),
    ).rejects.toMatchObject({ members: { reason: 'checkout-expired', checkoutId: pending.checkoutId } });
    const fresh = await checkout(deps)(request, { correlationId: 'c', idempotencyKey: 'second-key-2' });

    expect(fresh.checkoutId).not.toBe(pending.checkoutId);
    expect(state.published.map((d) => d.checkoutId)).toEqual([fresh.checkoutId]);
  });

  it('refuses its key sent again with other details, even once completed', async () => {
    const { deps, state, pending } = await pendingOn('first-key-1');
    await checkout(deps)(request, { correlationId: 'c', idempotencyKey: 'first-key-1' });

    await expect(
      checkout(deps)({ ...request, address: 'Leeds' }, { correlationId: 'c', idempotencyKey: 'first-key-1' }),
    ).rejects.toMatchObject({
      members: { reason: 'idempotency-key-reused', checkoutId: pending.checkoutId },
    });
    expect(state.published).toEqual([pending]);
  });
});
