import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.spec.ts'],
    environment: 'node',
    // Specs start real servers on a real store (and some start several processes): on a loaded 2-core CI box a
    // start alone can take seconds. Timeouts only catch hangs here; they are not timing assertions.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
