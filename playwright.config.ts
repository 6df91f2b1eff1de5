import { defineConfig } from 'playwright/test';

// Browser tests load the built extension into the system Chromium (see src/cli/chromium.ts), one browser
// per worker. One worker: the machines we run on have two cores, and Chromium wants both.
export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  // One retry: on a shared 2-core machine a timing-sensitive spec can lose a race once. A test that fails
  // twice fails; one that passes on its retry is reported as flaky in the summary (tests/run.ts), not hidden.
  retries: 1,
  timeout: 30_000,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list'], ['json', { outputFile: '.output/test-results/e2e.json' }]],
  outputDir: '.output/test-results/artifacts',
});
