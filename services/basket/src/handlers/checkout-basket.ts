import {
  accepted,
  assertActsFor,
  ConflictError,
  type CountMetric,
  ForbiddenError,
  type HttpDeps,
  httpHandler,
  ServiceUnavailableError,
  ValidationError,
} from '@eshop/shared';
import { type CheckoutDeps, checkout, checkoutRequestSchema } from '../domain/checkout.js';
import { MAX_BASKET_BODY_BYTES } from './http-options.js';

export const IDEMPOTENCY_KEY = /^[\w-]{8,128}$/;

const idempotencyKeyOf = (headers: Readonly<Record<string, string | undefined>>): string | undefined => {
  const key = headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new ValidationError('Invalid Idempotency-Key header', [
      {
        in: 'header',
        pointer: '#/idempotency-key',
        detail: 'Must be 8-128 letters, digits, - or _ (a UUID works)',
      },
    ]);
  }
  return key;
};

/** Why a checkout was refused, from a small fixed set: it is a metric dimension. */
const refusalReason = (error: unknown): string => {
  if (error instanceof ConflictError) return error.members.reason ?? 'conflict';
  if (error instanceof ServiceUnavailableError) return 'unavailable';
  if (error instanceof ForbiddenError) return 'forbidden';
  if (error instanceof ValidationError) return 'invalid-request';
  return 'error';
};

/**
 * POST /basket/checkout → 202 `{ checkoutId, total, currency }` once the CheckoutBasket event was
 * accepted by the bus; the order is created asynchronously. 503 (basket intact, safe to retry)
 * when the bus, catalog or table is unavailable. 409 (with a `reason`) for an empty basket, a
 * pending checkout asked for with other details, an expired one, or a reused Idempotency-Key.
 * Send an `Idempotency-Key` to make retries return the same checkout. Users check out only their
 * own basket.
 *
 * Counts `CheckoutsAccepted` (a replay is not a new checkout) and `CheckoutsRefused` by `reason`
 * for every valid request that did not become a checkout.
 */
export const checkoutBasketHandler = ({
  countMetric,
  ...deps
}: HttpDeps & CheckoutDeps & { countMetric: CountMetric }) => {
  const checkOut = checkout(deps);
  return httpHandler(
    { ...deps, maxBodyBytes: MAX_BASKET_BODY_BYTES, request: { body: checkoutRequestSchema } },
    async ({ body, headers, correlationId, identity }) => {
      let result: Awaited<ReturnType<typeof checkOut>>;
      try {
        assertActsFor(identity, body.userName);
        result = await checkOut(body, { idempotencyKey: idempotencyKeyOf(headers), correlationId });
      } catch (error) {
        countMetric('CheckoutsRefused', { reason: refusalReason(error) });
        throw error;
      }
      if (!result.replayed) countMetric('CheckoutsAccepted');
      return accepted(
        { checkoutId: result.checkoutId, total: result.total, currency: result.currency, status: 'ACCEPTED' },
        result.replayed ? { 'idempotent-replayed': 'true' } : undefined,
      );
    },
  );
};
