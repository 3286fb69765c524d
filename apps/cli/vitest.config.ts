import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@scratchnet/cli',
    include: ['src/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
