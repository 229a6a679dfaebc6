import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'shared',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    env: { POWERTOOLS_LOG_LEVEL: 'SILENT' },
  },
});
