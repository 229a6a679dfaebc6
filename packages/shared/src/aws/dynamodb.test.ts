import { createServer } from 'node:net';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
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

describe('createDocumentClient against an endpoint that stops answering', () => {
  it('gives up on each attempt after 2 s with a TimeoutError, instead of waiting for ever', async () => {
    // Accepts connections and never answers: DynamoDB frozen.
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const client = createDocumentClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
      maxAttempts: 1,
    });
    const started = Date.now();

    const error = await client
      .send(new GetCommand({ TableName: 't', Key: { id: '1' } }))
      .catch((e: Error) => e);

    expect((error as Error).name).toBe('TimeoutError');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    expect(Date.now() - started).toBeLessThan(4000);
    client.destroy();
    silent.close();
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
    ['undefined', undefined],
    ['the name alone', 'ConditionalCheckFailedException'],
  ])('is false for %s', (_, error) => {
    expect(isConditionalCheckFailed(error)).toBe(false);
  });
});
