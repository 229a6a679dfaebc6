import {
  type CheckoutBasketDetail,
  ConflictError,
  EventPublishError,
  ServiceUnavailableError,
} from '@eshop/shared';
import { describe, expect, it } from 'vitest';
import type { Basket } from './basket.js';
import { type CheckoutDeps, checkout, checkoutRequestSchema } from './checkout.js';
import type { CheckoutRecord } from './ports.js';

const request = checkoutRequestSchema.parse({
  userName: 'ada',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@example.com',
  address: 'London',
  paymentMethod: 'card',
  cardInfo: '4000-0566-5566-5556',
});

/** The checkout ports over memory, recording what was published. */
const fakes = (basket?: Basket, overrides: Partial<CheckoutDeps> = {}) => {
  const state = {
    basket,
    records: new Map<string, CheckoutRecord>(),
    published: [] as CheckoutBasketDetail[],
  };
  let ids = 0;
  const deps: CheckoutDeps = {
    findBasket: async () => state.basket,
    findCatalogProduct: async (id) => ({ id, name: `Product ${id}`, price: id === 'a' ? 500 : 1250 }),
    findCheckoutByKey: async (_, key) => state.records.get(key),
    beginCheckout: async (current, detail, key) => {
      if (state.basket?.updatedAt !== current.updatedAt || state.basket.pendingCheckout) return false;
      state.basket = { ...state.basket, pendingCheckout: detail };
      if (key !== undefined) state.records.set(key, { detail, completed: false });
      return true;
    },
    rememberCheckoutKey: async (_, key, detail) => {
      if (!state.records.has(key)) state.records.set(key, { detail, completed: false });
    },
    completeCheckout: async (detail, key) => {
      if (state.basket?.pendingCheckout?.checkoutId === detail.checkoutId) state.basket = undefined;
      const record = key === undefined ? undefined : state.records.get(key);
      if (record && key) state.records.set(key, { ...record, completed: true });
    },
    publishEvent: async (_, detail) => {
      state.published.push(detail as CheckoutBasketDetail);
      return { eventId: `e-${state.published.length}` };
    },
    now: () => new Date('2026-11-27T12:00:00.000Z'),
    newId: () => `00000000-0000-4000-8000-00000000000${++ids}`,
    ...overrides,
  };
  return { deps, state };
};

const basket = (): Basket => ({
  userName: 'ada',
  updatedAt: '2026-11-27T11:00:00.000Z',
  lines: [
    { productId: 'a', productName: 'old', unitPrice: 1, quantity: 3 },
    { productId: 'b', productName: 'old', unitPrice: 1, quantity: 2, color: 'red' },
  ],
});

describe('checkout', () => {
  it('keeps only the last four card digits', () => {
    expect(request.cardInfo).toBe('5556');
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
    });
    expect(state.basket).toBeUndefined();
  });

  it('refuses an empty or missing basket with ConflictError', async () => {
    await expect(checkout(fakes(undefined).deps)(request, { correlationId: 'c' })).rejects.toThrow(
      ConflictError,
    );
    await expect(
      checkout(fakes({ ...basket(), lines: [] }).deps)(request, { correlationId: 'c' }),
    ).rejects.toThrow(ConflictError);
  });

  it('refuses a basket holding a product that left the catalog', async () => {
    const { deps, state } = fakes(basket(), {
      findCatalogProduct: async (id) => (id === 'a' ? undefined : { id, name: 'B', price: 1 }),
    });

    await expect(checkout(deps)(request, { correlationId: 'c' })).rejects.toThrow(
      /no longer in the catalog: a/,
    );
    expect(state.published).toHaveLength(0);
  });

  it('keeps the basket and its pending checkout when publishing fails, and a retry reuses the checkout id', async () => {
    let failing = true;
    const { deps, state } = fakes(basket());
    const flaky: CheckoutDeps = {
      ...deps,
      publishEvent: async (definition, detail) => {
        if (failing) throw new EventPublishError('bus down');
        return deps.publishEvent(definition, detail);
      },
    };

    await expect(checkout(flaky)(request, { correlationId: 'c' })).rejects.toThrow(ServiceUnavailableError);
    const pendingId = state.basket?.pendingCheckout?.checkoutId;
    expect(state.basket?.lines).toHaveLength(2);

    failing = false;
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
    let failing = true;
    const { deps, state } = fakes(basket());
    const flaky: CheckoutDeps = {
      ...deps,
      publishEvent: async (definition, detail) => {
        if (failing) throw new EventPublishError('bus down');
        return deps.publishEvent(definition, detail);
      },
    };
    const run = checkout(flaky);

    await expect(run(request, { correlationId: 'c', idempotencyKey: 'first-key-1' })).rejects.toThrow();
    failing = false;
    const resumed = await run(request, { correlationId: 'c', idempotencyKey: 'second-key-2' });
    const replayed = await run(request, { correlationId: 'c', idempotencyKey: 'second-key-2' });

    expect(replayed).toEqual({ ...resumed, replayed: true });
    expect(state.published.map((d) => d.checkoutId)).toEqual([resumed.checkoutId]);
  });

  it('answers ConflictError when the basket changed between reading and preparing', async () => {
    const { deps } = fakes(basket(), { beginCheckout: async () => false });

    await expect(checkout(deps)(request, { correlationId: 'c' })).rejects.toThrow(
      /changed while checking out/,
    );
  });
});
