/**
 * The popup, opened as `popup.html?tab=N` for an article fixture's tab: what the page says (counts by
 * class with the legend, each mention with its verdict in its accessible name, "Show"), the omitted
 * clarification, the episode's timeline from data/events.json, the controls (the global switch's
 * accessible state, fact-checker mode), a bad stored setting, the exports, and screenshots in English
 * and Japanese, light and dark (.output/test-results/screenshots).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright/test';
import type { LaunchedExtension } from '../../src/cli/chromium';
import type { TabState } from '../../src/messages';
import { expect, test } from './fixtures';
import { resetStored, SCREENSHOTS, setStored } from './stored';
import { cardRoot, countOf, expectPainted, openPopupFor, ONE_PARAGRAPH, settledState, WIRE_EN, NEWS_JA, type Painted } from './lens';

async function ready(popup: Page): Promise<void> {
  await expect(popup.locator('html[data-ready="1"]')).toHaveCount(1);
}

/** Opens `file` in `page`, waits until it paints `expected` and both reports are in, then runs `body` with the popup for its tab. */
async function withPopup(
  { page, server, extension }: { page: Page; server: { url: string }; extension: LaunchedExtension },
  file: string,
  expected: Painted,
  body: (popup: Page, state: TabState) => Promise<void>,
  before?: () => Promise<unknown>,
): Promise<void> {
  await page.goto(new URL(file, server.url).href);
  await expectPainted(page, expected);
  const state = await settledState(page);
  await before?.();
  const popup = await openPopupFor(extension, page);
  try {
    await ready(popup);
    await body(popup, state);
  } finally {
    await popup.close();
  }
}

type Event = { id: string; date: string; inSummary: boolean; title: { en: string; ja: string } };
const events = JSON.parse(readFileSync(join(process.cwd(), 'data/events.json'), 'utf8')) as { events: Event[] };
const TIMELINE = events.events.filter((e) => e.inSummary).sort((a, b) => a.date.localeCompare(b.date));

test.afterEach(async ({ extension }) => {
  await resetStored(extension);
});

