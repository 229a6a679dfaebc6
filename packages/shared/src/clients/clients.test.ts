import { describe, expect, it } from 'vitest';
import { documentClient } from './dynamodb.js';
import { eventBridgeClient } from './eventbridge.js';

describe('the clients a function creates at init', () => {
  it('retry a failed call up to 3 attempts', async () => {
    expect(await documentClient.config.maxAttempts()).toBe(3);
    expect(await eventBridgeClient.config.maxAttempts()).toBe(3);
  });

  it('store no undefined attribute', () => {
    expect(documentClient.config.translateConfig?.marshallOptions?.removeUndefinedValues).toBe(true);
  });
});
