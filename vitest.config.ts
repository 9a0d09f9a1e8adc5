import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Every answer of the service a test fetches is checked against the OpenAPI document.
    setupFiles: ['test/support/validate-answers.setup.ts'],
    // The HTTP tests start servers and child processes; keep the default pool but allow them time.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
