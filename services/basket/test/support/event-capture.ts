import { tapEventBus } from '@eshop/local-cloud/testing';
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
  const tap = await tapEventBus(BASKET_BUS, {
    source: [CheckoutBasket.source],
    'detail-type': [CheckoutBasket.detailType],
  });
  const received: CapturedEvent[] = [];

  const receive = async (): Promise<void> => {
    const bodies = await tap.receive();
    received.push(...bodies.map((body) => parseEvent(CheckoutBasket, body)));
    if (bodies.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
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

  return { settled, eventsOf, stop: tap.stop };
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
