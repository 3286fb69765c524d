import { defineConfig } from 'vitest/config';
export default defineConfig({
  root: '/work/main/apps/cli',
  resolve: { alias: { '@scratchnet/network': '/tmp/shim/network.js' } },
  test: { include: ['src/**/*.test.ts'], testTimeout: 120000, hookTimeout: 300000, server: { deps: { inline: [/@scratchnet\/model-format/] } } },
});
