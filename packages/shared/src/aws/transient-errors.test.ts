import { describe, expect, it } from 'vitest';
import { isTransientAwsError } from './transient-errors.js';

const named = (name: string) => Object.assign(new Error(name), { name });

describe('isTransientAwsError', () => {
  // Each name, with where it comes from: the test restates the list on purpose, so that dropping
  // a name from the code (a mutant) fails here.
  it.each([
    ['ProvisionedThroughputExceededException', 'DynamoDB: a partition over its throughput'],
    ['RequestLimitExceeded', 'DynamoDB: the account over its request limit'],
    ['ThrottlingException', 'DynamoDB control plane, EventBridge, most JSON services'],
    ['Throttling', 'SQS and other query-protocol services'],
    ['TooManyRequestsException', 'Lambda, Cognito'],
    ['InternalServerError', 'DynamoDB: a 500 on its side'],
    ['InternalFailure', 'any service: an unknown 500'],
    ['InternalException', 'EventBridge: a 500 on its side'],
    ['ServiceUnavailable', 'query-protocol services: a 503'],
    ['ServiceUnavailableException', 'JSON services: a 503'],
    ['TimeoutError', 'the SDK: connection or request timeout'],
    ['TransactionInProgressException', 'DynamoDB: the same transaction token still running'],
  ])('retries %s (%s)', (name) => {
    expect(isTransientAwsError(named(name))).toBe(true);
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND'])(
    'retries the network error %s',
    (code) => {
      expect(isTransientAwsError(Object.assign(new Error('socket'), { code }))).toBe(true);
    },
  );

  it('retries any 5xx answer and anything the SDK marks retryable', () => {
    expect(isTransientAwsError({ name: 'Unknown', $metadata: { httpStatusCode: 500 } })).toBe(true);
    expect(isTransientAwsError({ name: 'Unknown', $metadata: { httpStatusCode: 503 } })).toBe(true);
    expect(isTransientAwsError({ name: 'Unknown', $retryable: {} })).toBe(true);
    expect(isTransientAwsError({ name: 'Unknown', $retryable: { throttling: false } })).toBe(true);
  });

  it('looks one level into the cause for a wrapped network failure', () => {
    const wrapped = new Error('fetch failed', {
      cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
    });

    expect(isTransientAwsError(wrapped)).toBe(true);
  });

  it.each([
    ['a validation error', named('ValidationException')],
    ['a failed condition', named('ConditionalCheckFailedException')],
    ['a 4xx answer', { name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } }],
    ['a 499 answer', { name: 'Unknown', $metadata: { httpStatusCode: 499 } }],
    ['an explicit null $retryable', { name: 'Unknown', $retryable: null }],
    ['a name that is not a string', { name: 42, code: 42 }],
    ['an unknown error code', Object.assign(new Error('x'), { code: 'EACCES' })],
    ['a permanent cause', new Error('wrapped', { cause: named('ValidationException') })],
    ['a string', 'ThrottlingException'],
    ['null', null],
    ['undefined', undefined],
  ])('never retries %s', (_, error) => {
    expect(isTransientAwsError(error)).toBe(false);
  });

  it('stops at an error that is its own cause', () => {
    const loop: { name: string; cause?: unknown } = { name: 'Unknown' };
    loop.cause = loop;

    expect(isTransientAwsError(loop)).toBe(false);
  });
});
