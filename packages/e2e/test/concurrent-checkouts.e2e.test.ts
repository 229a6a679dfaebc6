import { randomUUID } from 'node:crypto';
import { GetQueueAttributesCommand, GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { LOCAL_CREDENTIALS, LOCAL_REGION, requestToken } from '@eshop/local-cloud';
import { localCloud, requestJson } from '@eshop/local-cloud/testing';
import { afterAll, describe, expect, it } from 'vitest';

// Load through the whole system, the way clients reach it: 50 shoppers, each filling a basket and
// checking out 4 times, 10 shoppers in flight at any time — 200 checkouts over HTTP, through the bus, the queue
// and the consumer. Exactly 200 orders must come out, each with the total its checkout answered.
const services = localCloud().services;
const USERS = Number(process.env.LOAD_USERS ?? 50);
const CHECKOUTS_PER_USER = Number(process.env.LOAD_CHECKOUTS_PER_USER ?? 4);
// Shoppers in flight at once. serverless-offline starts a cold worker thread per concurrent
// invocation (3 catalog reads per basket); on a 2-core machine 50 at once time out at 10 s.
const CONCURRENCY = Number(process.env.LOAD_CONCURRENCY ?? 10);
const SEEDED_IDS = [
  '6a1c0000-0000-4000-8000-000000000001',
  '6a1c0000-0000-4000-8000-00000000000b',
  '6a1c0000-0000-4000-8000-000000000010',
];

const call = (
  service: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
) => requestJson(`${services[service]}${path}`, { method, body, headers });

let retries = 0;
/**
 * What a well-behaved client does with a 5xx (503 from our API; a 502/504 when serverless-offline,
 * starting dozens of cold workers on a small machine, times a function out): retry the same request.
 */
const withRetries = async <T extends { status: number; json: any }>(
  send: () => Promise<T>,
  ok: (r: T) => boolean,
) => {
  for (let attempt = 1; ; attempt += 1) {
    const response = await send();
    if (ok(response) || attempt === 8 || (response.status >= 400 && response.status < 500)) return response;
    retries += 1;
    await new Promise((resolve) => setTimeout(resolve, Math.min(500 * attempt, 3000)));
  }
};

// The journey suite counts messages on ordering's queue: leave it drained for whoever runs next.
afterAll(async () => {
  const sqs = new SQSClient({
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    endpoint: localCloud().endpoints.sqs,
  });
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'eshop-ordering-local-checkout' }));
  for (let waited = 0; waited < 30_000; waited += 250) {
    const { Attributes = {} } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    if (
      Number(Attributes.ApproximateNumberOfMessages) +
        Number(Attributes.ApproximateNumberOfMessagesNotVisible) ===
      0
    )
      break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  sqs.destroy();
}, 40_000);

interface Expected {
  checkoutId: string;
  total: number;
}

describe('200 concurrent checkouts through the whole system', () => {
  it('creates exactly one order per checkout, each with the right total', async () => {
    // Three seeded products (services/product/seed/products.json), priced by the catalog itself.
    const products = (
      await Promise.all(
        SEEDED_IDS.map(async (id) => (await call('product', 'GET', `/product/${id}`, {})).json),
      )
    ).filter((p): p is { id: string; price: number } => typeof p?.price === 'number');
    expect(products).toHaveLength(3);
    const run = randomUUID().slice(0, 8);
    const users = await Promise.all(
      Array.from({ length: USERS }, async (_, u) => {
        const userName = `load-${run}-${u}`;
        return {
          userName,
          auth: { authorization: `Bearer ${await requestToken(localCloud().issuer, userName)}` },
        };
      }),
    );
    const started = performance.now();

    // Each shopper's checkouts are sequential (one basket at a time); the shoppers run concurrently.
    const shop = async ({ userName, auth }: (typeof users)[number], u: number) => {
      const mine: Expected[] = [];
      for (let round = 0; round < CHECKOUTS_PER_USER; round += 1) {
        const items = products.map((product, p) => ({
          productId: product.id,
          quantity: 1 + ((u + round + p) % 5),
        }));
        const saved = await withRetries(
          () => call('basket', 'POST', '/basket', auth, { userName, items }),
          (r) => r.status < 300 && r.json?.userName === userName,
        );
        expect(saved.json?.items, `${saved.status} ${JSON.stringify(saved.json)}`).toHaveLength(
          products.length,
        );
        // The same Idempotency-Key on every retry: a retried checkout is the same checkout.
        const idempotencyKey = randomUUID();
        const checkout = await withRetries(
          () =>
            call(
              'basket',
              'POST',
              '/basket/checkout',
              { ...auth, 'idempotency-key': idempotencyKey },
              {
                userName,
                firstName: 'Load',
                lastName: 'Tester',
                email: 'load@example.com',
                address: '1 Busy Street',
                paymentMethod: 1,
              },
            ),
          (r) => r.status === 202 && typeof r.json?.checkoutId === 'string',
        );
        const total = items.reduce((sum, item, p) => sum + item.quantity * (products[p]?.price ?? 0), 0);
        expect(checkout.json?.total, `${checkout.status} ${JSON.stringify(checkout.json)}`).toBe(total);
        mine.push({ checkoutId: checkout.json.checkoutId, total });
      }
      return { userName, auth, checkouts: mine };
    };
    const expected: Awaited<ReturnType<typeof shop>>[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, USERS) }, async () => {
        while (next < users.length) {
          const u = next++;
          expected.push(await shop(users[u] as (typeof users)[number], u));
        }
      }),
    );
    const checkedOutMs = performance.now() - started;

    // Then every order must appear: poll each user's orders until all 4 are there (bounded).
    const deadline = Date.now() + 90_000;
    const orders = await Promise.all(
      expected.map(async ({ userName, auth }) => {
        let items: { checkoutId: string; total: number }[] = [];
        do {
          // A read that fails under load (a 5xx) is simply polled again.
          items = (await call('ordering', 'GET', `/order/${userName}?limit=100`, auth)).json?.items ?? items;
          if (items.length >= CHECKOUTS_PER_USER) break;
          await new Promise((resolve) => setTimeout(resolve, 250));
        } while (Date.now() < deadline);
        return items;
      }),
    );
    const allOrdersMs = performance.now() - started;

    const all = orders.flat();
    expect(all).toHaveLength(USERS * CHECKOUTS_PER_USER);
    expect(new Set(all.map((o) => o.checkoutId)).size).toBe(USERS * CHECKOUTS_PER_USER);
    const byCheckout = new Map(all.map((o) => [o.checkoutId, o.total]));
    for (const { checkouts } of expected) {
      for (const { checkoutId, total } of checkouts) expect(byCheckout.get(checkoutId)).toBe(total);
    }
    console.info(
      `${USERS * CHECKOUTS_PER_USER} checkouts from ${USERS} users (${CONCURRENCY} at a time): all accepted in ${Math.round(checkedOutMs)} ms, all orders in ${Math.round(allOrdersMs)} ms (${retries} client retries)`,
    );
  }, 240_000);
});
