import { describe, expect, test } from 'vitest';
import { checkForLateShadowRoots, LATE_SHADOW_CHECKS_MS } from '../../src/page/late-shadow-roots';

/** A clock the test moves by hand: the checks' timers in the order they were set. */
function manualTimers() {
  const queue: { at: number; run: () => void }[] = [];
  let now = 0;
  return {
    set: (run: () => void, ms: number) => void queue.push({ at: now + ms, run }),
    now: () => now,
    /** Runs the next timer; false when none is left. */
    next(): boolean {
      queue.sort((a, b) => a.at - b.at);
      const timer = queue.shift();
      if (!timer) return false;
      now = timer.at;
      timer.run();
      return true;
    },
  };
}

describe('the timed checks for late shadow roots', () => {
  test('run once after each wait of the budget, in turn, and then no more', () => {
    const timers = manualTimers();
    const at: number[] = [];
    checkForLateShadowRoots(timers.set, () => at.push(timers.now()));
    while (timers.next());
    const expected = LATE_SHADOW_CHECKS_MS.map((_, i) => LATE_SHADOW_CHECKS_MS.slice(0, i + 1).reduce((a, b) => a + b, 0));
    expect(at).toEqual(expected);
    // A bounded number, all within the first minute after the start.
    expect(at.at(-1)).toBeLessThanOrEqual(60_000);
  });

  test('stop: no check runs after it', () => {
    const timers = manualTimers();
    let checks = 0;
    const stop = checkForLateShadowRoots(timers.set, () => checks++);
    timers.next();
    stop();
    while (timers.next());
    expect(checks).toBe(1);
  });
});
