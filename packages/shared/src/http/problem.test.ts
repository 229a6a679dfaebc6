import { describe, expect, it } from 'vitest';
import {
  BadRequestError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PayloadTooLargeError,
  PreconditionFailedError,
  ProblemError,
  ServiceUnavailableError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../errors.js';
import { EventPublishError } from '../events/publish-event.js';
import { toProblem } from './problem.js';

const type = (name: string) => `https://problems.eshop.example/${name}`;

describe('toProblem', () => {
  it.each([
    [new BadRequestError('Broken JSON'), 'bad-request', 'Bad request', 400, {}],
    [
      new UnauthorizedError('Send a token'),
      'unauthorized',
      'Authentication required',
      401,
      { 'www-authenticate': 'Bearer error="invalid_token"' },
    ],
    [new ForbiddenError('Not yours'), 'forbidden', 'Forbidden', 403, {}],
    [new NotFoundError('No product 42'), 'not-found', 'Resource not found', 404, {}],
    [new ConflictError('Basket is empty'), 'conflict', 'Conflict', 409, {}],
    [
      new PreconditionFailedError('Version 3 is current'),
      'precondition-failed',
      'Precondition failed',
      412,
      {},
    ],
    [new UnsupportedMediaTypeError('Send JSON'), 'unsupported-media-type', 'Unsupported media type', 415, {}],
    [
      new ServiceUnavailableError('Table throttled', 7),
      'service-unavailable',
      'Service unavailable',
      503,
      { 'retry-after': '7' },
    ],
    // A subclass takes its parent's row: a bus that rejected an event is retried after 2 s.
    [
      new EventPublishError('Bus down'),
      'service-unavailable',
      'Service unavailable',
      503,
      { 'retry-after': '2' },
    ],
  ])(
    'shows %s as its row of the table, with its message as detail',
    (error, name, title, status, headers) => {
      expect(toProblem(error)).toEqual({
        body: { type: type(name), title, status, detail: error.message },
        headers,
      });
    },
  );

  it('tells the limit of a body that is too large', () => {
    expect(toProblem(new PayloadTooLargeError(1024))).toEqual({
      body: {
        type: type('payload-too-large'),
        title: 'Payload too large',
        status: 413,
        detail: 'Request body exceeds the limit of 1024 bytes',
      },
      headers: {},
    });
  });

  it('answers 422 and lists the fields when the body broke the contract, 400 for path or query', () => {
    const bodyField = { in: 'body' as const, pointer: '#/price', detail: 'Too small' };
    const queryField = { in: 'query' as const, pointer: '#/limit', detail: 'Too big' };

    const body = toProblem(new ValidationError('Invalid price', [queryField, bodyField])).body;
    const query = toProblem(new ValidationError('Invalid limit', [queryField])).body;

    expect(body).toEqual({
      type: type('validation-error'),
      title: 'Your request is not valid',
      status: 422,
      detail: 'Invalid price',
      errors: [queryField, bodyField],
    });
    expect(query).toMatchObject({ status: 400, errors: [queryField] });
  });

  it('answers a throttled or unreachable dependency with 503 and Retry-After, revealing nothing', () => {
    const throttled = Object.assign(new Error('Rate exceeded for table eshop-products'), {
      name: 'ThrottlingException',
    });

    expect(toProblem(throttled)).toEqual({
      body: {
        type: type('service-unavailable'),
        title: 'Service unavailable',
        status: 503,
        detail: 'A dependency is temporarily unavailable; retry shortly',
      },
      headers: { 'retry-after': '1' },
    });
  });

  it.each([
    ['an Error', new Error('password=hunter2 at db.internal:5432')],
    ['a thrown string', 'password=hunter2'],
    ['undefined', undefined],
    // A ProblemError without a row is a bug, not a message meant for the client.
    ['a ProblemError without a row', new (class OddError extends ProblemError {})('password=hunter2')],
  ])('hides %s behind a generic 500', (_, error) => {
    const { body, headers } = toProblem(error);

    expect(body).toEqual({
      type: type('internal-error'),
      title: 'Internal server error',
      status: 500,
      detail: 'An unexpected error occurred; it has been logged',
    });
    expect(headers).toEqual({});
  });

  it('names each error after its class', () => {
    expect(new NotFoundError('x').name).toBe('NotFoundError');
    expect(new EventPublishError('x').name).toBe('EventPublishError');
  });
});
