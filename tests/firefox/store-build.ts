/**
 * The Firefox store build (.output/firefox-mv3, built by `npm test`'s lint step just before, or by `npm run
 * test:firefox`) holds no trace of what only the e2e build may have: the test route (src/e2e-route.ts)
 * and the open card root (src/page/e2e-hook.ts). The e2e build the other tests drive does hold them, so
 * the strings looked for are the right ones. (tests/e2e/store-build.spec.ts checks the Chrome store build.)
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { E2E_OPEN_PAGE } from '../../src/e2e-route';
import { E2E_HOOK_ATTR } from '../../src/page/e2e-hook';
import { EXTENSION_DIR, STORE_EXTENSION_DIR } from './harness';

/** Every script of a build, as one text. */
function scripts(dir: string): string {
  assert.ok(existsSync(join(dir, 'manifest.json')), `a build in ${dir}`);
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((file) => file.endsWith('.js'))
    .map((file) => readFileSync(join(dir, file), 'utf8'))
    .join('\n');
}

export const storeBuildTests = () =>
  describe('the Firefox store build', () => {
    test('holds no trace of the test route or the e2e hook; the e2e build holds both', () => {
      const e2e = scripts(EXTENSION_DIR);
      const store = scripts(STORE_EXTENSION_DIR);
      // Booleans: a failure should not print a megabyte of minified code.
      for (const trace of [E2E_OPEN_PAGE, E2E_HOOK_ATTR]) {
        assert.equal(e2e.includes(trace), true, `the e2e build carries ${trace}`);
        assert.equal(store.includes(trace), false, `the store build carries ${trace}`);
      }
    });
  });
