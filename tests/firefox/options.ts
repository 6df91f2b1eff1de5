/**
 * The options page in Firefox, opened through the e2e build's test route, as tests/e2e/options.spec.ts
 * opens it in Chromium: choices saved (they survive a reload), sites turned off added, refused when not a
 * site, and removed, reset, an import refused by field name; and a choice applied to an open page at once.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { ElementHandle, Page } from 'puppeteer-core';
import { WIRE_EN } from '../support/expected';
import { openExtensionPage, openPage, resetAfterEach, until, waitForPainted, type Firefox } from './harness';

const checked = (options: Page, selector: string) => options.$eval(selector, (i) => (i as HTMLInputElement).checked);
const text = (options: Page, selector: string) => options.$eval(selector, (e) => e.textContent ?? '');
const sites = (options: Page) => options.$$eval('#sites li', (lis) => lis.map((li) => li.getAttribute('data-site')));

export const optionsTests = (ff: Firefox) =>
  describe('the options page', () => {
    const control = resetAfterEach();

    test('options round trip: change, close and open again, reset, import; a site refused when it is not one; a wrong-typed import refused naming the field', async () => {
      const page = await openPage(ff, 'wire-en.html');
      let { page: options } = await openExtensionPage(ff, page, 'options');
      control.page = options;
      await options.click('#only-problems');
      await options.click('input[name="style"][value="underline"]');
      await options.click('input[name="open-mode"][value="click"]');
      await options.type('#site-input', 'https://WWW.News.Example.com/a/b');
      await options.click('#site-add');
      await until(() => sites(options), (s) => s.length === 1, 'the site listed');
      await options.type('#site-input', 'not a site!');
      await options.click('#site-add');
      assert.match(await text(options, '#site-error'), /“not a site!” is not a site/);

      // Closed and opened again (BiDi does not report a moz-extension page's reload as done): all still chosen.
      await options.close();
      ({ page: options } = await openExtensionPage(ff, page, 'options'));
      control.page = options;
      assert.equal(await checked(options, '#only-problems'), true);
      assert.equal(await checked(options, 'input[name="style"][value="underline"]'), true);
      assert.equal(await checked(options, 'input[name="open-mode"][value="click"]'), true);
      assert.deepEqual(await sites(options), ['news.example.com']);

      await options.click('#reset');
      await until(() => checked(options, '#only-problems'), (on) => !on, 'reset');
      assert.deepEqual(await sites(options), []);

      const dir = mkdtempSync(join(tmpdir(), 'tl-options-'));
      try {
        const file = join(dir, 'settings.json');
        const input = (await options.$('#import-settings')) as ElementHandle<HTMLInputElement>;
        writeFileSync(file, JSON.stringify({ format: 'treasury-lens-settings', version: 1, settings: { onlyProblems: true, disabledSites: ['news.example.com'] } }));
        await input.uploadFile(file);
        await until(() => text(options, '#file-status'), (s) => s === 'Imported 2 settings.', 'the import');
        assert.equal(await checked(options, '#only-problems'), true);
        assert.deepEqual(await sites(options), ['news.example.com']);

        writeFileSync(file, JSON.stringify({ format: 'treasury-lens-settings', version: 1, settings: { onlyProblems: false, cardOpenMode: 3 } }));
        await input.uploadFile(file);
        await until(() => text(options, '#file-status'), (s) => s.startsWith('Not imported'), 'the refusal');
        assert.equal(await text(options, '#file-status'), 'Not imported: “cardOpenMode” has a value of the wrong type. Nothing was changed.');
        assert.equal(await checked(options, '#only-problems'), true);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }

      await options.click('#sites li[data-site="news.example.com"] button');
      await until(() => sites(options), (s) => s.length === 0, 'the site removed');
      await page.close();
    });

    test('a setting changed in the options page applies to an open page at once: underline only', async () => {
      const page = await openPage(ff, 'wire-en.html');
      await waitForPainted(page, WIRE_EN);
      const style = () => page.evaluate(() => document.querySelector('style[data-treasury-lens-ui]')?.textContent ?? '');
      assert.match(await style(), /::highlight\(treasury-lens-disputed\) \{ background-color: rgba/);
      const { page: options } = await openExtensionPage(ff, page, 'options');
      control.page = options;
      await options.click('input[name="style"][value="underline"]');
      await until(style, (css) => /::highlight\(treasury-lens-disputed\) \{ background-color: transparent/.test(css), 'the page restyled');
      await page.bringToFront();
      await waitForPainted(page, WIRE_EN);
      await page.close();
    });
  });
