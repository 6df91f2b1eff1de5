/**
 * What held when the page is hostile, kept as tests: markup in the page's text stays text in the card and
 * the popup; the page's own replacements of built-in prototypes do not reach our scripts (they run in
 * their own world); Trusted Types enforced by the page leave the highlights and the card working; and no
 * request leaves the extension (every request of the page, the popup and the service worker is recorded
 * over the Chrome DevTools Protocol).
 */
import type { CDPSession, Page, Worker } from 'playwright/test';
import { expect, test } from './fixtures';
import { cardPart, cardRoot, expectPainted, hoverMention, MENTION_CLASSES, openDetails, openPopupFor, SETTLE_MS, tabIdOf, WIRE_EN } from './lens';

const url = (server: { url: string }, path: string) => new URL(path, server.url).href;

/** Elements the card and the popup never make: any of them there means page text was parsed as markup. */
const FOREIGN = 'img, script, iframe, object, embed, svg image, [onerror], [onload]';

/** payloads.html's remark sentence, markup and all; its quoted words (not in the record) are shown in its card. */
const REMARK = 'In a TV Tokyo interview on May 2, Finance Minister Katsunobu Kato said <script>window.pwned=1</script> Japan\'s Treasury holdings were "<img src=x onerror=window.pwned=1> a weapon we will fire at Washington" in the negotiations.';
const QUOTED = '<img src=x onerror=window.pwned=1> a weapon we will fire at Washington';

const pwned = (page: Page) => page.evaluate(() => (window as { pwned?: unknown }).pwned);

test('markup in the page text stays text: in the card, its details and the popup nothing runs or is made of it', async ({ page, server, extension }) => {
  await page.goto(url(server, 'payloads.html'));
  await expectPainted(page, {
    disputed: ['$1.27 trillion'],
    remark: [REMARK],
  });
  for (const [cls, text] of [
    ['disputed', '$1.27 trillion'],
    ['remark', REMARK],
  ] as const) {
    await page.mouse.move(2, 2);
    await hoverMention(page, cls, text);
    await expect(cardRoot(page)).toBeVisible({ timeout: SETTLE_MS });
    await openDetails(page);
    await expect(cardRoot(page).locator(FOREIGN)).toHaveCount(0);
    if (cls === 'remark') await expect(cardRoot(page)).toContainText(QUOTED);
    await page.keyboard.press('Escape');
  }
  expect(await pwned(page)).toBeUndefined();

  const popup = await openPopupFor(extension, page);
  try {
    const list = popup.locator('#mentions');
    await expect(list).toContainText('<img src=x onerror="window.pwned=1">', { timeout: SETTLE_MS });
    await expect(list).toContainText('<script>window.pwned=1</script>');
    await expect(list.locator(FOREIGN)).toHaveCount(0);
    expect(await pwned(popup)).toBeUndefined();
  } finally {
    await popup.close();
  }
});

type Scripting = {
  scripting: { executeScript<A, R>(o: { target: { tabId: number }; world: 'ISOLATED'; func: (arg: A) => R; args: [A] }): Promise<{ result?: R }[]> };
};

/**
 * The highlights' texts, and the centre of the disputed figure's line box, read in the extension's own
 * world (a page with Array.prototype.push replaced breaks Playwright's page.evaluate, which serialises
 * results with it; the extension's world has its own prototypes).
 */
function readInOurWorld(worker: Worker, tabId: number): Promise<{ painted: Record<string, string[]>; point?: { x: number; y: number } }> {
  return worker.evaluate(async (id) => {
    const { chrome } = globalThis as unknown as { chrome: Scripting };
    const [frame] = await chrome.scripting.executeScript({
      target: { tabId: id },
      world: 'ISOLATED',
      args: ['treasury-lens-'],
      func: (prefix: string) => {
        const painted: Record<string, string[]> = {};
        CSS.highlights.forEach((highlight, name) => {
          if (name.startsWith(prefix) && highlight.size) painted[name.slice(prefix.length)] = [...highlight].map((r) => (r as Range).toString()).sort();
        });
        const range = [...(CSS.highlights.get(`${prefix}disputed`) ?? [])][0] as Range | undefined;
        range?.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'instant' });
        const box = range?.getClientRects()[0];
        return { painted, ...(box ? { point: { x: box.left + box.width / 2, y: box.top + box.height / 2 } } : {}) };
      },
    });
    return frame!.result!;
  }, tabId);
}

