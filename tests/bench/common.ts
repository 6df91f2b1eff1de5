/** What the benchmark's drivers share: waits and budgets, the served pages, the storm's report watcher. */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../../src/cli/serve';
import { PAGES_DIR } from './pages';

/** The detector's look is done within this long after a load on the bench pages (idle time, a few slices). */
export const DETECTOR_SETTLE_MS = 1_500;
/** How long to wait for a report from the detector or the annotator before giving up on a load. */
export const REPORT_TIMEOUT_MS = 60_000;
/** The annotator may rescan after late DOM changes: its report counts once no new one came for this long. */
export const QUIET_MS = 1_000;
export const POLL_MS = 100;
/** The mutation storm: 1,000 changes a second for 10 s (issue 12). */
export const STORM = { perSecond: 1_000, seconds: 10 };
/** The storm's trailing rescan comes within MIN_RESCAN_INTERVAL_MS (1 s) after the last change. */
export const STORM_TAIL_MS = 1_500;
/** How often the annotator's reports are read during the storm (its rescans are ≥ 1 s apart). */
const STORM_POLL_MS = 250;

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Reads the annotator's last report (its time and its own ms) every STORM_POLL_MS until `stop`, which
 * returns the reports that came after the watch began: the rescans the storm caused.
 */
export function watchReports(read: () => Promise<{ at: number; ms: number } | undefined>): { stop: () => Promise<number[]> } {
  const startedAt = Date.now();
  const reports = new Map<number, number>();
  let watching = true;
  const loop = (async () => {
    while (watching) {
      const r = await read().catch(() => undefined);
      if (r) reports.set(r.at, r.ms);
      await sleep(STORM_POLL_MS);
    }
  })();
  return {
    stop: async () => {
      watching = false;
      await loop;
      return [...reports].filter(([at]) => at >= startedAt).map(([, ms]) => ms);
    },
  };
}

/** Serves fixture files as they are and generated pages, from a temporary folder removed on close. */
export async function servePages(copied: readonly string[], generated: Record<string, string>): Promise<{ url: string; dir: string; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'treasury-lens-bench-'));
  for (const file of copied) copyFileSync(join(PAGES_DIR, file), join(dir, file));
  for (const [file, html] of Object.entries(generated)) writeFileSync(join(dir, file), html);
  const server = await serve({ root: dir });
  return {
    url: server.url,
    dir,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs a command-line entry point: a failure prints its stack and sets the exit code. */
export function runCli(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  });
}
