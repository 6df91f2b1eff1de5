/**
 * The options page round trip (change, reload, export, reset, import; a wrong-typed import refused by
 * field name), sites turned off listed, added and removed, a corrupted stored value reported, the
 * first-run welcome page, and screenshots of the options page in English and Japanese, light and dark.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright/test';
import type { LaunchedExtension } from '../../src/cli/chromium';
import { expect, test } from './fixtures';
import { cardPart, cardRoot, expectPainted, rangeCentre, settledState, WIRE_EN } from './lens';
import { resetStored, SCREENSHOTS, setStored } from './stored';

async function openOptions(extension: LaunchedExtension, page: Page): Promise<Page> {
  const options = await page.context().newPage();
  await options.goto(`chrome-extension://${extension.extensionId}/options.html`);
  await expect(options.locator('html[data-ready="1"]')).toHaveCount(1);
  return options;
}

test.afterEach(async ({ extension }) => {
  await resetStored(extension);
});

test('options round trip: change, reload, export, reset, import; a wrong-typed import is refused naming the field', async ({ page, extension }, info) => {
  const options = await openOptions(extension, page);
  try {
    await options.getByLabel('Only show problems').check();
    await options.getByLabel('Underline only').check();
    await options.getByLabel('on click only').check();
    await options.getByLabel(/Turn off on a site/).fill('https://WWW.News.Example.com/a/b');
    await options.getByRole('button', { name: 'Add' }).click();
    await options.getByLabel(/Turn off on a site/).fill('not a site!');
    await options.getByRole('button', { name: 'Add' }).click();
    await expect(options.getByRole('alert')).toContainText('“not a site!” is not a site');

    await options.reload();
    await expect(options.locator('html[data-ready="1"]')).toHaveCount(1);
    await expect(options.getByLabel('Only show problems')).toBeChecked();
    await expect(options.getByLabel('Underline only')).toBeChecked();
    await expect(options.getByLabel('on click only')).toBeChecked();
    await expect(options.locator('#sites li')).toHaveText([/^news\.example\.com/]);

    const [download] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Export settings (JSON)' }).click()]);
    const exported = readFileSync((await download.path())!, 'utf8');
    expect(JSON.parse(exported).settings).toMatchObject({ onlyProblems: true, highlightStyle: 'underline', cardOpenMode: 'click', disabledSites: ['news.example.com'] });

    await options.getByRole('button', { name: 'Reset to defaults' }).click();
    await expect(options.getByLabel('Only show problems')).not.toBeChecked();
    await expect(options.locator('#sites li')).toHaveCount(0);

    const file = info.outputPath('settings.json');
    writeFileSync(file, exported);
    await options.locator('#import-settings').setInputFiles(file);
    await expect(options.locator('#file-status')).toHaveText('Imported 6 settings.');
    await expect(options.getByLabel('Only show problems')).toBeChecked();
    await expect(options.locator('#sites li')).toHaveText([/^news\.example\.com/]);

    const bad = info.outputPath('bad.json');
    writeFileSync(bad, JSON.stringify({ format: 'treasury-lens-settings', version: 1, settings: { onlyProblems: false, cardOpenMode: 3 } }));
    await options.locator('#import-settings').setInputFiles(bad);
    await expect(options.locator('#file-status')).toHaveText('Not imported: “cardOpenMode” has a value of the wrong type. Nothing was changed.');
    await expect(options.getByLabel('Only show problems')).toBeChecked();

    await options.getByRole('button', { name: 'Turn Treasury Lens back on for news.example.com' }).click();
    await expect(options.locator('#sites li')).toHaveCount(0);
  } finally {
    await options.close();
  }
});

test('a setting changed in the options page applies to an open page at once: underline only', async ({ page, server, extension }) => {
  await page.goto(new URL('wire-en.html', server.url).href);
  await expectPainted(page, WIRE_EN);
  await settledState(page);
  const style = () => page.evaluate(() => document.querySelector('style[data-treasury-lens-ui]')?.textContent ?? '');
  expect(await style()).toMatch(/::highlight\(treasury-lens-disputed\) \{ background-color: rgba/);
  const options = await openOptions(extension, page);
  try {
    await options.getByLabel('Underline only').check();
    await expect.poll(style).toMatch(/::highlight\(treasury-lens-disputed\) \{ background-color: transparent/);
    await expectPainted(page, WIRE_EN);
  } finally {
    await options.close();
  }
});

test('the language chosen in the options applies to the card in the page: Japanese on an English page, and back at once', async ({ page, server, extension }) => {
  const options = await openOptions(extension, page);
  try {
    await options.getByLabel('Language').selectOption('ja');
    await expect(options.locator('html')).toHaveAttribute('lang', 'ja');
  } finally {
    await options.close();
  }
  await page.goto(new URL('wire-en.html', server.url).href);
  await expectPainted(page, WIRE_EN);
  await settledState(page);
  const { x, y } = await rangeCentre(page, 'consistent', '$1.13 trillion');
  await page.mouse.click(x, y);
  await expect(cardRoot(page)).toHaveAttribute('lang', 'ja');
  await expect(cardPart(page, 'details').locator(':scope > summary')).toHaveText('詳細');
  await expect(cardPart(page, 'close')).toHaveAttribute('aria-label', '閉じる');
  // Following the browser again: the open card speaks the page's language, English.
  const again = await openOptions(extension, page);
  try {
    await again.locator('#language').selectOption('auto');
  } finally {
    await again.close();
  }
  // Closing the options tab may bring another tab (the welcome page opened on install) to the front; the
  // article's tab then has no animation frames until it is in front again, as for a reader.
  await page.bringToFront();
  await expect(cardPart(page, 'details').locator(':scope > summary')).toHaveText('Details');
  await expect(cardRoot(page)).toHaveAttribute('lang', 'en');
});

test('a corrupted stored value shows a notice on the options page; the valid entries are kept', async ({ page, extension }) => {
  await setStored(extension, { disabledSites: ['ok.example', 42], highlightStyle: 'neon' });
  const options = await openOptions(extension, page);
  try {
    await expect(options.locator('#settings-notice li')).toHaveText(['Sites turned off: 1 entries that are not sites left out, the rest kept', 'Highlight style: the default']);
    await expect(options.locator('#sites li')).toHaveText([/^ok\.example/]);
    await expect(options.getByLabel('Colour and underline')).toBeChecked();
  } finally {
    await options.close();
  }
});

test('on install the welcome page opens: the highlight styles, the card, privacy and the shortcuts', async ({ extension }) => {
  const welcomeUrl = `chrome-extension://${extension.extensionId}/welcome.html`;
  await expect.poll(() => extension.context.pages().some((p) => p.url() === welcomeUrl)).toBe(true);
  const welcome = extension.context.pages().find((p) => p.url() === welcomeUrl)!;
  await welcome.reload();
  await expect(welcome.locator('html[data-ready="1"]')).toHaveCount(1);
  await expect(welcome.locator('#styles li')).toHaveCount(4);
  await expect(welcome.locator('#styles li[data-class="disputed"] .sw')).toHaveCSS('text-decoration-style', 'wavy');
  await expect(welcome.locator('#styles li[data-class="disputed"] .sw')).toHaveText('$1.27 trillion');
  await expect(welcome.locator('#privacy')).toContainText('no network requests');
  await expect(welcome.locator('#keys dd')).toHaveText(['Show or hide Treasury Lens highlights', 'Go to the next mention and open its card']);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await welcome.screenshot({ path: join(SCREENSHOTS, 'welcome-en-light.png'), fullPage: true });
});

for (const lang of ['en', 'ja'] as const) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`screenshot: the options page in ${lang === 'en' ? 'English' : 'Japanese'}, ${scheme}`, async ({ page, extension }) => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await setStored(extension, { uiLanguage: lang, disabledSites: ['news.example.com', 'blog.example.org'] });
      const options = await openOptions(extension, page);
      try {
        await options.emulateMedia({ colorScheme: scheme });
        await options.setViewportSize({ width: 720, height: 800 });
        await expect(options.locator('html')).toHaveAttribute('lang', lang);
        await options.screenshot({ path: join(SCREENSHOTS, `options-${lang}-${scheme}.png`), fullPage: true });
      } finally {
        await options.close();
      }
    });
  }
}
