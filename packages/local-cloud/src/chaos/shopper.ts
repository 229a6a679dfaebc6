import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ChaosClient } from './chaos-client.js';

export interface Line {
  productId: string;
  quantity: number;
}

/** One checkout the run attempted, and what became of it as the client saw it. */
export interface CheckoutAttempt {
  userName: string;
  index: number;
  idempotencyKey: string;
  lines: Line[];
  expectedTotal: number;
  /** `accepted`: a 2xx; `gaveUp`: attempts ran out or a 500; `skipped`: its shopper had stopped. */
  outcome: 'accepted' | 'gaveUp' | 'skipped';
  checkoutId?: string;
  total?: number;
  /** The last status the client saw for it. */
  lastStatus?: number;
  /** Given up, then completed by a retry with its key when the next basket save was refused. */
  resumed?: boolean;
  /** Read from the table right after giving up: did the basket still hold these lines? */
  basketAtGiveUp?: 'intact' | 'absent' | 'other';
  /** An answer the API should never give here (a 4xx), with its body. */
  unexpected?: string;
}

export interface ShopperContext {
  client: ChaosClient;
  basketUrl: string;
  authHeaders: Record<string, string>;
  documentClient: DynamoDBDocumentClient;
  basketTable: string;
}

const SAVE_ATTEMPTS = 3;

export const buyerOf = (userName: string) => ({
  userName,
  firstName: 'Chaos',
  lastName: 'Monkey',
  email: 'chaos@example.com',
  address: '1 Fault Line, Localhost',
  paymentMethod: 1,
  cardInfo: '4242 4242 4242 4242',
});

export const linesKey = (lines: readonly Line[]): string =>
  lines
    .map(({ productId, quantity }) => `${productId}x${quantity}`)
    .sort()
    .join(',');

const checkout = (context: ShopperContext, attempt: CheckoutAttempt) =>
  context.client.send('POST', `${context.basketUrl}/basket/checkout`, {
    body: buyerOf(attempt.userName),
    headers: { ...context.authHeaders, 'idempotency-key': attempt.idempotencyKey },
  });

const basketState = async (context: ShopperContext, attempt: CheckoutAttempt) => {
  const { Item } = await context.documentClient.send(
    new GetCommand({
      TableName: context.basketTable,
      Key: { userName: attempt.userName, sk: 'BASKET' },
      ConsistentRead: true,
    }),
  );
  if (Item === undefined) return 'absent';
  return linesKey((Item.lines as Line[]) ?? []) === linesKey(attempt.lines) ? 'intact' : 'other';
};

/** Checks out with the attempt's key until a final answer; records what the client saw. */
const checkOut = async (context: ShopperContext, attempt: CheckoutAttempt): Promise<boolean> => {
  const answer = await checkout(context, attempt);
  attempt.lastStatus = answer.status;
  if (answer.status >= 200 && answer.status < 300) {
    attempt.outcome = 'accepted';
    attempt.checkoutId = answer.json?.checkoutId;
    attempt.total = answer.json?.total;
    return true;
  }
  if (answer.status >= 400 && answer.status < 500) attempt.unexpected = `${answer.status} ${answer.text}`;
  attempt.outcome = 'gaveUp';
  attempt.basketAtGiveUp = await basketState(context, attempt);
  return false;
};

/**
 * Saves the basket (a replace, so safe to send again after any failure). A save refused because
 * the last given-up checkout is still pending on the basket completes that checkout first, with its
 * key, as the 409 tells a client to.
 */
const saveBasket = async (
  context: ShopperContext,
  attempt: CheckoutAttempt,
  lastGivenUp: CheckoutAttempt | undefined,
): Promise<boolean> => {
  for (let round = 0; round < 3; round++) {
    const answer = await context.client.send('POST', `${context.basketUrl}/basket`, {
      body: { userName: attempt.userName, items: attempt.lines },
      headers: context.authHeaders,
    });
    if (answer.status === 200 || answer.status === 201) return true;
    if (answer.status === 409 && answer.json?.reason === 'checkout-pending' && lastGivenUp !== undefined) {
      const resumed = await checkout(context, lastGivenUp);
      if (resumed.status >= 200 && resumed.status < 300) {
        lastGivenUp.resumed = true;
        lastGivenUp.checkoutId = resumed.json?.checkoutId;
        lastGivenUp.total = resumed.json?.total;
      }
      continue;
    }
    if (answer.status >= 400 && answer.status < 500 && answer.status !== 429) {
      attempt.unexpected = `save: ${answer.status} ${answer.text}`;
      return false;
    }
  }
  return false;
};

/**
 * One shopper's session: each attempt in turn, fill the basket, then check out with a fresh
 * Idempotency-Key, retrying as the README says. A shopper whose basket cannot be saved stops, and
 * its remaining checkouts are skipped (and reported).
 */
export const runShopper = async (context: ShopperContext, attempts: CheckoutAttempt[]): Promise<void> => {
  let lastGivenUp: CheckoutAttempt | undefined;
  for (const attempt of attempts) {
    let saved = false;
    for (let tries = 0; tries < SAVE_ATTEMPTS && !saved; tries++) {
      saved = await saveBasket(context, attempt, lastGivenUp);
      if (attempt.unexpected !== undefined) break;
    }
    if (!saved) {
      for (const rest of attempts.slice(attempts.indexOf(attempt))) rest.outcome = 'skipped';
      return;
    }
    if (!(await checkOut(context, attempt))) lastGivenUp = attempt;
  }
};
