import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'ordering',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
