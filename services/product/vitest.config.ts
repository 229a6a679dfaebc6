import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'product',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
