import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@scratchnet/model-format',
    include: ['src/**/*.test.ts'],
  },
});
