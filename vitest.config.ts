import { defineConfig } from 'vitest/config';

// Unit and integration tests: pure model and codec tests, wire tests with real clients over
// real sockets, renderer slices and components (happy-dom). The browser e2e suite runs under
// Playwright's own runner (playwright.config.ts).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'bench/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
