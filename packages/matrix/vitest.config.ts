import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@scratchnet/matrix',
    include: ['src/**/*.test.ts'],
  },
});
