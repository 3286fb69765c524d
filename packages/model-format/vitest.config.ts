import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@scratchnet/model-format',
    include: ['src/**/*.test.ts'],
    // Some tests train or load real MNIST; a busy 2-core CI machine needs more than the 5 s default.
    testTimeout: 60_000,
  },
});
