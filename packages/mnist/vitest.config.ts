import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@scratchnet/mnist',
    include: ['src/**/*.test.ts'],
  },
});
