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
    // Vitest's default is one fork fewer than the cores, one on CI's two: most files wait on
    // sockets, child clients (kcat, python) and timers, so two forks share two cores well (the whole
    // suite passed this way at load average 10). Tests never depend on wall-clock speed.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
