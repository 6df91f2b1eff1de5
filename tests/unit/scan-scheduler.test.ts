import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { Lifetime } from '../../src/page/annotator/lifetime';
import { MAX_RESCAN_INTERVAL_MS, MIN_RESCAN_INTERVAL_MS, QUIET_RESET_MS, ScanScheduler } from '../../src/page/annotator/scan';

// Fake timers drive setTimeout and performance.now together, so the scheduler's clock is the test's.
describe('rescans under a stream of DOM changes', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  /** Asks for a rescan every `everyMs` for `forMs`, and returns when each scan ran. */
  async function churn(everyMs: number, forMs: number): Promise<number[]> {
    const ran: number[] = [];
    const life = new Lifetime(globalThis as unknown as Window);
    const scans = new ScanScheduler(life, async () => void ran.push(performance.now()));
    await scans.now();
    for (let t = 0; t < forMs; t += everyMs) {
      scans.soon();
      await vi.advanceTimersByTimeAsync(everyMs);
    }
    life.stop();
    return ran;
  }

  test('back off: the interval doubles while the page keeps changing, up to the cap', async () => {
    const ran = await churn(100, 20_000);
    const gaps = ran.slice(1).map((t, i) => t - ran[i]!);
    expect(gaps[0]).toBeGreaterThanOrEqual(MIN_RESCAN_INTERVAL_MS);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(MAX_RESCAN_INTERVAL_MS + 200);
    // A steady 1-second rhythm would be 20 rescans; backing off leaves a handful.
    expect(ran.length).toBeLessThanOrEqual(7);
  });

  test('a page that went quiet is rescanned at the minimum interval again', async () => {
    const ran: number[] = [];
    const life = new Lifetime(globalThis as unknown as Window);
    const scans = new ScanScheduler(life, async () => void ran.push(performance.now()));
    await scans.now();
    for (let i = 0; i < 30; i++) {
      scans.soon();
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.advanceTimersByTimeAsync(MAX_RESCAN_INTERVAL_MS + QUIET_RESET_MS);
    const before = ran.length;
    scans.soon();
    await vi.advanceTimersByTimeAsync(MIN_RESCAN_INTERVAL_MS);
    expect(ran.length).toBe(before + 1);
    life.stop();
  });
});
