import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../logger.js';
import { redact } from './redact.js';

describe('redact', () => {
  it('drops values under secret keys and masks secrets inside any text', () => {
    expect(
      redact({
        email: 'ada@example.com',
        headers: { authorization: 'Bearer abc', 'content-type': 'application/json' },
        cardInfo: '4242424242424242',
        payment: { method: 'card', cardLast4: '4242' },
        note: 'ada@example.com paid with 4242 4242 4242 4242 using eyJhbGciOi.eyJzdWIiOi.c2ln',
      }),
    ).toEqual({
      email: '[redacted]',
      headers: { authorization: '[redacted]', 'content-type': 'application/json' },
      cardInfo: '[redacted]',
      payment: { method: 'card', cardLast4: '4242' },
      note: '[redacted-email] paid with [redacted-card] using [redacted-token]',
    });
  });

  it('keeps numbers that are not card numbers, such as epoch timestamps', () => {
    expect(redact('sent at 1764219514162')).toBe('sent at 1764219514162');
  });
});

describe('createLogger', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes no card number, token or e-mail, whatever is logged', () => {
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    const logger = createLogger('redaction-test', { logLevel: 'DEBUG' });

    logger.info('Checkout by ada@example.com', {
      body: { email: 'ada@example.com', cardInfo: '5555-4444-3333-2222' },
      token: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzd24ifQ.sig',
      error: new Error('card 5555444433332222 declined'),
    });

    const output = lines.join('');
    expect(output).toContain('Checkout by [redacted-email]');
    expect(output).not.toMatch(/ada@example\.com|5555|eyJhbGci/);
  });
});
