import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'basket',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
