import type { DeadLetterMessage } from '../dlq/describe-message.js';
import type { ClientStats } from './chaos-client.js';
import { type CheckoutAttempt, type Line, linesKey } from './shopper.js';

/** What the tables hold for one shopper after the drain. */
export interface ShopperState {
  userName: string;
  orders: { checkoutId: string; total: number; items: Line[] }[];
  /** Idempotency-Key → checkoutId, from the basket table's key records. */
  keyRecords: Map<string, string>;
  basket?: { items: Line[]; pendingCheckoutId?: string };
}

export interface Invariant {
  name: string;
  holds: boolean;
  /** How many cases it was checked on. */
  checked: number;
  /** Checkout ids, keys or messages that break it. */
  offenders: string[];
}

export interface InvariantInput {
  attempts: readonly CheckoutAttempt[];
  shoppers: readonly ShopperState[];
  client: ClientStats;
  /** Instance deaths the fault proxies ordered. */
  instanceDeaths: number;
  /** After the drain, before the redrive. */
  deadLetters: readonly DeadLetterMessage[];
  /** checkoutIds of the dead letters, each with the orders it has after redrive and drain. */
  ordersAfterRedrive: ReadonlyMap<string, number>;
  /** Given-up checkouts that have an order, retried with their key once the faults stopped. */
  retriedAfterwards: ReadonlyMap<string, { status: number; checkoutId?: string }>;
  /** Log lines of the functions, when the run could read them. */
  logs?: readonly string[];
}

const invariant = (name: string, checked: number, offenders: string[]): Invariant => ({
  name,
  holds: offenders.length === 0,
  checked,
  offenders,
});

const API_GATEWAY_500 = '{"message":"Internal Server Error"}';
// The card number every shopper of the run pays with, with or without separators.
const CARD_NUMBER = /4242[ -]?4242[ -]?4242[ -]?4242/;
const JWT = /eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{10,}/;

const checkoutIdOfDeadLetter = (message: DeadLetterMessage): string | undefined => {
  try {
    const envelope = JSON.parse(message.body) as { detail?: { checkoutId?: unknown } };
    return typeof envelope.detail?.checkoutId === 'string' ? envelope.detail.checkoutId : undefined;
  } catch {
    return undefined;
  }
};

