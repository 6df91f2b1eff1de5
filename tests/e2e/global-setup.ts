import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Builds the Chrome extension once per run. TL_SKIP_BUILD=1 reuses .output/chrome-mv3 (tests/run.ts or a fast loop). */
export default function globalSetup(): void {
  if (process.env.TL_SKIP_BUILD === '1') return;
  const result = spawnSync(join(ROOT, 'node_modules/.bin/wxt'), ['build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`wxt build failed (exit ${result.status ?? result.signal})`);
}
