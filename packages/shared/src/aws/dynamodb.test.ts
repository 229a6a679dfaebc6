import { describe, expect, it } from 'vitest';
import { createDocumentClient, isConditionalCheckFailed } from './dynamodb.js';

describe('createDocumentClient', () => {
  it('retries up to 3 attempts, drops undefined attributes, and lets the caller override', async () => {
    const client = createDocumentClient({ region: 'eu-west-1' });
    const overridden = createDocumentClient({ region: 'eu-west-1', maxAttempts: 1 });

    expect(await client.config.maxAttempts()).toBe(3);
    expect(await overridden.config.maxAttempts()).toBe(1);
    expect(await client.config.region()).toBe('eu-west-1');
    expect(client.config.translateConfig?.marshallOptions?.removeUndefinedValues).toBe(true);
    client.destroy();
    overridden.destroy();
  });
});

describe('isConditionalCheckFailed', () => {
  it('recognises a failed condition by the name the SDK gives it', () => {
    const failed = Object.assign(new Error('The conditional request failed'), {
      name: 'ConditionalCheckFailedException',
    });

    expect(isConditionalCheckFailed(failed)).toBe(true);
    expect(isConditionalCheckFailed({ name: 'ConditionalCheckFailedException' })).toBe(true);
  });

  it.each([
    ['another error', new Error('ConditionalCheckFailedException')],
    ['a transaction cancellation', { name: 'TransactionCanceledException' }],
    ['null', null],
    ['the name alone', 'ConditionalCheckFailedException'],
  ])('is false for %s', (_, error) => {
    expect(isConditionalCheckFailed(error)).toBe(false);
  });
});
