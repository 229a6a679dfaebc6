import { describe, expect, it } from 'vitest';
import { AWS_CALL_TIMEOUTS } from '../aws/timeouts.js';
import { documentClient } from './dynamodb.js';
import { eventBridgeClient } from './eventbridge.js';

describe('the clients a function creates at init', () => {
  it('retry a failed call up to 3 attempts', async () => {
    expect(await documentClient.config.maxAttempts()).toBe(3);
    expect(await eventBridgeClient.config.maxAttempts()).toBe(3);
  });

  // The SDK's defaults wait for ever on a silent endpoint; each attempt must give up in time to retry.
  it.each([
    ['DynamoDB', documentClient.config.requestHandler],
    ['EventBridge', eventBridgeClient.config.requestHandler],
  ])('time out each %s attempt (AWS_CALL_TIMEOUTS)', async (_, requestHandler) => {
    // The handler resolves its options lazily; the SDK keeps them in this promise until a first call.
    const options = await (requestHandler as unknown as { configProvider: Promise<unknown> }).configProvider;

    expect(options).toMatchObject(AWS_CALL_TIMEOUTS);
  });

  it('store no undefined attribute', () => {
    expect(documentClient.config.translateConfig?.marshallOptions?.removeUndefinedValues).toBe(true);
  });
});
