/**
 * Which text the extension paints in Firefox, and that painting changes nothing else on the page: the
 * fixture pages and expectations of tests/e2e/highlights.spec.ts (Chromium), in a Firefox content script.
 * Firefox's own cases too: an article in a shadow root (Firefox styles a shadow tree's text by its own
 * rules only) and in a same-origin iframe, and a page that clears CSS.highlights.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'puppeteer-core';
import { countOf, HIGHLIGHT_PREFIX, MENTION_HIGHLIGHTS, NEWS_JA, ONE_PARAGRAPH, SETTLE_MS, WIRE_EN } from '../support/expected';
import { BEFORE_SNAPSHOT, colouredShare, layoutSnapshot, lineBox, rangesInside, snapshotAtDomContentLoaded, type LayoutSnapshot } from '../support/in-page';
import {
  allHighlights,
  badgeText,
  hoverMention,
  inPage,
  openExtensionPage,
  openPage,
  painted,
  settledState,
  tabState,
  until,
  waitForCard,
  type Firefox,
  waitForPainted,
} from './harness';

/** The 100,000-text-node page: building and laying it out alone takes Firefox a few seconds here. */
const LONG_PAGE_MS = 45_000;

/** A highlighted range's first line box in document coordinates (puppeteer's screenshot clip is in those). */
async function documentClip(page: Page, name: string, text: string) {
  const box = await inPage(page, lineBox, { name, text });
  assert.ok(box, `a ${name} range ${JSON.stringify(text)} on screen`);
  const scroll = await page.evaluate(() => ({ x: scrollX, y: scrollY }));
  return { ...box, x: box.x + scroll.x, y: box.y + scroll.y };
}

function expectSameLayout(now: LayoutSnapshot, before: LayoutSnapshot): void {
  assert.equal(now.rects.length, before.rects.length);
  assert.deepEqual(now.rects, before.rects);
  assert.equal(now.body, before.body);
  assert.deepEqual(now.head, before.head);
  assert.deepEqual(now.rootChildren, before.rootChildren);
}

