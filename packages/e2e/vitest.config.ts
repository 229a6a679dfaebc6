import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'e2e',
    include: ['test/**/*.test.ts'],
    // The whole local cloud, as `pnpm dev` starts it, on free ports.
    globalSetup: ['./test/global-setup.ts'],
    // One file at a time: the 200-checkout load must not skew the journey's latency assertions.
    poolOptions: { forks: { singleFork: true } },
    hookTimeout: 180_000,
    testTimeout: 60_000,
  },
});
