import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Builds the Chrome extension once per run: the e2e build the tests drive (.output/chrome-mv3-e2e) and the
 * store build (.output/chrome-mv3), which store-build.spec.ts checks. TL_SKIP_BUILD=1 reuses both (a fast loop).
 */
export default function globalSetup(): void {
  if (process.env.TL_SKIP_BUILD === '1') return;
  for (const args of [['build', '--mode', 'e2e'], ['build']]) {
    const result = spawnSync(join(ROOT, 'node_modules/.bin/wxt'), args, { cwd: ROOT, stdio: 'inherit' });
    if (result.status !== 0) throw new Error(`wxt ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
  }
}