export const highlightTests = (ff: Firefox) => describe('highlighted mentions', () => {

  test('wire-en: every mention painted under its class; state and badge agree', async () => {
    const page = await openPage(ff, 'wire-en.html');
    await waitForPainted(page, WIRE_EN);
    const { page: popup, tabId } = await openExtensionPage(ff, page, 'popup');
    const state = await settledState(popup, tabId!);
    assert.equal(state.count, countOf(WIRE_EN));
    assert.ok(!(state.mentions ?? []).some((m) => m.text === '$765.4 billion'), "China's figure is not listed");
    await until(() => badgeText(popup, tabId!), (text) => text === String(countOf(WIRE_EN)), 'the badge');
    await popup.close();
    await page.close();
  });

  test('news-ja: the Japanese figures, the yen conversion and both remarks', async () => {
    const page = await openPage(ff, 'news-ja.html');
    await waitForPainted(page, NEWS_JA);
    await page.close();
  });

  test('negative: China, reserves without Treasuries, another Kato — nothing painted, no badge', async () => {
    const page = await openPage(ff, 'negative.html');
    const { page: popup, tabId } = await openExtensionPage(ff, page, 'popup');
    const state = await settledState(popup, tabId!);
    // The page names Treasuries, reserves and a Kato, so the detector may well hit; the annotator must then find nothing.
    if (state.hit) assert.equal(state.count, 0);
    assert.deepEqual(await allHighlights(page), {});
    assert.equal(await badgeText(popup, tabId!), '');
    await popup.close();
    await page.close();
  });

  test('a page that clears CSS.highlights gets our highlights back', async () => {
    const page = await openPage(ff, 'wire-en.html');
    await waitForPainted(page, WIRE_EN);
    await page.evaluate(() => CSS.highlights.clear());
    assert.deepEqual(await painted(page), {});
    await waitForPainted(page, WIRE_EN);
    await page.close();
  });

  for (const [file, how] of [
    ['shadow-open.html', 'an open shadow root attached by a script'],
    ['shadow-declarative.html', 'a declarative shadow root'],
  ] as const) {
    test(`an article in ${how}: found, and painted with the shadow root's own style sheet`, async () => {
      const page = await openPage(ff, file);
      await waitForPainted(page, WIRE_EN);
      const clip = await documentClip(page, `${HIGHLIGHT_PREFIX}-consistent`, '$1.13 trillion');
      const shown = await page.screenshot({ clip, encoding: 'base64' });
      await page.evaluate(() => CSS.highlights.clear());
      assert.notEqual(await page.screenshot({ clip, encoding: 'base64' }), shown, 'the highlight shows on screen');
      await page.close();
    });
  }

  test('an article in a same-origin iframe: painted in the frame', async () => {
    const page = await openPage(ff, 'iframe.html');
    const frame = await until(
      async () => page.frames().find((f) => f.url().endsWith('/wire-en.html')),
      Boolean,
      'the frame is there',
    );
    await waitForPainted(frame!, WIRE_EN);
    await page.close();
  });

  test('spa: nothing on the first view; the story is highlighted after a pushState navigation', async () => {
    const page = await openPage(ff, 'spa.html');
    const { page: popup, tabId } = await openExtensionPage(ff, page, 'popup');
    const first = await until(() => tabState(popup, tabId!), (s) => s !== undefined, 'the detector reports');
    assert.equal(first!.hit, false);
    await popup.close();
    await page.bringToFront();
    assert.deepEqual(await allHighlights(page), {});
    await page.click('#open-story');
    await until(() => page.evaluate(() => location.pathname), (path) => path === '/spa/story', 'the app navigates');
    // The app inserts the story 1 s after the click; the rest is ours.
    await waitForPainted(page, WIRE_EN, 1_000 + SETTLE_MS);
    await page.close();
  });

  test('rerender: after the framework replaces the article, highlights sit on the new text nodes', async () => {
    const page = await openPage(ff, 'rerender.html');
    await waitForPainted(page, WIRE_EN);
    await until(() => page.evaluate(() => (window as { rerendered?: boolean }).rerendered === true), Boolean, 'the page re-renders');
    const n = countOf(WIRE_EN);
    await until(() => inPage(page, rangesInside, { names: MENTION_HIGHLIGHTS, id: 'root' }), (r) => r.ranges === n && r.live === n, 'highlights on the live text');
    await waitForPainted(page, WIRE_EN);
    await page.close();
  });

  test('csp: a strict Content-Security-Policy blocks the page inline code, not our highlights', async () => {
    const page = await openPage(ff, 'csp.html');
    // The policy is in force: the page's own inline script did not run and its inline style (a red body) did not apply.
    const pageOwn = await page.evaluate(() => ({
      inlineScriptRan: (window as { inlineScriptRan?: boolean }).inlineScriptRan === true,
      inlineStyleRules: (document.querySelector('head style:not([data-treasury-lens-ui])') as HTMLStyleElement | null)?.sheet?.cssRules.length ?? 0,
      background: getComputedStyle(document.body).backgroundColor,
    }));
    assert.deepEqual(pageOwn, { inlineScriptRan: false, inlineStyleRules: 0, background: 'rgba(0, 0, 0, 0)' });
    await waitForPainted(page, WIRE_EN);
    // Our <style> was not blocked: it has a sheet (whose rules Firefox keeps from the page's scripts, the
    // content script having made it) ...
    assert.equal(await page.evaluate(() => Boolean((document.querySelector('style[data-treasury-lens-ui]') as HTMLStyleElement | null)?.sheet)), true);
    // ... and actually paint: the highlighted figure has coloured pixels; the page itself is black on white.
    const png = await page.screenshot({ clip: await documentClip(page, `${HIGHLIGHT_PREFIX}-consistent`, '$1.13 trillion'), encoding: 'base64' });
    const scratch = await ff.browser.newPage();
    const share = await inPage(scratch, colouredShare, png);
    await scratch.close();
    assert.ok(share > 0.2, `coloured share ${share}`);
    await page.close();
  });

  test('editable: only the ordinary paragraph is highlighted; form fields, editable areas and code are not, and typing works', async () => {
    const page = await openPage(ff, 'editable.html');
    await waitForPainted(page, ONE_PARAGRAPH);
    const { ranges, inside } = await inPage(page, rangesInside, { names: MENTION_HIGHLIGHTS, id: 'quoted' });
    assert.equal(ranges - inside, 0, 'no range outside p#quoted');

    const endOf = async (selector: string) => {
      await page.click(selector);
      await page.keyboard.down('Control');
      await page.keyboard.press('End');
      await page.keyboard.up('Control');
    };
    const original = await page.$eval('#comment', (t) => (t as HTMLTextAreaElement).value);
    await endOf('#comment');
    await page.keyboard.type(' Thanks for the explainer.');
    assert.equal(await page.$eval('#comment', (t) => (t as HTMLTextAreaElement).value), `${original} Thanks for the explainer.`);
    assert.match(await page.$eval('#subject', (i) => (i as HTMLInputElement).value), /^Japan held \$1\.13 trillion .* different question\.$/);

    await endOf('#draft');
    await page.keyboard.type(' Agreed.');
    assert.match(await page.$eval('#draft', (d) => d.textContent ?? ''), /different question\. Agreed\.$/);
    // The editable div changed (a DOM mutation); whatever the annotator rescans, the editable area stays unpainted.
    await waitForPainted(page, ONE_PARAGRAPH);
    await page.close();
  });

  test('long: a page of 100,000 text nodes gets its one topic paragraph highlighted', { timeout: LONG_PAGE_MS + SETTLE_MS }, async () => {
    const page = await ff.browser.newPage();
    await page.goto(new URL('long.html', ff.server.url).href, { timeout: LONG_PAGE_MS });
    assert.equal(await page.evaluate(() => document.querySelectorAll('#filler p').length), 25_000);
    await waitForPainted(page, ONE_PARAGRAPH, LONG_PAGE_MS);
    const { inside } = await inPage(page, rangesInside, { names: MENTION_HIGHLIGHTS, id: 'topic' });
    assert.equal(inside, countOf(ONE_PARAGRAPH));
    await page.close();
  });

  test('layout, text and DOM unchanged, apart from one <style> and the card host; an open card moves nothing', async () => {
    const page = await ff.browser.newPage();
    // Snapshot the page at DOMContentLoaded: before document_idle, so before the detector and the annotator.
    await page.evaluateOnNewDocument(`const __name = (f) => f; ${snapshotAtDomContentLoaded(layoutSnapshot.toString())}`);
    await page.goto(new URL('wire-en.html', ff.server.url).href);
    await waitForPainted(page, WIRE_EN);

    const before = await page.evaluate((key: string) => (window as unknown as Record<string, LayoutSnapshot>)[key]!, BEFORE_SNAPSHOT);
    assert.deepEqual(before.ours, { styles: 0, cards: 0, highlights: 0 });
    const after = await inPage(page, layoutSnapshot);
    expectSameLayout(after, before);
    assert.equal(after.ours.styles, 1);
    assert.ok(after.ours.cards <= 1);

    await hoverMention(page, 'disputed', '$1.27 trillion');
    await waitForCard(page, true);
    const withCard = await inPage(page, layoutSnapshot);
    expectSameLayout(withCard, before);
    assert.deepEqual({ styles: withCard.ours.styles, cards: withCard.ours.cards }, { styles: 1, cards: 1 });
    await page.close();
  });
});
