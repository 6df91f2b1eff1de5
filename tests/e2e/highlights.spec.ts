/**
 * Which text the extension paints, and that painting changes nothing else on the page. Each fixture page
 * in tests/fixtures/pages lists the highlights it expects in a comment at its top; lens.ts holds the same
 * expectations as data.
 */
import type { Page } from 'playwright/test';
import { expect, tabState, test } from './fixtures';
import {
  allHighlights,
  badgeText,
  cardRoot,
  countOf,
  expectPainted,
  hoverMention,
  MENTION_HIGHLIGHTS,
  NEWS_JA,
  ONE_PARAGRAPH,
  SETTLE_MS,
  settledState,
  tabIdOf,
  WIRE_EN,
} from './lens';
import { BEFORE_SNAPSHOT, colouredShare, layoutSnapshot, lineBox, rangesInside, snapshotAtDomContentLoaded, type LayoutSnapshot } from '../support/in-page';

const url = (server: { url: string }, path: string) => new URL(path, server.url).href;

test.describe('highlighted mentions', () => {
  test('wire-en: each mention under its class, China not highlighted; state and badge agree', async ({ page, server, extension }) => {
    await page.goto(url(server, 'wire-en.html'));
    await expectPainted(page, WIRE_EN);

    const state = await settledState(page);
    expect(state.count).toBe(countOf(WIRE_EN));
    // The state may shorten a long sentence ("…") to keep session storage small.
    const listed = (state.mentions ?? []).map((m) => m.text);
    const isListed = (text: string) => listed.some((m) => m === text || (m.endsWith('…') && text.startsWith(m.slice(0, -1))));
    for (const list of Object.values(WIRE_EN)) for (const text of list) expect(isListed(text), text).toBe(true);
    expect(listed).not.toContain('$765.4 billion');
    expect(await badgeText(extension, await tabIdOf(extension, page))).toBe(String(countOf(WIRE_EN)));
  });

  test('news-ja: Japanese figures, the yen conversion and both remark sentences', async ({ page, server }) => {
    await page.goto(url(server, 'news-ja.html'));
    await expectPainted(page, NEWS_JA);
    expect((await settledState(page)).count).toBe(countOf(NEWS_JA));
  });

  test('negative: China, reserves without Treasuries, another Kato, a credit card, a spending bill — nothing', async ({
    page,
    server,
    extension,
  }) => {
    await page.goto(url(server, 'negative.html'));
    const state = await settledState(page);
    // The page names Treasuries, reserves and a Kato, so the detector may well hit; the annotator must then find nothing.
    if (state.hit) expect(state.count).toBe(0);
    expect(await allHighlights(page)).toEqual({});
    expect(await badgeText(extension, await tabIdOf(extension, page))).toBe('');
  });

  test('spa: nothing on the first view; the story is highlighted after a pushState navigation', async ({ page, server }) => {
    await page.goto(url(server, 'spa.html'));
    const first = await tabState(page);
    expect(first.hit).toBe(false);
    expect(await allHighlights(page)).toEqual({});

    await page.click('#open-story');
    await expect(page).toHaveURL(/\/spa\/story$/);
    // The app inserts the story 1 s after the click; the rest is ours.
    await expectPainted(page, WIRE_EN, 1_000 + SETTLE_MS);
  });

  test('rerender: after the framework replaces the article, highlights sit on the new text nodes', async ({ page, server }) => {
    await page.goto(url(server, 'rerender.html'));
    await expectPainted(page, WIRE_EN);
    await page.waitForFunction(() => (window as { rerendered?: boolean }).rerendered === true, undefined, { timeout: SETTLE_MS });

    // Ranges on removed nodes collapse onto the article element: no longer on live text nodes inside it.
    const onLiveNodes = async () => {
      const { ranges, live } = await page.evaluate(rangesInside, { names: MENTION_HIGHLIGHTS, id: 'root' });
      return { ranges, live };
    };
    await expect.poll(onLiveNodes, { timeout: SETTLE_MS }).toEqual({ ranges: countOf(WIRE_EN), live: countOf(WIRE_EN) });
    await expectPainted(page, WIRE_EN);
  });

  test('csp: a strict Content-Security-Policy blocks the page inline code, not our highlights', async ({ page, server }) => {
    await page.goto(url(server, 'csp.html'));
    // The policy is in force: the page's own inline script did not run and its inline style did not apply.
    const pageOwn = await page.evaluate(() => ({
      inlineScriptRan: (window as { inlineScriptRan?: boolean }).inlineScriptRan === true,
      inlineStyleRules: (document.querySelector('head style:not([data-treasury-lens-ui])') as HTMLStyleElement | null)?.sheet?.cssRules.length ?? 0,
    }));
    expect(pageOwn).toEqual({ inlineScriptRan: false, inlineStyleRules: 0 });

    await expectPainted(page, WIRE_EN);
    // Our ::highlight() rules were accepted (a blocked <style> has no rules) ...
    const ourRules = await page.evaluate(
      () => (document.querySelector('style[data-treasury-lens-ui]') as HTMLStyleElement | null)?.sheet?.cssRules.length ?? 0,
    );
    expect(ourRules).toBeGreaterThan(0);
    // ... and actually paint: the highlighted figure has coloured pixels; the page itself is black on white.
    expect(await colourFraction(page, '$1.13 trillion')).toBeGreaterThan(0.2);
  });

  test('editable: only the ordinary paragraph is highlighted; form fields, editable areas and code are not', async ({ page, server }) => {
    await page.goto(url(server, 'editable.html'));
    await expectPainted(page, ONE_PARAGRAPH);
    const { ranges, inside } = await page.evaluate(rangesInside, { names: MENTION_HIGHLIGHTS, id: 'quoted' });
    const outside = ranges - inside;
    expect(outside).toBe(0);

    // The page's fields still behave: typing goes where it should and nothing rewrites the values.
    const textarea = page.locator('#comment');
    const original = await textarea.inputValue();
    await textarea.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Thanks for the explainer.');
    await expect(textarea).toHaveValue(`${original} Thanks for the explainer.`);
    await expect(page.locator('#subject')).toHaveValue(/^Japan held \$1\.13 trillion .* different question\.$/);

    const draft = page.locator('#draft');
    await draft.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Agreed.');
    await expect(draft).toHaveText(/different question\. Agreed\.$/);
    // The editable div changed (a DOM mutation); whatever the annotator rescans, the editable area stays unpainted.
    await expectPainted(page, ONE_PARAGRAPH);
  });

  test('long: a page of 100,000 text nodes gets its one topic paragraph highlighted', async ({ page, server }) => {
    test.setTimeout(60_000);
    await page.goto(url(server, 'long.html'));
    expect(await page.evaluate(() => document.querySelectorAll('#filler p').length)).toBe(25_000);
    await expectPainted(page, ONE_PARAGRAPH);
    const { inside: inTopic } = await page.evaluate(rangesInside, { names: MENTION_HIGHLIGHTS, id: 'topic' });
    expect(inTopic).toBe(countOf(ONE_PARAGRAPH));
  });
});

