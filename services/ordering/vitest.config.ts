import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'ordering',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // DynamoDB Local + this service under serverless-offline, started once for the project.
    globalSetup: ['./test/global-setup.ts'],
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT' },
    hookTimeout: 120_000,
    testTimeout: 30_000,
  },
});
