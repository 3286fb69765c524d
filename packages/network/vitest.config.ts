import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@scratchnet/network',
    include: ['src/**/*.test.ts'],
  },
});
