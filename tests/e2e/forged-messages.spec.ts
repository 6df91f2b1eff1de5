/**
 * A content script cannot act on another tab. The popup's commands (`popup:show`, `popup:command`) carry
 * the tab they are for; sent from tab A's content-script world (what a page that found a way into it could
 * send), they must do nothing to tab B, nor to the settings every tab shares. The same message from the
 * popup works: the test would see it if it did.
 */
import type { Worker } from 'playwright/test';
import { expect, test } from './fixtures';
import { cardRoot, expectPainted, SETTLE_MS, settledState, tabIdOf, WIRE_EN } from './lens';
import { resetStored } from './stored';

/** Long enough for a forged message to have reached tab B and opened a card or turned highlights off. */
const LINGER_MS = 2_000;

type Chrome = {
  scripting: { executeScript(o: { target: { tabId: number }; world: 'ISOLATED'; func: (messages: unknown[]) => Promise<void>; args: unknown[] }): Promise<unknown> };
  storage: { local: { get(k: string): Promise<Record<string, unknown>> } };
  runtime: { sendMessage(m: unknown): Promise<unknown> };
};

/** Sends `messages` from tab `from`'s content-script world (the extension's isolated world in that page). */
function sendFromContentScript(worker: Worker, from: number, messages: unknown[]): Promise<unknown> {
  return worker.evaluate(
    ({ from, messages }) =>
      (globalThis as unknown as { chrome: Chrome }).chrome.scripting.executeScript({
        target: { tabId: from },
        world: 'ISOLATED',
        func: async (list: unknown[]) => {
          const { chrome } = globalThis as unknown as { chrome: Chrome };
          for (const m of list) await chrome.runtime.sendMessage(m).catch(() => undefined);
        },
        args: [messages],
      }),
    { from, messages },
  );
}

test.afterEach(async ({ extension }) => resetStored(extension));

test("tab A's content script cannot open a card in tab B, move it to its next mention, or turn highlights off everywhere", async ({ page, server, extension }) => {
  test.setTimeout(60_000);
  await page.goto(new URL('wire-en.html?tab-a', server.url).href);
  const other = await page.context().newPage();
  try {
    await other.goto(new URL('wire-en.html?tab-b', server.url).href);
    await expectPainted(page, WIRE_EN);
    await expectPainted(other, WIRE_EN);
    const [a, b] = [await tabIdOf(extension, page), await tabIdOf(extension, other)];
    const id = (await settledState(other)).mentions![0]!.id;
    const worker = await extension.worker();

    await other.bringToFront();
    await sendFromContentScript(worker, a, [
      { type: 'popup:show', tabId: b, id },
      { type: 'popup:command', command: 'next-mention', tabId: b },
      { type: 'popup:command', command: 'toggle-highlights', tabId: b },
    ]);
    await other.waitForTimeout(LINGER_MS);
    await expect(cardRoot(other)).toHaveCount(0);
    await expectPainted(other, WIRE_EN);
    await expectPainted(page, WIRE_EN);
    const stored = await worker.evaluate(async () => (await (globalThis as unknown as { chrome: Chrome }).chrome.storage.local.get('highlightsEnabled')).highlightsEnabled);
    expect(stored).not.toBe(false);

    // The same "Show" from the popup (an extension page) opens the card in tab B.
    const popup = await page.context().newPage();
    await popup.goto(`chrome-extension://${extension.extensionId}/popup.html?tab=${b}`);
    await popup.evaluate((message) => (globalThis as unknown as { chrome: Chrome }).chrome.runtime.sendMessage(message), { type: 'popup:show', tabId: b, id });
    await popup.close();
    await other.bringToFront();
    await expect(cardRoot(other)).toBeVisible({ timeout: SETTLE_MS });
  } finally {
    await other.close();
  }
});
