import { randomUUID } from 'node:crypto';
import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { LOCAL_CREDENTIALS, LOCAL_REGION, requestToken } from '@eshop/local-cloud';
import { type EventBusTap, localCloud, requestJson, tapEventBus } from '@eshop/local-cloud/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The whole system as `pnpm dev` runs it (on free ports), used the way a client uses it: over HTTP.
const services = localCloud().services;
const endpoints = localCloud().endpoints;
const aws = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
const sqs = new SQSClient({ ...aws, endpoint: endpoints.sqs });
const BUS = 'eshop-basket-local';
const ORDER_QUEUE = 'eshop-ordering-local-checkout';

const tokens = new Map<string, string>();
/** Signs in as `userName` with the local cloud's issuer (the stand-in for Cognito). */
const signIn = async (userName: string) => {
  if (!tokens.has(userName)) tokens.set(userName, await requestToken(localCloud().issuer, userName));
  return { authorization: `Bearer ${tokens.get(userName)}` };
};
/** The journey's shopper, signed in once the journey starts. */
let shopper: Record<string, string> = {};

const call = (
  service: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) => requestJson(`${services[service]}${path}`, { method, body, headers: { ...shopper, ...headers } });

const ordersOf = async (userName: string) =>
  (await call('ordering', 'GET', `/order/${userName}`)).json.items as any[];

/** Polls a user's orders until `count` are there (or the time is up); returns them and the wait. */
const waitForOrders = async (userName: string, count: number, timeoutMs: number) => {
  const started = performance.now();
  let orders = await ordersOf(userName);
  while (orders.length < count && performance.now() - started < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    orders = await ordersOf(userName);
  }
  return { orders, waitedMs: performance.now() - started };
};

const buyer = (userName: string) => ({
  userName,
  totalPrice: 0,
  firstName: 'Grace',
  lastName: 'Hopper',
  email: 'grace@example.com',
  address: '1 Compiler Way, Arlington',
  cardInfo: '5555 4444 3333 2222',
  paymentMethod: 1,
});

// A second subscriber on basket's bus: records exactly what ordering's queue is sent.
let tap: EventBusTap;
beforeAll(async () => {
  tap = await tapEventBus(BUS, { source: ['eshop.basket'], 'detail-type': ['CheckoutBasket'] });
});
afterAll(async () => {
  await tap.stop();
  sqs.destroy();
});

const tappedEventFor = async (checkoutId: string): Promise<string> => {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const match = (await tap.receive()).find((body) => JSON.parse(body).detail?.checkoutId === checkoutId);
    if (match !== undefined) return match;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`checkout ${checkoutId} never reached the bus`);
};

describe('a shopper’s journey through the whole system', () => {
  const userName = `e2e-${randomUUID().slice(0, 8)}`;
  let checkoutId = '';
  let total = 0;

  it('lists products, fills a basket, reads it back priced, checks out and sees the order within 2 s', async () => {
    shopper = await signIn(userName);
    const catalog = await call('product', 'GET', '/product?category=audio&limit=10');
    expect(catalog.status).toBe(200);
    const [first, second] = catalog.json.items;
    expect(first && second).toBeTruthy();

    // The original reference's request shapes.
    const saved = await call('basket', 'POST', '/basket', {
      userName,
      items: [
        { productId: first.id, quantity: 2, color: 'Black', productName: first.name, price: 1 },
        { productId: second.id, quantity: 1 },
      ],
    });
    expect(saved.status).toBe(201);

    const basket = await call('basket', 'GET', `/basket/${userName}`);
    total = 2 * first.price + second.price;
    expect(basket.json).toMatchObject({
      items: [
        { productId: first.id, unitPrice: first.price, quantity: 2 },
        { productId: second.id, unitPrice: second.price, quantity: 1 },
      ],
      total,
    });

    const started = performance.now();
    const checkedOut = await call('basket', 'POST', '/basket/checkout', buyer(userName));
    expect(checkedOut.status).toBe(202);
    expect(checkedOut.json.total).toBe(total);
    checkoutId = checkedOut.json.checkoutId;

    const { orders } = await waitForOrders(userName, 1, 2000);
    const latencyMs = performance.now() - started;
    console.info(`checkout → order visible over HTTP: ${latencyMs.toFixed(0)} ms`);

    expect(orders).toHaveLength(1);
    expect(latencyMs).toBeLessThan(2000);
    expect(orders[0]).toMatchObject({
      checkoutId,
      userName,
      total,
      status: 'PLACED',
      payment: { method: '1', cardLast4: '2222' },
      items: [
        { productId: first.id, quantity: 2, unitPrice: first.price, lineTotal: 2 * first.price },
        { productId: second.id, quantity: 1, unitPrice: second.price },
      ],
    });
    expect(JSON.stringify(orders[0])).not.toContain('5555');
    expect((await call('basket', 'GET', `/basket/${userName}`)).json.items).toEqual([]);
  });

  it('keeps exactly one order through a redelivered event, an invalid message and a duplicate checkout', async () => {
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: ORDER_QUEUE }));
    // The very event ordering already consumed, delivered again (SQS is at-least-once).
    const event = await tappedEventFor(checkoutId);
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: event }));
    // Poison: not an event at all, and an event with a detail version nobody speaks.
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '{"truncated": ' }));
    const future = JSON.parse(event);
    future.detail = { ...future.detail, version: '2', checkoutId: randomUUID() };
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: JSON.stringify(future) }));
    // A shopper double-clicking "buy" with the same Idempotency-Key.
    await call('basket', 'POST', '/basket', {
      userName,
      items: [{ productId: event && JSON.parse(event).detail.items[0].productId, quantity: 1 }],
    });
    const headers = { 'idempotency-key': `dbl-${userName}` };
    const [a, b] = await Promise.all([
      call('basket', 'POST', '/basket/checkout', buyer(userName), headers),
      call('basket', 'POST', '/basket/checkout', buyer(userName), headers),
    ]);
    const accepted = [a, b].filter((r) => r.status === 202);
    expect(accepted.length).toBeGreaterThanOrEqual(1);
    expect(new Set(accepted.map((r) => r.json.checkoutId)).size).toBe(1);

    // Two checkouts in all (the journey's and the double-click's): exactly two orders, one each.
    const { orders } = await waitForOrders(userName, 2, 3000);
    await new Promise((resolve) => setTimeout(resolve, 500)); // let any duplicate surface
    const settled = await ordersOf(userName);

    expect(settled).toHaveLength(2);
    expect(orders.map((o) => o.checkoutId).sort()).toEqual([checkoutId, accepted[0]?.json.checkoutId].sort());
    expect(settled.filter((o) => o.checkoutId === checkoutId)).toHaveLength(1);
    // Nobody else can see them.
    const snoop = await call('ordering', 'GET', `/order/${userName}`, undefined, await signIn('snoop'));
    expect(snoop.status).toBe(403);
    // The two poison messages were reported failed, not dropped: they wait in flight for their
    // next receive (and the DLQ after maxReceiveCount); every other message was deleted.
    // (local-aws-sqs counts in-flight messages in ApproximateNumberOfMessages too, unlike SQS.)
    const { Attributes } = await sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    expect(Number(Attributes?.ApproximateNumberOfMessagesNotVisible)).toBe(2);
    expect(Number(Attributes?.ApproximateNumberOfMessages)).toBe(2);
  });
});