test("the page's replacements of built-in prototypes (Range, Document, Node.textContent, CharacterData.data, Array.push, JSON) do not reach our scripts", async ({ page, server, extension }) => {
  await page.addInitScript(() => {
    const hits: string[] = ((window as { hits?: string[] }).hits = []);
    const hit = (name: string) => void (hits[hits.length] = name);
    const garbage = (proto: object, name: string) => {
      Object.defineProperty(proto, name, {
        configurable: true,
        value() {
          hit(name);
          throw new Error(`the page replaced ${name}`);
        },
      });
    };
    for (const name of ['setStart', 'setEnd', 'selectNodeContents', 'getBoundingClientRect']) garbage(Range.prototype, name);
    for (const name of ['createTreeWalker', 'createRange', 'createElement']) garbage(Document.prototype, name);
    garbage(Element.prototype, 'attachShadow');
    garbage(JSON, 'stringify');
    Object.defineProperty(Node.prototype, 'textContent', { configurable: true, get: () => (hit('textContent'), 'Nothing to see here') });
    Object.defineProperty(CharacterData.prototype, 'data', { configurable: true, get: () => (hit('data'), 'Nothing to see here') });
    // Pushes nothing: an array of ours filled through it would stay empty (no highlights, no card).
    Array.prototype.push = function (this: unknown[]) {
      return this.length;
    };
  });
  await page.goto(url(server, 'wire-en.html'));
  const tabId = await tabIdOf(extension, page);
  const worker = await extension.worker();
  const expected = Object.fromEntries(Object.entries(WIRE_EN).map(([cls, texts]) => [cls, [...texts].sort()]));
  const mentions = async () => {
    const { painted } = await readInOurWorld(worker, tabId);
    return Object.fromEntries(Object.entries(painted).filter(([cls]) => (MENTION_CLASSES as readonly string[]).includes(cls)));
  };
  await expect.poll(mentions, { timeout: SETTLE_MS }).toEqual(expected);
  const { point } = await readInOurWorld(worker, tabId);
  await page.mouse.move(2, 2);
  await page.mouse.move(point!.x, point!.y, { steps: 5 });
  await expect(cardRoot(page)).toBeVisible({ timeout: SETTLE_MS });
  await expect(cardPart(page, 'verdict')).toContainText(/reserve/i);
  await cardPart(page, 'details').locator('summary').first().click();
  await expect(cardPart(page, 'sources')).toBeVisible();
  // A string comes back through Playwright's serialiser without a push.
  expect(await page.evaluate(() => (window as { hits?: string[] }).hits!.join(' '))).toBe('');
});

/** Trusted Types enforced, and no policy may be made: any string given to innerHTML (the page's or ours) throws. */
const TRUSTED_TYPES_POLICY = "require-trusted-types-for 'script'; trusted-types 'none'";

test('a page that enforces Trusted Types (no policy allowed): highlights and the card work', async ({ page, server }) => {
  const article = url(server, 'wire-en.html');
  // wire-en.html, served with the policy.
  await page.route(article, async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': TRUSTED_TYPES_POLICY } });
  });
  await page.goto(article);
  const enforced = await page.evaluate(() => {
    try {
      document.createElement('div').innerHTML = '<b>x</b>';
      return false;
    } catch (error) {
      return error instanceof TypeError;
    }
  });
  expect(enforced).toBe(true);
  await expectPainted(page, WIRE_EN);
  await hoverMention(page, 'disputed', '$1.27 trillion');
  await expect(cardRoot(page)).toBeVisible({ timeout: SETTLE_MS });
  await expect(cardPart(page, 'verdict')).toContainText(/reserve/i);
  await openDetails(page);
  await expect(cardPart(page, 'sources')).toBeVisible();
});

type TargetInfo = { targetId: string; type: string; url: string };

/**
 * Records the URL of every request the extension's service worker makes: a DevTools session on it,
 * reached through the page's (the service worker is a target of its own, which Playwright's
 * newCDPSession does not take), with its messages relayed by the Target domain.
 */
async function recordWorkerRequests(cdp: CDPSession, extensionId: string, into: string[]): Promise<void> {
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
  const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${extensionId}/`));
  if (!worker) throw new Error('no service worker target for the extension');
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false })) as { sessionId: string };
  cdp.on('Target.receivedMessageFromTarget', (event: { sessionId: string; message: string }) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message) as { method?: string; params?: { request?: { url: string } } };
    if (message.method === 'Network.requestWillBeSent' && message.params?.request) into.push(message.params.request.url);
  });
  await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method: 'Network.enable', params: {} }) });
}

/** Records the URL of every request a page (the article, the popup) makes, its content scripts' included. */
async function recordPageRequests(cdp: CDPSession, into: string[]): Promise<void> {
  cdp.on('Network.requestWillBeSent', (event: { request: { url: string } }) => into.push(event.request.url));
  await cdp.send('Network.enable');
}

test('no request leaves the extension: the page, its card, the popup and the service worker ask only for the page itself and our own files', async ({ page, server, extension }) => {
  const requests: string[] = [];
  const context = page.context();
  const cdp = await context.newCDPSession(page);
  await recordWorkerRequests(cdp, extension.extensionId, requests);
  await recordPageRequests(cdp, requests);
  await page.goto(url(server, 'wire-en.html'));
  await expectPainted(page, WIRE_EN);
  await hoverMention(page, 'remark', "In a TV Tokyo interview on May 2, Finance Minister Katsunobu Kato said Japan's Treasury holdings could be among such cards in the negotiations, though whether to actually use that card was a different question.");
  await expect(cardRoot(page)).toBeVisible({ timeout: SETTLE_MS });
  await openDetails(page);
  const popup = await context.newPage();
  await recordPageRequests(await context.newCDPSession(popup), requests);
  await popup.goto(`chrome-extension://${extension.extensionId}/popup.html`);
  await expect(popup.locator('h1')).toHaveText('Treasury Lens');
  await popup.close();
  // Nothing held back for later (an idle beacon, a timer).
  await page.waitForTimeout(1_000);
  // The recorder hears the service worker: a request the test makes it send is on the list.
  const probe = url(server, 'recorder-probe');
  await (await extension.worker()).evaluate((u) => fetch(u).then(() => undefined, () => undefined), probe);
  await expect.poll(() => requests.includes(probe), { timeout: SETTLE_MS }).toBe(true);
  const ours = [server.url, `chrome-extension://${extension.extensionId}/`];
  expect(requests.filter((r) => r !== probe && !ours.some((prefix) => r.startsWith(prefix)))).toEqual([]);
  expect(requests.filter((r) => r.startsWith(server.url)).length).toBeGreaterThan(0);
});
