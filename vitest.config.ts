import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds dist/cli and dist/engine first: the CLI tests run the built `tandem`.
    globalSetup: ['test/support/build.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // expect.poll waits for a condition; its 1 s default is too short for a page on a busy machine.
    expect: { poll: { timeout: 30_000 } },
  },
});
