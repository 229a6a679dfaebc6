import { buildPublishEvent } from '@eshop/shared';
import { lambdaContext } from '@eshop/shared/testing';
import { describe, expect, it } from 'vitest';
import { buildFindCatalogProduct } from '../src/catalog/product-catalog.js';
import { checkoutBasketHandler } from '../src/handlers/checkout-basket.js';
import { answerWith, type CatalogAnswer, neverAnswer, startCatalogServer } from './support/catalog-server.js';
import { captureCheckoutEventsInFile } from './support/event-capture.js';
import {
  checkoutEvent,
  localBasketDependencies,
  rememberingCatalog,
  SEEDED,
  storeBasket,
  uniqueUser,
} from './support/local-basket.js';

// In-process handlers with the real adapters: DynamoDB Local, the local EventBridge (a test rule
// routes CheckoutBasket to a test queue), and the product service over HTTP for prices.
const deps = localBasketDependencies();
const capture = captureCheckoutEventsInFile(deps.documentClient, deps.eventBridge);

const fillBasket = (userName: string) =>
  storeBasket(deps, userName, [
    { productId: SEEDED.airPods.id, productName: 'stale name', unitPrice: 1, quantity: 2 },
    {
      productId: SEEDED.sdCard.id,
      productName: SEEDED.sdCard.name,
      unitPrice: SEEDED.sdCard.price,
      quantity: 3,
      color: 'red',
    },
  ]);

// What the original clients send as totalPrice: never trusted.
const checkoutRequest = (userName: string, headers: Record<string, string> = {}) =>
  checkoutEvent(userName, { headers, changes: { totalPrice: 1 } });

const json = (response: { body?: string }) => JSON.parse(response.body ?? 'null');
const expectedTotal = 2 * SEEDED.airPods.price + 3 * SEEDED.sdCard.price;

/** The user's events once delivery settled (at least `atLeast` of them, then a quiet period). */
const eventsFor = (userName: string, atLeast = 0) => capture.eventsOf(userName, { atLeast });

