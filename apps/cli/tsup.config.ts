import { defineConfig } from 'tsup';

export default defineConfig({
  // The training worker is its own entry so the CLI can start it from dist/training-worker.js.
  entry: ['src/cli.ts', 'src/training-worker.ts'],
  format: ['esm'],
  sourcemap: true,
  clean: true,
  target: 'node20',
  banner: { js: '#!/usr/bin/env node' },
});
