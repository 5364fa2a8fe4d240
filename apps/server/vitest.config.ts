import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['@cadastro/local-aws/vitest-setup'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
