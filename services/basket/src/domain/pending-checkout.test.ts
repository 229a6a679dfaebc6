import { ConflictError } from '@eshop/shared';
import { aCheckout } from '@eshop/shared/testing';
import { describe, expect, it } from 'vitest';
import {
  checkoutExpiredError,
  checkoutPendingError,
  idempotencyKeyReusedError,
  isSameCheckoutRequest,
} from './pending-checkout.js';

// Started at 10:00, so it expires at 10:15.
const pending = aCheckout({ checkoutId: 'c-1', userName: 'ada', checkedOutAt: '2026-11-27T10:00:00.000Z' });

describe('the refusals a pending checkout causes tell the client what to do', () => {
  it('a checkout with other details: how to complete the pending one, or when it expires', () => {
    const error = checkoutPendingError(pending, 'checkout');

    expect(error).toBeInstanceOf(ConflictError);
    expect(error.message).toBe(
      'Checkout c-1 of this basket is pending with other buyer or payment details. ' +
        'To complete it (at the prices it was started with), retry it with its Idempotency-Key or the same buyer and payment details. ' +
        'Otherwise it expires at 2026-11-27T10:15:00.000Z; then change the basket and check out again.',
    );
    expect(error.members).toEqual({
      reason: 'checkout-pending',
      checkoutId: 'c-1',
      expiresAt: '2026-11-27T10:15:00.000Z',
    });
  });

  it('a change of the basket: how to complete the checkout, or from when the basket can change', () => {
    const error = checkoutPendingError(pending, 'change');

    expect(error.message).toBe(
      'The basket cannot change while checkout c-1 is pending. ' +
        'To complete it, retry it with its Idempotency-Key or the same buyer and payment details; ' +
        'otherwise change the basket after 2026-11-27T10:15:00.000Z, when it expires.',
    );
    expect(error.members).toEqual({
      reason: 'checkout-pending',
      checkoutId: 'c-1',
      expiresAt: '2026-11-27T10:15:00.000Z',
    });
  });

  it('an expired checkout: that it is never published, where an order would be, and how to check out', () => {
    const error = checkoutExpiredError(pending);

    expect(error.message).toBe(
      'Checkout c-1 can no longer complete (its lifetime ends at 2026-11-27T10:15:00.000Z) and will never be published ' +
        '(if an attempt got through despite its error, its order is under GET /order/{userName}). ' +
        'To check out, save the basket again (POST /basket) and check out with a new Idempotency-Key.',
    );
  });

  it('a reused Idempotency-Key: which checkout it stands for, and to send a new one', () => {
    const error = idempotencyKeyReusedError(pending);

    expect(error.message).toBe(
      'This Idempotency-Key was used for checkout c-1 with other buyer or payment details; ' +
        'send a new key for a new checkout.',
    );
  });
});

describe('isSameCheckoutRequest', () => {
  const sameRequest = {
    userName: 'ada',
    firstName: pending.buyer.firstName,
    lastName: pending.buyer.lastName,
    email: pending.buyer.email,
    address: pending.buyer.address,
    paymentMethod: pending.payment.method,
    cardInfo: pending.payment.cardLast4,
  };

  it('holds for the same user, buyer and payment, and not for another user with them', () => {
    expect(isSameCheckoutRequest(pending, sameRequest)).toBe(true);
    expect(isSameCheckoutRequest(pending, { ...sameRequest, userName: 'grace' })).toBe(false);
  });
});