test.describe('the page is left as it was', () => {
  test('layout, text and DOM unchanged, apart from one <style> and the card host', async ({ page, server }) => {
    // Snapshot the page at DOMContentLoaded: before document_idle, so before the detector and the annotator.
    await page.addInitScript(snapshotAtDomContentLoaded(layoutSnapshot.toString()));
    await page.goto(url(server, 'wire-en.html'));
    await expectPainted(page, WIRE_EN);

    const before = await page.evaluate((key) => (window as unknown as Record<string, LayoutSnapshot>)[key]!, BEFORE_SNAPSHOT);
    expect(before.ours).toEqual({ styles: 0, cards: 0, highlights: 0 });
    const after = await page.evaluate(layoutSnapshot);
    expectSameLayout(after, before);
    expect(after.ours.styles).toBe(1);
    expect(after.ours.cards).toBeLessThanOrEqual(1);

    // An open card floats over the page: still nothing moves.
    await hoverMention(page, 'disputed', '$1.27 trillion');
    await expect(cardRoot(page)).toBeVisible({ timeout: SETTLE_MS });
    const withCard = await page.evaluate(layoutSnapshot);
    expectSameLayout(withCard, before);
    expect(withCard.ours).toMatchObject({ styles: 1, cards: 1 });
  });
});

function expectSameLayout(now: LayoutSnapshot, before: LayoutSnapshot): void {
  expect(now.rects.length).toBe(before.rects.length);
  expect(now.rects).toEqual(before.rects);
  expect(now.body).toBe(before.body);
  expect(now.head).toEqual(before.head);
  expect(now.rootChildren).toEqual(before.rootChildren);
}

/** Share of clearly coloured pixels in the first line box of the consistent-class range `text` (decoded in a blank page). */
async function colourFraction(page: Page, text: string): Promise<number> {
  const box = await page.evaluate(lineBox, { name: 'treasury-lens-consistent', text });
  if (!box) throw new Error(`No consistent highlight ${JSON.stringify(text)}`);
  const png = (await page.screenshot({ clip: box })).toString('base64');
  const scratch = await page.context().newPage();
  try {
    return await scratch.evaluate(colouredShare, png);
  } finally {
    await scratch.close();
  }
}
