// Plain JavaScript: Vitest loads config files without transpiling workspace packages.
import { defineConfig } from 'vitest/config';

/** Vitest settings for packages whose tests talk to DynamoDB Local and moto (one pair per package run). */
export default defineConfig({
  test: {
    globalSetup: ['@cadastro/local-aws/vitest-setup'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The SDK warns on Node 20 about releases after January 2027; the versions pinned here support Node 20.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