describe('checkout against the local cloud', () => {
  it('publishes one valid CheckoutBasket priced from the catalog, masks the card, empties the basket', async () => {
    const userName = uniqueUser();
    await fillBasket(userName);
    const handler = checkoutBasketHandler(deps);

    const response = await handler(
      checkoutRequest(userName, { 'x-correlation-id': 'corr-checkout-1' }),
      lambdaContext(),
    );

    expect(response.statusCode).toBe(202);
    expect(json(response)).toMatchObject({ total: expectedTotal, currency: 'USD', status: 'ACCEPTED' });
    const [event, ...more] = await eventsFor(userName, 1);
    expect(more).toHaveLength(0);
    expect(event?.envelope).toMatchObject({ source: 'eshop.basket', 'detail-type': 'CheckoutBasket' });
    expect(event?.detail).toMatchObject({
      checkoutId: json(response).checkoutId,
      correlationId: 'corr-checkout-1',
      total: expectedTotal,
      payment: { method: '1', cardLast4: '4242' },
      items: [
        {
          productId: SEEDED.airPods.id,
          productName: SEEDED.airPods.name,
          unitPrice: SEEDED.airPods.price,
          quantity: 2,
        },
        { productId: SEEDED.sdCard.id, quantity: 3, lineTotal: 3 * SEEDED.sdCard.price, color: 'red' },
      ],
    });
    expect(JSON.stringify(event)).not.toContain('4242424242424242');
    expect(JSON.stringify(event)).not.toContain('4242 4242');
    await expect(deps.findBasket(userName)).resolves.toBeUndefined();
  });

  it('answers 409 for an empty basket and publishes nothing', async () => {
    const userName = uniqueUser('empty');
    const handler = checkoutBasketHandler(deps);

    const response = await handler(checkoutRequest(userName), lambdaContext());

    expect(response.statusCode).toBe(409);
    expect(await eventsFor(userName, 0)).toHaveLength(0);
  });

  it('answers 503 with Retry-After and keeps the basket when the bus rejects the entry; a retry completes it', async () => {
    const userName = uniqueUser('entryfail');
    await fillBasket(userName);
    // A bus that does not exist: PutEvents succeeds as a call but fails the entry (FailedEntryCount 1).
    const rejecting = checkoutBasketHandler({
      ...deps,
      publishEvent: buildPublishEvent(deps.eventBridge, 'no-such-bus'),
    });

    const failed = await rejecting(checkoutRequest(userName), lambdaContext());

    expect(failed.statusCode).toBe(503);
    expect(failed.headers?.['retry-after']).toBeDefined();
    expect((await deps.findBasket(userName))?.lines).toHaveLength(2);

    const retried = await checkoutBasketHandler(deps)(checkoutRequest(userName), lambdaContext());

    expect(retried.statusCode).toBe(202);
    expect(await eventsFor(userName, 1)).toHaveLength(1);
    await expect(deps.findBasket(userName)).resolves.toBeUndefined();
  });

  it('answers 503 and keeps the basket when the bus cannot be reached; a retry publishes one checkout', async () => {
    const userName = uniqueUser('busdown');
    await fillBasket(userName);
    const unreachable = localBasketDependencies({ eventBridgeEndpoint: 'http://127.0.0.1:9' });

    const response = await checkoutBasketHandler(unreachable)(checkoutRequest(userName), lambdaContext());

    expect(response.statusCode).toBe(503);
    expect(json(response).type).toMatch(/service-unavailable$/);
    expect((await deps.findBasket(userName))?.lines).toHaveLength(2);
    unreachable.eventBridge.destroy();
    unreachable.documentClient.destroy();

    const retried = await checkoutBasketHandler(deps)(checkoutRequest(userName), lambdaContext());

    // The retry publishes the checkout prepared by the failed attempt, once.
    expect(retried.statusCode).toBe(202);
    const events = await eventsFor(userName, 1);
    expect(events.map((e) => e.detail.checkoutId)).toEqual([json(retried).checkoutId]);
    await expect(deps.findBasket(userName)).resolves.toBeUndefined();
  });

  it('returns the same checkout for the same Idempotency-Key and publishes it once', async () => {
    const userName = uniqueUser('idem');
    await fillBasket(userName);
    const handler = checkoutBasketHandler(deps);
    const headers = { 'idempotency-key': `key-${userName}` };

    const first = await handler(checkoutRequest(userName, headers), lambdaContext());
    const second = await handler(checkoutRequest(userName, headers), lambdaContext());

    expect(first.statusCode).toBe(202);
    expect(second.statusCode).toBe(202);
    expect(json(second).checkoutId).toBe(json(first).checkoutId);
    expect(second.headers?.['idempotent-replayed']).toBe('true');
    expect(await eventsFor(userName, 1)).toHaveLength(1);
  });

  it('completes with the same checkout id when the process died between publishing and emptying', async () => {
    const userName = uniqueUser('crash');
    await fillBasket(userName);
    const headers = { 'idempotency-key': `key-${userName}` };
    const crashing = checkoutBasketHandler({
      ...deps,
      completeCheckout: async () => {
        throw new Error('Lambda timed out');
      },
    });

    const crashed = await crashing(checkoutRequest(userName, headers), lambdaContext());
    const retried = await checkoutBasketHandler(deps)(checkoutRequest(userName, headers), lambdaContext());

    expect(crashed.statusCode).toBe(500);
    expect(retried.statusCode).toBe(202);
    const events = await eventsFor(userName, 2);
    // Published twice (at least once delivery), one checkout: ordering dedups on checkoutId.
    expect(events.map((e) => e.detail.checkoutId)).toEqual([
      json(retried).checkoutId,
      json(retried).checkoutId,
    ]);
    await expect(deps.findBasket(userName)).resolves.toBeUndefined();
  });

  it('lets concurrent checkouts of one basket (no key) produce one checkout id, answered to all that succeed', async () => {
    const userName = uniqueUser('race');
    await fillBasket(userName);
    // Remembered catalog answers: the race is on the basket table, and ten parallel cold starts of
    // the product service under serverless-offline would only turn it into 503s.
    const catalog = rememberingCatalog(deps.findCatalogProduct);
    await catalog.warm([SEEDED.airPods.id, SEEDED.sdCard.id]);
    const handler = checkoutBasketHandler({ ...deps, findCatalogProduct: catalog.findCatalogProduct });

    const responses = await Promise.all(
      Array.from({ length: 5 }, () => handler(checkoutRequest(userName), lambdaContext())),
    );

    const accepted = responses.filter((r) => r.statusCode === 202);
    expect(accepted.length).toBeGreaterThanOrEqual(1);
    expect(responses.filter((r) => ![202, 409].includes(r.statusCode ?? 0)).map((r) => r.body)).toEqual([]);
    expect(new Set(accepted.map((r) => json(r).checkoutId)).size).toBe(1);
    const events = await eventsFor(userName, 1);
    expect(new Set(events.map((e) => e.detail.checkoutId))).toEqual(
      new Set([json(accepted[0] ?? {}).checkoutId]),
    );
  });
});

describe('checkout while the catalog fails', () => {
  it.each([
    ['answers 500', answerWith(500, { message: 'boom' }), {}],
    ['answers an HTML page', answerWith(200, '<html>maintenance</html>', 'text/html'), {}],
    ['does not answer in time', neverAnswer, { timeoutMs: 300 }],
  ] as [string, CatalogAnswer, { timeoutMs?: number }][])(
    'answers 503 with Retry-After when the catalog %s, and leaves the basket as it was',
    async (_, answer, options) => {
      const catalog = await startCatalogServer(answer);
      try {
        const userName = uniqueUser('catalogdown');
        await fillBasket(userName);
        const before = await deps.findBasket(userName);
        const handler = checkoutBasketHandler({
          ...deps,
          findCatalogProduct: buildFindCatalogProduct(catalog.url, options),
        });

        const response = await handler(
          checkoutRequest(userName, { 'idempotency-key': `key-${userName}` }),
          lambdaContext(),
        );

        expect(response.statusCode).toBe(503);
        expect(response.headers?.['retry-after']).toMatch(/^\d+$/);
        expect(json(response).type).toMatch(/service-unavailable$/);
        expect(catalog.paths.length).toBeGreaterThan(0);
        await expect(deps.findBasket(userName)).resolves.toEqual(before);
        await expect(deps.findCheckoutByKey(userName, `key-${userName}`)).resolves.toBeUndefined();
        expect(await eventsFor(userName)).toEqual([]);
      } finally {
        await catalog.stop();
      }
    },
  );
});
