import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { disabledSites, highlightsEnabled, setSiteDisabled, siteOf } from '@/src/settings';

describe('settings', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  test('defaults: highlights on, no site turned off', async () => {
    expect(await highlightsEnabled()).toBe(true);
    expect(await disabledSites()).toEqual([]);
  });

  test('turning a site off and on again', async () => {
    await setSiteDisabled('example.com', true);
    await setSiteDisabled('news.example.org', true);
    expect(await disabledSites()).toEqual(['example.com', 'news.example.org']);
    await setSiteDisabled('example.com', false);
    expect(await disabledSites()).toEqual(['news.example.org']);
  });

  test.each([
    ['highlightsEnabled', 'yes'],
    ['highlightsEnabled', { on: true }],
    ['disabledSites', 'example.com'],
    ['disabledSites', [42, null]],
  ])('a bad stored %s (%j) falls back to the default with a warning', async (key, value) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    await fakeBrowser.storage.local.set({ [key]: value });
    if (key === 'highlightsEnabled') expect(await highlightsEnabled()).toBe(true);
    else expect(await disabledSites()).toEqual([]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(key));
    warn.mockRestore();
  });

  test.each([
    ['https://www.Example.com/a?b', 'example.com'],
    ['http://news.example.org/', 'news.example.org'],
    ['chrome://extensions', undefined],
    ['not a url', undefined],
  ])('siteOf(%s) = %s', (url, site) => {
    expect(siteOf(url)).toBe(site);
  });
});
