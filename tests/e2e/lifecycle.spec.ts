/**
 * The extension reloaded (an update does the same) or turned off while topic tabs are open. Each test has
 * a browser of its own: reloading the shared one would pull the extension from under the other specs.
 *
 * The old copy's scripts are orphaned (they can no longer reach the extension) but their highlights are
 * still registered in the page. After a reload the background looks at open tabs again (onInstalled), and
 * the new copy clears the old highlights and paints its own; an orphan whose extension is gone for good
 * notices at its next highlight check and takes its highlights with it.
 */
import type { Page } from 'playwright/test';
import { launchWithExtension, type LaunchedExtension } from '../../src/cli/chromium';
import { HIGHLIGHT_CHECK_MS } from '../../src/page/annotator/highlight-guard';
import { EXTENSION_DIR, expect, test } from './fixtures';
import { cardRoot, countOf, expectNothingPainted, expectPainted, hoverMention, MENTION_HIGHLIGHTS, NEWS_JA, SETTLE_MS, settledState, WIRE_EN } from './lens';

/** Keeps the page's current Highlight objects, as the page itself could (the registry is shared with it). */
function keepHighlights(page: Page): Promise<void> {
  return page.evaluate((names) => {
    (window as { kept?: unknown[] }).kept = names.map((n) => CSS.highlights.get(n)).filter(Boolean);
  }, MENTION_HIGHLIGHTS as string[]);
}

/** How many of the kept Highlight objects are still registered. */
function keptStillRegistered(page: Page): Promise<number> {
  return page.evaluate((names) => {
    const kept = (window as { kept?: unknown[] }).kept ?? [];
    return names.filter((n) => kept.includes(CSS.highlights.get(n))).length;
  }, MENTION_HIGHLIGHTS as string[]);
}

async function withBrowser(run: (extension: LaunchedExtension) => Promise<void>): Promise<void> {
  const extension = await launchWithExtension({ extensionDir: EXTENSION_DIR, headless: true });
  try {
    await run(extension);
  } finally {
    await extension.close();
  }
}

type DeveloperPrivate = {
  updateProfileConfiguration(c: { inDeveloperMode: boolean }): Promise<void>;
  reload(id: string, options: { failQuietly: boolean }): Promise<void>;
};
type Management = { setEnabled(id: string, enabled: boolean): Promise<void> };

/**
 * Does on chrome://extensions what the user does there: its Reload button (in developer mode, as for any
 * unpacked extension: without it Chromium leaves a reloaded unpacked extension disabled, "unsupported
 * developer extension"), or the switch that turns the extension off.
 */
async function onExtensionsPage(extension: LaunchedExtension, action: 'reload' | 'turn off'): Promise<void> {
  const page = await extension.context.newPage();
  try {
    await page.goto('chrome://extensions');
    await page.evaluate(
      async ({ id, action }) => {
        const { chrome } = globalThis as unknown as { chrome: { developerPrivate: DeveloperPrivate; management: Management } };
        if (action === 'turn off') return chrome.management.setEnabled(id, false);
        await chrome.developerPrivate.updateProfileConfiguration({ inDeveloperMode: true });
        return chrome.developerPrivate.reload(id, { failQuietly: false });
      },
      { id: extension.extensionId, action },
    );
  } finally {
    await page.close();
  }
}

test('an extension reload with open tabs: the stale highlights are cleared and the open topic tabs annotated again', async ({ server }) => {
  test.setTimeout(90_000);
  await withBrowser(async (extension) => {
    const wire = await extension.context.newPage();
    await wire.goto(new URL('wire-en.html', server.url).href);
    const ja = await extension.context.newPage();
    await ja.goto(new URL('news-ja.html', server.url).href);
    await expectPainted(wire, WIRE_EN);
    await expectPainted(ja, NEWS_JA);
    for (const page of [wire, ja]) await keepHighlights(page);
    expect(await keptStillRegistered(wire)).toBeGreaterThan(0);

    const reloaded = Date.now();
    await onExtensionsPage(extension, 'reload');

    for (const [page, expected] of [[wire, WIRE_EN], [ja, NEWS_JA]] as const) {
      await expect.poll(() => keptStillRegistered(page), { timeout: SETTLE_MS, message: `stale highlights on ${page.url()}` }).toBe(0);
      await expectPainted(page, expected);
      // The new copy reports to the new background: the popup and the badge have the page again.
      expect((await settledState(page, reloaded)).count).toBe(countOf(expected));
    }
    // One copy answers the pointer: one card, from the new copy.
    await wire.bringToFront();
    await hoverMention(wire, 'disputed', '$1.27 trillion');
    await expect(cardRoot(wire)).toBeVisible({ timeout: SETTLE_MS });
    await expect(wire.locator('[data-treasury-lens-card]')).toHaveCount(1);
  });
});

test('an extension turned off with open tabs: its highlights leave at its next highlight check', async ({ server }) => {
  test.setTimeout(60_000);
  await withBrowser(async (extension) => {
    const wire = await extension.context.newPage();
    await wire.goto(new URL('wire-en.html', server.url).href);
    await expectPainted(wire, WIRE_EN);
    // No copy comes back to clean up.
    await onExtensionsPage(extension, 'turn off');
    await expectNothingPainted(wire, HIGHLIGHT_CHECK_MS * 2);
  });
});
