/**
 * The store build (.output/chrome-mv3, what is shipped), not the e2e build the other specs drive: its card's
 * shadow root is closed to the page, it holds no trace of the e2e hook (src/page/e2e-hook.ts) nor of the
 * Firefox e2e build's test route (src/e2e-route.ts; tests/firefox/store-build.ts checks the Firefox store
 * build), and the card
 * is still found the way assistive technology finds it, a dialog named "Treasury Lens: …" in the
 * accessibility tree (read over CDP, which sees into closed roots as a screen reader does).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchWithExtension, type LaunchedExtension } from '../../src/cli/chromium';
import { E2E_OPEN_PAGE } from '../../src/e2e-route';
import { E2E_HOOK_ATTR } from '../../src/page/e2e-hook';
import { EXTENSION_DIR, STORE_EXTENSION_DIR, expect, test } from './fixtures';
import { expectPainted, hoverMention, SETTLE_MS, WIRE_EN } from './lens';

/** Every script of a build, as one text. */
function scripts(dir: string): string {
  return (readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .filter((file) => file.endsWith('.js'))
    .map((file) => readFileSync(join(dir, file), 'utf8'))
    .join('\n');
}

test('the store build holds no trace of the e2e hook; the e2e build does', () => {
  // Booleans: a failure should not print a megabyte of minified code.
  expect(scripts(EXTENSION_DIR).includes(E2E_HOOK_ATTR), 'the e2e build carries the hook').toBe(true);
  expect(scripts(STORE_EXTENSION_DIR).includes(E2E_HOOK_ATTR), 'the store build carries the hook').toBe(false);
});

test("the store build holds no trace of the Firefox e2e build's test route", () => {
  expect(scripts(STORE_EXTENSION_DIR).includes(E2E_OPEN_PAGE), 'the store build carries the test route').toBe(false);
});

type AxNode = { role?: { value?: string }; name?: { value?: string } };

test("in the store build the card's shadow root is closed to the page, and the card is a dialog named 'Treasury Lens: …' in the accessibility tree", async ({ server }) => {
  test.setTimeout(60_000);
  let store: LaunchedExtension | undefined;
  try {
    store = await launchWithExtension({ extensionDir: STORE_EXTENSION_DIR, headless: true });
    const page = await store.context.newPage();
    await page.goto(new URL('wire-en.html', server.url).href);
    await expectPainted(page, WIRE_EN);
    await hoverMention(page, 'disputed', '$1.27 trillion');
    const host = page.locator('[data-treasury-lens-card]');
    await expect(host).toHaveCount(1, { timeout: SETTLE_MS });
    expect(await host.evaluate((el, attr) => ({ closed: el.shadowRoot === null, hook: el.hasAttribute(attr) }), E2E_HOOK_ATTR)).toEqual({ closed: true, hook: false });
    const cdp = await store.context.newCDPSession(page);
    await cdp.send('Accessibility.enable');
    await expect
      .poll(async () => {
        const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] };
        return nodes.filter((n) => n.role?.value === 'dialog').map((n) => n.name?.value ?? '');
      }, { timeout: SETTLE_MS })
      .toEqual([expect.stringMatching(/^Treasury Lens: /)]);
  } finally {
    await store?.close();
  }
});
