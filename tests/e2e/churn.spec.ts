/**
 * A live page (churn.html) under a storm of DOM changes: the annotator backs off (its rescans, counted
 * from its own reports, stay few), paints only the mentions near the viewport while the page churns,
 * and ends with the right highlights once the page is calm.
 */
import type { Page } from 'playwright/test';
import { expect, tabState, test } from './fixtures';
import { expectPainted, SETTLE_MS, settledState, type Painted } from './lens';

const url = (server: { url: string }, path: string) => new URL(path, server.url).href;

const CALM: Painted = { consistent: ['$1.13 trillion'], disputed: ['$1.27 trillion'], context: ['$1.27 trillion'] };
/** After a storm whose topic line changed, the line's final text is a second reserves figure. */
const AFTER_TOPIC: Painted = { ...CALM, context: ['$1.27 trillion', '$1.27 trillion'] };
const TOP: Painted = { consistent: ['$1.13 trillion'] };
const BOTTOM: Painted = { disputed: ['$1.27 trillion'], context: ['$1.27 trillion'] };

/** Rescans back off under churn (1 s, then 2, 4, 8 s apart): an 8 s storm of topic changes allows about three. */
const MAX_RESCANS_IN_STORM = 4;
const STORM_MS = 8_000;
/** A storm's last rescan can come one longest back-off interval (8 s) after it ends. */
const AFTER_STORM_MS = 8_000 + SETTLE_MS;

type Live = { churn(o: { topic?: boolean; ms?: number }): void; calm(): void };
const churn = (page: Page, topic: boolean, ms: number) => page.evaluate(([t, m]) => (window as unknown as Live).churn({ topic: t, ms: m }), [topic, ms] as const);
const calm = (page: Page) => page.evaluate(() => (window as unknown as Live).calm());

/** The annotator's reports (one a scan) that arrive while `ms` pass. */
async function reportsWithin(page: Page, ms: number): Promise<number> {
  const since = (await tabState(page)).updatedAt;
  const seen = new Set<number>();
  for (const end = Date.now() + ms; Date.now() < end; await page.waitForTimeout(100)) {
    const s = await tabState(page).catch(() => undefined);
    if (s && s.updatedAt > since) seen.add(s.updatedAt);
  }
  return seen.size;
}

test.describe('a page that keeps changing', () => {
  test('irrelevant changes cause no rescan; changing topic text causes a few, and the highlights are right once calm', async ({ page, server }) => {
    await page.goto(url(server, 'churn.html'));
    await expectPainted(page, CALM);
    await settledState(page);

    await churn(page, false, STORM_MS / 2);
    expect(await reportsWithin(page, STORM_MS / 2 + 1_000)).toBe(0);

    await churn(page, true, STORM_MS);
    const rescans = await reportsWithin(page, STORM_MS);
    expect(rescans).toBeGreaterThan(0);
    expect(rescans).toBeLessThanOrEqual(MAX_RESCANS_IN_STORM);
    await calm(page);
    await expectPainted(page, AFTER_TOPIC, AFTER_STORM_MS);
  });

  test('while it churns only the mentions near the viewport are painted; a scroll brings others, calm brings all', async ({ page, server }) => {
    await page.goto(url(server, 'churn.html'));
    await expectPainted(page, CALM);

    await churn(page, false, 60_000);
    await expectPainted(page, TOP);
    await page.evaluate(() => document.getElementById('bottom')!.scrollIntoView({ block: 'center' }));
    await expectPainted(page, BOTTOM);
    await calm(page);
    await expectPainted(page, CALM);
  });
});