/** Every invariant of issue 17, checked from the tables, the queues and the logs. */
export const checkInvariants = (input: InvariantInput): Invariant[] => {
  const { attempts, shoppers } = input;
  const orders = shoppers.flatMap((shopper) =>
    shopper.orders.map((order) => ({ ...order, userName: shopper.userName })),
  );
  const ordersByCheckout = new Map<string, typeof orders>();
  for (const order of orders) {
    ordersByCheckout.set(order.checkoutId, [...(ordersByCheckout.get(order.checkoutId) ?? []), order]);
  }
  const keyRecord = (attempt: CheckoutAttempt) =>
    shoppers.find((shopper) => shopper.userName === attempt.userName)?.keyRecords.get(attempt.idempotencyKey);
  const ordersOfAttempt = (attempt: CheckoutAttempt) => {
    const checkoutId = attempt.checkoutId ?? keyRecord(attempt);
    return checkoutId === undefined ? [] : (ordersByCheckout.get(checkoutId) ?? []);
  };
  const tried = attempts.filter((attempt) => attempt.outcome !== 'skipped');
  const accepted = tried.filter((attempt) => attempt.outcome === 'accepted' || attempt.resumed === true);
  const gaveUp = tried.filter((attempt) => attempt.outcome === 'gaveUp');
  const knownCheckoutIds = new Set(
    shoppers
      .flatMap((shopper) => [...shopper.keyRecords.values()])
      .concat(tried.flatMap((attempt) => (attempt.checkoutId === undefined ? [] : [attempt.checkoutId]))),
  );

  const byContent = new Map<string, number>();
  for (const order of orders) {
    const key = `${order.userName}:${linesKey(order.items)}`;
    byContent.set(key, (byContent.get(key) ?? 0) + 1);
  }

  const lostItems = shoppers.flatMap((shopper) => {
    const mine = tried.filter((attempt) => attempt.userName === shopper.userName);
    const last = mine[mine.length - 1];
    if (last === undefined) return [];
    // A save the shopper stopped on may have been written before its failure was answered.
    const unsure = attempts.find(
      (attempt) => attempt.userName === shopper.userName && attempt.outcome === 'skipped',
    );
    const inBasket = [last, unsure].some(
      (attempt) =>
        attempt !== undefined &&
        shopper.basket !== undefined &&
        linesKey(shopper.basket.items) === linesKey(attempt.lines),
    );
    return ordersOfAttempt(last).length > 0 || inBasket
      ? []
      : [
          `${last.userName}/${last.idempotencyKey} (${last.outcome}, last ${last.lastStatus}, basket ${shopper.basket === undefined ? 'absent' : linesKey(shopper.basket.items)})`,
        ];
  });

  const deadLetterIds = input.deadLetters.map((message) => checkoutIdOfDeadLetter(message));
  const leaks = (input.logs ?? []).filter((line) => CARD_NUMBER.test(line) || JWT.test(line));

  return [
    invariant(
      'at most one order per Idempotency-Key',
      tried.length,
      tried.filter((attempt) => ordersOfAttempt(attempt).length > 1).map((a) => a.idempotencyKey),
    ),
    invariant(
      'at most one order per checkout id',
      ordersByCheckout.size,
      [...ordersByCheckout].filter(([, found]) => found.length > 1).map(([checkoutId]) => checkoutId),
    ),
    invariant(
      'at most one order per basket content checked out',
      byContent.size,
      [...byContent].filter(([, count]) => count > 1).map(([content]) => content),
    ),
    invariant(
      'every order comes from a checkout the run made',
      orders.length,
      orders.filter((order) => !knownCheckoutIds.has(order.checkoutId)).map((order) => order.checkoutId),
    ),
    invariant(
      'every key that got a 2xx has exactly one order, with the right total',
      accepted.length,
      accepted
        .filter((attempt) => {
          const found = ordersOfAttempt(attempt);
          return (
            found.length !== 1 ||
            found[0]?.total !== attempt.expectedTotal ||
            attempt.total !== attempt.expectedTotal ||
            linesKey(found[0]?.items ?? []) !== linesKey(attempt.lines)
          );
        })
        .map((attempt) => attempt.checkoutId ?? attempt.idempotencyKey),
    ),
    invariant(
      'every given-up key: no order and the basket intact, or one order that a retry with the key now answers',
      gaveUp.length,
      gaveUp
        .filter((attempt) => {
          const found = ordersOfAttempt(attempt);
          if (found.length === 0) return attempt.basketAtGiveUp !== 'intact';
          const retried = input.retriedAfterwards.get(attempt.idempotencyKey);
          return (
            found.length > 1 ||
            retried === undefined ||
            retried.status < 200 ||
            retried.status >= 300 ||
            retried.checkoutId !== found[0]?.checkoutId
          );
        })
        .map((attempt) => {
          const retried = input.retriedAfterwards.get(attempt.idempotencyKey);
          return `${attempt.idempotencyKey} (checkout ${keyRecord(attempt) ?? 'none'}, last ${attempt.lastStatus}, basket ${attempt.basketAtGiveUp}, orders ${ordersOfAttempt(attempt).length}, retried ${retried?.status ?? '-'})`;
        }),
    ),
    invariant('no basket lost items it did not check out', shoppers.length, lostItems),
    invariant(
      'every dead letter is an explained checkout of this run',
      input.deadLetters.length,
      input.deadLetters
        .filter(
          (message, index) =>
            message.reason.kind === 'unknown' || !knownCheckoutIds.has(deadLetterIds[index] ?? ''),
        )
        .map((message) => message.messageId),
    ),
    invariant(
      'after a redrive every dead letter is exactly one order',
      input.ordersAfterRedrive.size,
      [...input.ordersAfterRedrive].filter(([, count]) => count !== 1).map(([checkoutId]) => checkoutId),
    ),
    invariant(
      "no 500 but API Gateway's answer to a killed instance, and no more of those than instances killed",
      input.client.internalErrors.length,
      [
        ...input.client.internalErrors
          .filter((error) => error.text !== API_GATEWAY_500)
          .map((error) => `${error.url} ${error.idempotencyKey ?? ''}: ${error.text.slice(0, 200)}`),
        ...(input.client.internalErrors.length > input.instanceDeaths
          ? [
              `${input.client.internalErrors.length} 500s for ${input.instanceDeaths} instance deaths: ${input.client.internalErrors
                .map((error) => `${new URL(error.url).pathname} ${error.idempotencyKey ?? ''}`.trim())
                .join(', ')}`,
            ]
          : []),
      ],
    ),
    invariant(
      'no answer a client must not get (4xx on a valid request)',
      tried.length,
      tried
        .filter((attempt) => attempt.unexpected !== undefined)
        .map((a) => `${a.idempotencyKey}: ${a.unexpected}`),
    ),
    invariant('logs hold no card number or token', input.logs?.length ?? 0, leaks.slice(0, 20)),
  ];
};
