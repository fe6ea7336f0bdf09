import { defineConfig } from 'vitest/config';

// One runner for every layer: pure model and codec tests, wire tests with real clients over
// real sockets, renderer slices and components (happy-dom), and the Playwright e2e specs in
// Debian's Chromium (e2e/*.spec.ts, driven through playwright-core).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'e2e/**/*.spec.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
