import { randomUUID } from 'node:crypto';
import {
  DeleteRuleCommand,
  EventBridgeClient,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { LOCAL_ACCOUNT_ID, LOCAL_CREDENTIALS, LOCAL_REGION } from '@eshop/local-cloud';
import { localCloud } from '@eshop/local-cloud/testing';
import { CheckoutBasket, parseEvent } from '@eshop/shared';
import { afterAll, beforeAll } from 'vitest';
import { BASKET_BUS } from './local-basket.js';

export type CapturedEvent = ReturnType<typeof parseEvent<typeof CheckoutBasket.detail>>;

export interface SettleOptions {
  /** Wait until at least this many matching events arrived (default 0). */
  atLeast?: number;
  /** Then keep listening until no matching event arrived for this long (default 400 ms). */
  settleMs?: number;
  /** Give up waiting for `atLeast` after this long (default 5 s); the events so far are returned. */
  timeoutMs?: number;
}

/**
 * A test rule on basket's bus that routes every CheckoutBasket event to a fresh queue: what any
 * subscriber would receive, envelope and all. Every test file on the bus sees every checkout, so
 * callers select their own events (by user name or checkout id).
 */
export const captureCheckoutEvents = async () => {
  const endpoints = localCloud().endpoints;
  const config = { region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS };
  const sqs = new SQSClient({ ...config, endpoint: endpoints.sqs });
  const events = new EventBridgeClient({ ...config, endpoint: endpoints.eventbridge });
  const name = `capture-${randomUUID().slice(0, 8)}`;
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  await events.send(
    new PutRuleCommand({
      Name: name,
      EventBusName: BASKET_BUS,
      EventPattern: JSON.stringify({
        source: [CheckoutBasket.source],
        'detail-type': [CheckoutBasket.detailType],
      }),
    }),
  );
  await events.send(
    new PutTargetsCommand({
      Rule: name,
      EventBusName: BASKET_BUS,
      Targets: [{ Id: 'capture', Arn: `arn:aws:sqs:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:${name}` }],
    }),
  );
  const received: CapturedEvent[] = [];

  const receive = async (): Promise<void> => {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        VisibilityTimeout: 300,
      }),
    );
    received.push(...Messages.map((m) => parseEvent(CheckoutBasket, m.Body ?? '')));
    if (Messages.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
  };

  /**
   * The events `select` picks, once delivery has settled: at least `atLeast` of them have arrived
   * and then none for `settleMs`. Delivery is asynchronous, so "exactly one" or "none" can only
   * be concluded after such a quiet period, never from the first poll.
   */
  const settled = async (
    select: (event: CapturedEvent) => boolean,
    { atLeast = 0, settleMs = 400, timeoutMs = 5000 }: SettleOptions = {},
  ): Promise<CapturedEvent[]> => {
    const deadline = Date.now() + timeoutMs;
    const count = () => received.filter(select).length;
    while (count() < atLeast && Date.now() < deadline) await receive();
    let seen = count();
    let quietSince = Date.now();
    while (Date.now() - quietSince < settleMs) {
      await receive();
      if (count() !== seen) {
        seen = count();
        quietSince = Date.now();
      }
    }
    return received.filter(select);
  };

  /** The settled events of one user (user names are unique per test). */
  const eventsOf = (userName: string, options?: SettleOptions) =>
    settled((event) => event.detail.userName === userName, options);

  const stop = async () => {
    await events.send(new RemoveTargetsCommand({ Rule: name, EventBusName: BASKET_BUS, Ids: ['capture'] }));
    await events.send(new DeleteRuleCommand({ Name: name, EventBusName: BASKET_BUS }));
    await sqs.send(new DeleteQueueCommand({ QueueUrl }));
    sqs.destroy();
    events.destroy();
  };

  return { settled, eventsOf, stop };
};

type CheckoutEventCapture = Awaited<ReturnType<typeof captureCheckoutEvents>>;

/**
 * {@link captureCheckoutEvents} for a whole test file: started before its tests and stopped after
 * them, when the clients the file opened (`closeAfter`) are closed too.
 */
export const captureCheckoutEventsInFile = (...closeAfter: { destroy(): void }[]) => {
  let capture: CheckoutEventCapture | undefined;
  beforeAll(async () => {
    capture = await captureCheckoutEvents();
  });
  afterAll(async () => {
    await capture?.stop();
    for (const client of closeAfter) client.destroy();
  });
  const started = () => {
    if (capture === undefined) throw new Error('The capture starts in beforeAll: use it inside a test');
    return capture;
  };
  return {
    settled: (...args: Parameters<CheckoutEventCapture['settled']>) => started().settled(...args),
    eventsOf: (...args: Parameters<CheckoutEventCapture['eventsOf']>) => started().eventsOf(...args),
  };
};
