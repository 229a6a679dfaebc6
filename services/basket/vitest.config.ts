import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'basket',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // The local cloud (DynamoDB Local, SQS, EventBridge) with product and basket under serverless-offline.
    globalSetup: ['./test/global-setup.ts'],
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT' },
    hookTimeout: 120_000,
    testTimeout: 30_000,
  },
});
