import { defineProject } from 'vitest/config';

// Deploy checks that need no local cloud: the template validator, and compose packaging and
// deploying from the repository root against local stand-ins for AWS.
export default defineProject({
  test: {
    name: 'serverless-config',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 600_000,
  },
});
