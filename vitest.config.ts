import { defineConfig } from 'vitest/config';

// One run over every workspace package, so the whole suite reports a single count.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*'],
  },
});
