import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // expect.poll waits for a condition; its 1 s default is too short for a page on a busy machine.
    expect: { poll: { timeout: 30_000 } },
  },
});
