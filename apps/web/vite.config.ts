import { defineConfig } from 'vite';
import { crossOriginIsolationHeaders } from './scripts/cross-origin-isolation.ts';
import { mnistAssets } from './scripts/mnist-assets-plugin.ts';

export default defineConfig({
  // Relative asset URLs, so the built app works from any directory of a static host.
  base: './',
  plugins: [mnistAssets()],
  worker: { format: 'es' },
  build: { target: 'es2022' },
  server: { headers: { ...crossOriginIsolationHeaders } },
  preview: { headers: { ...crossOriginIsolationHeaders } },
});
