import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    globalSetup: ['@cadastro/local-aws/vitest-setup'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
