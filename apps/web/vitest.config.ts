import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: '@scratchnet/web',
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'e2e/**/*.test.ts'],
    environment: 'node',
    // The end-to-end tests start Chromium and load MNIST in the page; the machine may be busy.
    testTimeout: 90_000,
    hookTimeout: 90_000,
  },
});
