import { defineConfig } from 'playwright/test';

// Browser tests load the built extension into the system Chromium (see src/cli/chromium.ts), one browser
// per worker. One worker: the machines we run on have two cores, and Chromium wants both.
export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 30_000,
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list'], ['json', { outputFile: '.output/test-results/e2e.json' }]],
  outputDir: '.output/test-results/artifacts',
});
