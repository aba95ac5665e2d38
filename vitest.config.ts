import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', '.cache/**', 'data/**'],
    // One real Elasticsearch node for the whole run; each file uses its own index prefix.
    globalSetup: ['tests/support/es-global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // Two cores: more workers than that only adds contention with Elasticsearch and Chromium.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
