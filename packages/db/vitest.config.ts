import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['@cadastro/local-aws/vitest-setup'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
