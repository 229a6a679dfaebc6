import { defineProject } from 'vitest/config';

// Only the harness's own unit tests: the benchmark itself runs with `pnpm bench`, never in `pnpm test`.
export default defineProject({
  test: {
    name: 'bench',
    include: ['src/**/*.test.ts'],
  },
});
