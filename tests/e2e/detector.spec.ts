import { readFileSync } from 'node:fs';
import { expect, tabState, test } from './fixtures';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

test('the extension loads: service worker running, manifest name and version', async ({ extension }) => {
  expect(extension.extensionId).toMatch(/^[a-p]{32}$/);
  expect(extension.serviceWorker.url()).toBe(`chrome-extension://${extension.extensionId}/background.js`);
  const manifest = await extension.serviceWorker.evaluate(() => {
    const { chrome } = globalThis as unknown as { chrome: { runtime: { getManifest(): { name: string; version: string; manifest_version: number } } } };
    return chrome.runtime.getManifest();
  });
  // getManifest() returns the name with __MSG_extName__ already localized.
  expect(manifest.name).toBe('Treasury Lens');
  expect(manifest.version).toBe(version);
  expect(manifest.manifest_version).toBe(3);
});

test('the permissions are exactly those README.md (Privacy) justifies', async ({ extension }) => {
  const manifest = await extension.serviceWorker.evaluate(() => {
    const { chrome } = globalThis as unknown as { chrome: { runtime: { getManifest(): { permissions?: string[]; host_permissions?: string[]; optional_permissions?: string[] } } } };
    return chrome.runtime.getManifest();
  });
  expect([...(manifest.permissions ?? [])].sort()).toEqual(['activeTab', 'contextMenus', 'scripting', 'storage']);
  expect(manifest.host_permissions).toEqual(['http://*/*', 'https://*/*']);
  expect(manifest.optional_permissions).toBeUndefined();
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const privacy = readme.slice(readme.indexOf('## Privacy'), readme.indexOf('## Data and sources'));
  for (const permission of manifest.permissions ?? []) expect(privacy, `README's Privacy section justifies ${permission}`).toContain(`| \`${permission}\` |`);
});

test('the detector matches an article about the topic', async ({ page, server }) => {
  await page.goto(new URL('article-en.html', server.url).href);
  const state = await tabState(page);
  expect(state.url).toBe(page.url());
  expect(state.hit).toBe(true);
  // The title ("Kato says Treasury holdings could be a card…") hits before any text is walked: one
  // look, so one slice, and the time reported is that slice's. A title test takes microseconds;
  // 50 ms is room for a loaded machine, not for a walk of the page.
  expect(state.detectorSlices).toBe(1);
  expect(state.detectorLongestSliceMs).toBe(state.detectorMs);
  expect(state.detectorMs).toBeLessThan(50);
});

test('the detector does not match an unrelated page', async ({ page, server }) => {
  await page.goto(new URL('unrelated.html', server.url).href);
  const state = await tabState(page);
  expect(state.url).toBe(page.url());
  expect(state.hit).toBe(false);
});

test('the popup page renders its title', async ({ page, extension }) => {
  await page.goto(`chrome-extension://${extension.extensionId}/popup.html`);
  await expect(page.locator('h1')).toHaveText('Treasury Lens');
});
