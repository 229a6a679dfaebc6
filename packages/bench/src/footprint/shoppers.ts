import { randomUUID } from 'node:crypto';
import { runClosedLoop } from '../load/closed-loop.js';
import type { UserTokens } from '../shop/auth.js';
import { basketOf, checkoutOf } from '../shop/shopper.js';
import { type Summary, summarize } from '../stats.js';

/** What the shoppers saw: every status, every retry, every checkout accepted. */
export interface ShopperLoadResult {
  shoppers: number;
  concurrency: number;
  elapsedMs: number;
  /** Status codes answered, per request kind (retries included): `{ "POST /basket": { "201": 100 } }`. */
  statuses: Record<string, Record<string, number>>;
  /** Requests sent again after a 5xx or a network error: what a well-behaved client does. */
  retries: number;
  /** Shoppers that gave up (no 2xx after the last attempt, or a 4xx). */
  failed: number;
  failures: string[];
  /** Checkouts that answered 2xx but not 202 (the issue once saw a 200). */
  unexpectedSuccesses: number;
  checkoutLatencyMs: Summary;
  accepted: { userName: string; checkoutId: string }[];
}

const ATTEMPTS = 5;

/**
 * `shoppers` users, `concurrency` at a time, each filling a basket (POST /basket) and checking it out
 * (POST /basket/checkout with an Idempotency-Key, the same on every retry). A 5xx or a network error
 * is retried after 500 ms × attempt, as the API invites (503 is "safe to retry"); each retry counts.
 */
export const runShoppers = async (
  basketUrl: string,
  tokens: UserTokens,
  { shoppers, concurrency, prefix }: { shoppers: number; concurrency: number; prefix: string },
): Promise<ShopperLoadResult> => {
  const users = Array.from({ length: shoppers }, (_, i) => `${prefix}${i}`);
  await tokens.prepare(users);
  const statuses: Record<string, Record<string, number>> = {};
  const count = (kind: string, status: string) => {
    const row = statuses[kind] ?? {};
    row[status] = (row[status] ?? 0) + 1;
    statuses[kind] = row;
  };
  let retries = 0;
  let unexpectedSuccesses = 0;
  const checkoutLatencies: number[] = [];
  const accepted: ShopperLoadResult['accepted'] = [];

  const send = async (kind: string, path: string, headers: Record<string, string>, body: unknown) => {
    for (let attempt = 1; ; attempt++) {
      const sentAt = performance.now();
      const response = await fetch(`${basketUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      }).catch((error: Error) => error);
      const status = response instanceof Error ? 'network error' : String(response.status);
      const text = response instanceof Error ? response.message : await response.text();
      count(kind, status);
      if (!(response instanceof Error) && response.status < 500) {
        return { status: response.status, text, ms: performance.now() - sentAt };
      }
      if (attempt === ATTEMPTS)
        throw new Error(`${kind}: ${status} after ${ATTEMPTS} attempts: ${text.slice(0, 120)}`);
      retries++;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  };

  const run = await runClosedLoop(concurrency, { total: shoppers }, async (index) => {
    const userName = users[index] ?? '';
    const auth = tokens.headers(userName);
    const saved = await send('POST /basket', '/basket', auth, basketOf(userName, index));
    if (saved.status !== 201 && saved.status !== 200) {
      throw new Error(`POST /basket: ${saved.status} ${saved.text.slice(0, 120)}`);
    }
    const checkout = await send(
      'POST /basket/checkout',
      '/basket/checkout',
      { ...auth, 'idempotency-key': randomUUID() },
      checkoutOf(userName),
    );
    if (checkout.status >= 300) {
      throw new Error(`POST /basket/checkout: ${checkout.status} ${checkout.text.slice(0, 120)}`);
    }
    if (checkout.status !== 202) unexpectedSuccesses++;
    checkoutLatencies.push(checkout.ms);
    const { checkoutId } = JSON.parse(checkout.text) as { checkoutId: string };
    accepted.push({ userName, checkoutId });
  });
  return {
    shoppers,
    concurrency,
    elapsedMs: run.elapsedMs,
    statuses,
    retries,
    failed: run.errors,
    failures: run.errorSamples,
    unexpectedSuccesses,
    checkoutLatencyMs: summarize(checkoutLatencies),
    accepted,
  };
};