test('the page at a glance: counts by class with the legend, each mention with its verdict, and the timeline from the data', async ({ page, server, extension }) => {
  await withPopup({ page, server, extension }, 'wire-en.html', WIRE_EN, async (popup) => {
    await expect(popup.locator('#status')).toHaveText(`${countOf(WIRE_EN)} mentions highlighted.`);
    for (const [cls, texts] of Object.entries(WIRE_EN) as [keyof Painted, string[]][]) {
      await expect(popup.locator(`#counts li[data-class="${cls}"] b`)).toHaveText(String(texts.length));
      await expect(popup.locator(`#mentions li[data-class="${cls}"]`)).toHaveCount(texts.length);
    }
    // The legend swatch is painted as the page paints that class: the disputed figure's wavy underline.
    await expect(popup.locator('#counts li[data-class="disputed"] .sw')).toHaveCSS('text-decoration-style', 'wavy');
    await expect(popup.locator('#counts li[data-class="consistent"] .sw')).toHaveCSS('text-decoration-style', 'solid');

    // The mention in its sentence, shortened around it; the verdict in words and in the button's name.
    const reserves = popup.locator('#mentions li[data-class="disputed"]');
    await expect(reserves.locator('mark')).toHaveText('$1.27 trillion');
    await expect(reserves.locator('.quote')).toContainText('$1.27 trillion');
    expect((await reserves.locator('.quote').textContent())!.length).toBeGreaterThan('$1.27 trillion'.length + 20);
    const verdict = (await reserves.locator('.verdict strong').textContent())!;
    expect(verdict.length).toBeGreaterThan(3);
    await expect(reserves.getByRole('button', { name: new RegExp(`^Show: ${verdict.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.`) })).toHaveCount(1);
    await expect(popup.locator('#mentions li[data-class="consistent"] .verdict')).toContainText('Official:');
    // wire-en reports the remark and the clarification: nothing is said to be missing.
    await expect(popup.locator('#omits')).toBeHidden();

    // The timeline is the data's, with localised dates and the remark and clarification side by side.
    const titles = popup.locator('#timeline .event-title');
    await expect(titles).toHaveText(TIMELINE.map((e) => e.title.en));
    await expect(popup.locator('#timeline time').first()).toHaveText('9 Apr 2025');
    await expect(popup.locator('#timeline li.pair > details')).toHaveCount(2);
    const remark = popup.locator('details[data-event="2025-05-02-tv-tokyo-card-remark"]');
    await remark.locator(':scope > summary').click();
    await expect(remark.locator('blockquote').first()).toBeVisible();
    await expect(remark.locator('.sources a').first()).toHaveAttribute('href', /^https:\/\//);
    await remark.locator('details.originals > summary').click();
    await expect(remark.locator('details.originals blockquote[lang="ja"]').first()).toBeVisible();
  });
});

test('the chart: Japan, China and the reserves as three lines, the page\'s figures marked, a month by keyboard with its source, and the table behind it', async ({ page, server, extension }) => {
  await withPopup({ page, server, extension }, 'wire-en.html', WIRE_EN, async (popup) => {
    const chart = popup.locator('#chart svg');
    await expect(chart.locator('polyline')).toHaveCount(3);
    await expect(chart).toHaveAttribute('aria-label', /Treasury holdings and Japan’s total reserves/);
    // wire-en's figures ($1.13 trillion, $1.27 trillion twice) are marked where the page has them.
    await expect(chart.locator('.claim')).toHaveCount(3);
    await chart.focus();
    await popup.keyboard.press('Home');
    await expect(chart).toHaveAttribute('data-month', '2024-01');
    await popup.keyboard.press('ArrowRight');
    await expect(chart).toHaveAttribute('data-month', '2024-02');
    await expect(popup.locator('.chart-readout')).toContainText(/^end-February 2024: .*Japan’s Treasuries \(TIC\) \$[\d,.]+ billion.*Sources: .*U\.S\. Department of the Treasury/);
    // The point of the chart: $1.27 trillion is the reserves line, not the holdings line.
    await popup.locator('.chart-table summary').click();
    const march = popup.locator('.chart-table tbody tr', { has: popup.locator('th', { hasText: /^Mar 2025$/ }) });
    await expect(march.locator('td')).toHaveText(['$1,272.5 billion', '$1,130.8 billion', /^\$\d{3}\.\d billion$/]);
  });
});

test('a page that reports the remark but not the clarification: the popup says so, from the data', async ({ page, server, extension }) => {
  await withPopup({ page, server, extension }, 'editable.html', ONE_PARAGRAPH, async (popup) => {
    await expect(popup.locator('#omits')).toBeVisible();
    await expect(popup.locator('#omits')).toContainText('4 May');
  });
});

test('popup.html?tab=N shows tab N, whichever tab is in front', async ({ page, server, extension }) => {
  await page.goto(new URL('wire-en.html', server.url).href);
  await expectPainted(page, WIRE_EN);
  const other = await page.context().newPage();
  try {
    await other.goto(new URL('news-ja.html', server.url).href);
    await expectPainted(other, NEWS_JA);
    await settledState(page);
    await settledState(other);
    const popup = await openPopupFor(extension, page);
    const popupJa = await openPopupFor(extension, other);
    try {
      await ready(popup);
      await ready(popupJa);
      await expect(popup.locator('#mentions mark')).toContainText(['$1.13 trillion']);
      await expect(popupJa.locator('#mentions li')).toHaveCount(countOf(NEWS_JA));
      await expect(popupJa.locator('#mentions mark', { hasText: '1兆1259億ドル' })).toHaveCount(1);
    } finally {
      await popup.close();
      await popupJa.close();
    }
  } finally {
    await other.close();
  }
});

test('"Show" scrolls to the mention and opens its card', async ({ page, server, extension }) => {
  await withPopup({ page, server, extension }, 'long.html', ONE_PARAGRAPH, async (popup) => {
    await popup.locator('#mentions li[data-class="consistent"] button[data-action="show"]').click();
    await page.bringToFront();
    await expect(cardRoot(page)).toBeVisible();
    const inView = await page.evaluate(() => {
      const h = CSS.highlights.get('treasury-lens-focus');
      const r = h ? ([...h][0] as Range).getBoundingClientRect() : undefined;
      return r ? r.top >= 0 && r.bottom <= innerHeight : false;
    });
    expect(inView).toBe(true);
  }, async () => page.evaluate(() => window.scrollTo(0, 0)));
});

test('the highlights switch says its state (aria-checked), and fact-checker mode leaves consistent figures out', async ({ page, server, extension }) => {
  await withPopup({ page, server, extension }, 'wire-en.html', WIRE_EN, async (popup) => {
    const toggle = popup.getByRole('switch', { name: 'Highlights on every site' });
    await expect(toggle).toHaveAttribute('aria-checked', 'true');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-checked', 'false');
    await expectPainted(page, {});
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-checked', 'true');
    await expectPainted(page, WIRE_EN);

    await popup.getByLabel('Only show problems').check();
    const { consistent: _, ...problems } = WIRE_EN;
    await expectPainted(page, problems);
    await expect(popup.locator('#mentions li[data-class="consistent"]')).toHaveCount(0);
    await expect(popup.locator('#hidden-note')).toBeVisible();
    // It persists: after a reload the page paints only the problems.
    const reloadedAt = Date.now();
    await page.reload();
    await settledState(page, reloadedAt);
    await expectPainted(page, problems);
    await popup.getByLabel('Only show problems').uncheck();
    await expectPainted(page, WIRE_EN);
  });
});

test('corrupted stored settings give a notice naming them, the valid ones are kept, and nothing breaks', async ({ page, server, extension }) => {
  await setStored(extension, { cardOpenMode: 42, uiLanguage: { lang: 'ja' }, onlyProblems: true, disabledSites: ['Example.com', 7, null] });
  // The valid onlyProblems is kept: the page paints only the problems.
  const { consistent: _, ...problems } = WIRE_EN;
  await withPopup({ page, server, extension }, 'wire-en.html', problems, async (popup) => {
    const notice = popup.locator('#settings-notice');
    await expect(notice).toBeVisible();
    await expect(notice.locator('li')).toHaveText(['Sites turned off: 2 entries that are not sites left out, the rest kept', 'Cards open: the default', 'Language: the default']);
    await expect(popup.locator('#open-mode')).toHaveValue('hover');
    await expect(popup.getByLabel('Only show problems')).toBeChecked();
    await notice.getByRole('button').click();
    await expect(notice).toBeHidden();
  });
});

test('each export holds the page: Web Annotation, ClaimReview, CSV and Markdown', async ({ page, server, extension }) => {
  await withPopup({ page, server, extension }, 'wire-en.html', WIRE_EN, async (popup, state) => {
    const download = async (format: string) => {
      await popup.locator('#export-format').selectOption(format);
      const [file] = await Promise.all([popup.waitForEvent('download'), popup.locator('#export-download').click()]);
      return readFileSync((await file.path())!, 'utf8');
    };
    const anno = JSON.parse(await download('webannotation'));
    expect(anno['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    expect(anno.first.items).toHaveLength(state.mentions!.length);
    for (const item of anno.first.items) {
      expect(item.target.source).toBe(page.url());
      const quote = item.target.selector.find((s: { type: string }) => s.type === 'TextQuoteSelector');
      // Re-anchors in the page: prefix + exact + suffix is in the page's text (whitespace squashed).
      const found = await page.evaluate((q) => (document.body.textContent ?? '').replace(/\s+/g, ' ').includes(q.prefix + q.exact + q.suffix), quote);
      expect(found, quote.exact).toBe(true);
    }
    const reviews = JSON.parse(await download('claimreview'));
    expect(reviews['@graph'].map((r: { claimReviewed: string }) => r.claimReviewed).join(' ')).toContain('$1.27 trillion');
    for (const r of reviews['@graph']) expect(r.itemReviewed.appearance.url).toBe(page.url());
    const csv = await download('csv');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(state.mentions!.length + 1);
    const md = await download('markdown');
    expect(md).toContain('1. “');
    expect(md).toContain('$1.27 trillion');
  });
});

test('"Change keyboard shortcuts" opens the browser\'s shortcut settings', async ({ page, server, extension }) => {
  await withPopup({ page, server, extension }, 'wire-en.html', WIRE_EN, async (popup) => {
    const [settings] = await Promise.all([page.context().waitForEvent('page'), popup.getByRole('button', { name: 'Change keyboard shortcuts' }).click()]);
    await expect.poll(() => settings.url()).toBe('chrome://extensions/shortcuts');
    await expect(popup.locator('#shortcuts-where')).toBeHidden();
    await settings.close();
  });
});

for (const lang of ['en', 'ja'] as const) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`screenshot: the popup in ${lang === 'en' ? 'English' : 'Japanese'}, ${scheme}`, async ({ page, server, extension }) => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await setStored(extension, { uiLanguage: lang });
      await page.goto(new URL(lang === 'en' ? 'wire-en.html' : 'news-ja.html', server.url).href);
      await expectPainted(page, lang === 'en' ? WIRE_EN : NEWS_JA);
      await settledState(page);
      const popup = await openPopupFor(extension, page);
      try {
        await popup.emulateMedia({ colorScheme: scheme });
        await popup.setViewportSize({ width: 400, height: 600 });
        await ready(popup);
        await expect(popup.locator('html')).toHaveAttribute('lang', lang);
        await popup.locator('details[data-event="2025-05-04-milan-clarification"] > summary').click();
        await popup.screenshot({ path: join(SCREENSHOTS, `popup-${lang}-${scheme}.png`), fullPage: true });
        await popup.locator('#chart svg').hover({ position: { x: 250, y: 60 } });
        await popup.locator('#chart').screenshot({ path: join(SCREENSHOTS, `popup-chart-${lang}-${scheme}.png`) });
        // The per-mention actions, with one mention hidden as "not about this".
        await popup.locator('#mentions li[data-class="context"] [data-action="not-about"]').click();
        await expect(popup.locator('#dismissed li')).toHaveCount(1);
        await popup.locator('section').first().screenshot({ path: join(SCREENSHOTS, `popup-actions-${lang}-${scheme}.png`) });
      } finally {
        await popup.close();
      }
    });
  }
}
