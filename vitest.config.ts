import { defineConfig } from 'vitest/config';

// Test files run in parallel processes: on the 2-core CI machine vitest's default (cores − 1) runs
// them one at a time, while most end-to-end files spend their time waiting on Chromium, the server
// and LibreOffice. SHENBAO_TEST_WORKERS sets another number.
const workers = Number(process.env.SHENBAO_TEST_WORKERS) || 2;

export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    // expect.poll waits for what a page shows; 1 s (vitest's default) is too short on a busy machine.
    expect: { poll: { timeout: 15_000 } },
    pool: 'forks',
    maxWorkers: workers,
  },
});
