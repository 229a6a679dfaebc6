import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../logger.js';
import { captureLogLines } from '../testing/log-lines.js';
import { MAX_DEPTH, redact, TOO_DEEP } from './redact.js';

/** `{ level: { level: ... { ...leaf } } }`, `levels` objects deep. */
const nested = (levels: number, leaf: Record<string, unknown>): Record<string, unknown> =>
  levels === 0 ? leaf : { level: nested(levels - 1, leaf) };

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

  it('drops exactly the secret key names, not every key that contains one', () => {
    expect(redact({ secretary: 'Ada', passwordPolicy: 'long', cookies: 2, xAuthorization: 'n/a' })).toEqual({
      secretary: 'Ada',
      passwordPolicy: 'long',
      cookies: 2,
      xAuthorization: 'n/a',
    });
  });

  it('masks a whole e-mail address, however many parts its domain has', () => {
    expect(redact('from ada@mail.example.co.uk today')).toBe('from [redacted-email] today');
  });

  it('keeps numbers that are not card numbers, such as epoch timestamps', () => {
    expect(redact('sent at 1764219514162')).toBe('sent at 1764219514162');
  });

  it('never lets a secret through because it is nested deep: the deep part becomes a marker', () => {
    const deep = nested(12, { contact: 'ada@example.com', email: 'ada@example.com' });

    const output = JSON.stringify(redact({ deep }));

    expect(output).not.toContain('ada@example.com');
    expect(output).toContain('[truncated: nested too deeply]');
  });

  it('keeps MAX_DEPTH levels below the root, and marks the next one', () => {
    expect(JSON.stringify(redact(nested(MAX_DEPTH, { email: 'ada@example.com' })))).toContain(
      '{"email":"[redacted]"}',
    );
    expect(JSON.stringify(redact(nested(MAX_DEPTH + 1, { email: 'ada@example.com' })))).toContain(
      `{"level":"${TOO_DEEP}"}`,
    );
  });

  it('walks an object whose toJSON returns the object itself once, as JSON does', () => {
    const selfJson = { note: 'ada@example.com', toJSON: () => selfJson };

    expect(redact(selfJson)).toMatchObject({ note: '[redacted-email]' });
  });

  it('marks arrays nested too deeply as well', () => {
    const deep = Array.from({ length: MAX_DEPTH + 2 }).reduce<unknown[]>(
      (inner) => [inner],
      ['ada@example.com'],
    );

    const output = JSON.stringify(redact(deep));

    expect(output).not.toContain('ada@example.com');
    expect(output).toContain(TOO_DEEP);
  });

  it('redacts every level it keeps', () => {
    const within = nested(9, { contact: 'ada@example.com', email: 'ada@example.com' });

    expect(JSON.stringify(redact(within))).toContain('{"contact":"[redacted-email]","email":"[redacted]"}');
  });

  it('marks a cycle instead of following it', () => {
    const order: Record<string, unknown> = { id: 'o-1', note: 'for ada@example.com' };
    order.self = order;

    expect(redact(order)).toEqual({ id: 'o-1', note: 'for [redacted-email]', self: '[circular]' });
  });

  it('keeps a value that appears twice without being a cycle', () => {
    const address = { city: 'Oslo' };

    expect(redact({ billing: address, shipping: address })).toEqual({
      billing: { city: 'Oslo' },
      shipping: { city: 'Oslo' },
    });
  });

  it('writes dates as their ISO text, as JSON would, not as an empty object', () => {
    expect(redact({ at: new Date(0) })).toEqual({ at: '1970-01-01T00:00:00.000Z' });
  });
});

describe('createLogger', () => {
  afterEach(() => vi.restoreAllMocks());

  it('writes no card number, token or e-mail, whatever is logged', () => {
    const written = captureLogLines();
    const logger = createLogger('redaction-test', { logLevel: 'DEBUG' });

    logger.info('Checkout by ada@example.com', {
      body: { email: 'ada@example.com', cardInfo: '5555-4444-3333-2222' },
      token: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzd24ifQ.sig',
      error: new Error('card 5555 5555 5555 4444 declined'),
    });

    const output = written.text();
    expect(output).toContain('Checkout by [redacted-email]');
    expect(output).not.toMatch(/ada@example\.com|5555|eyJhbGci/);
    expect(JSON.parse(output).error.message).toBe('card [redacted-card] declined');
  });

  it('logs an error with its name, redacted message, stack and cause', () => {
    const written = captureLogLines();
    const logger = createLogger('redaction-test', { logLevel: 'INFO' });
    const cause = new TypeError('socket closed while sending to ada@example.com');
    const error = new RangeError('card 5555555555554444 declined', { cause });

    logger.error('Request failed', { error });

    const logged = JSON.parse(written.text()).error;
    expect(logged).toMatchObject({
      name: 'RangeError',
      message: 'card [redacted-card] declined',
      cause: { name: 'TypeError', message: 'socket closed while sending to [redacted-email]' },
    });
    expect(logged.stack).toMatch(
      /^RangeError: card \[redacted-card\] declined\n\s+at .*redaction\.test\.ts:\d+/,
    );
    expect(logged.cause.stack).toContain('redaction.test.ts');
    expect(logged.location).toEqual(expect.any(String));
    expect(written.text()).not.toMatch(/ada@example\.com|5555555555554444/);
  });

  it('logs the fields an error carries, redacted, and each error of an AggregateError', () => {
    const written = captureLogLines();
    const logger = createLogger('redaction-test', { logLevel: 'INFO' });
    const rejected = Object.assign(new Error('entry rejected'), { entryId: 'e-1', email: 'ada@example.com' });
    const error = new AggregateError([rejected, new Error('timed out')], 'publish failed');

    logger.error('Publish failed', error);

    const logged = JSON.parse(written.text()).error;
    expect(logged).toMatchObject({
      name: 'AggregateError',
      message: 'publish failed',
      errors: [
        { name: 'Error', message: 'entry rejected', entryId: 'e-1', email: '[redacted]' },
        { name: 'Error', message: 'timed out' },
      ],
    });
  });

  it('logs an error that is its own cause without looping', () => {
    const written = captureLogLines();
    const logger = createLogger('redaction-test', { logLevel: 'INFO' });
    const error = new Error('retry loop');
    error.cause = error;

    logger.error('Gave up', { error });

    expect(JSON.parse(written.text()).error).toMatchObject({ message: 'retry loop', cause: '[circular]' });
  });
});
