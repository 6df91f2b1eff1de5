import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit tests run in plain Node with WXT's auto-imports, aliases and a fake `browser` (wxt/testing).
// Browser tests live in tests/e2e and run under Playwright, not here.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/unit/**/*.test.ts'],
  },
});
