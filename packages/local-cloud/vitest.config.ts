import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'local-cloud',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
