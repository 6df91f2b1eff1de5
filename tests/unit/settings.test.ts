import { beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import {
  DEFAULT_SETTINGS,
  disabledSites,
  disabledSitesItem,
  highlightsEnabled,
  parseSettings,
  readSettings,
  repairSettings,
  resetSettings,
  saveSettings,
  setSiteDisabled,
  settingsFile,
  siteIsDisabled,
  siteOf,
  type Settings,
} from '@/src/settings';

describe('settings', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    return () => vi.restoreAllMocks();
  });

  test('defaults: highlights on, no site turned off, everything else at its default, no problem', async () => {
    expect(await highlightsEnabled()).toBe(true);
    expect(await disabledSites()).toEqual([]);
    expect(await readSettings()).toEqual({ settings: DEFAULT_SETTINGS, problems: [] });
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
    ['cardOpenMode', 'sometimes'],
    ['onlyProblems', 1],
    ['highlightStyle', ['color']],
    ['uiLanguage', 'fr'],
  ])('a bad stored %s (%j) falls back to the default with a warning and a problem', async (key, value) => {
    await fakeBrowser.storage.local.set({ [key]: value });
    const { settings, problems } = await readSettings();
    expect(settings).toEqual(DEFAULT_SETTINGS);
    expect(problems.map((p) => p.name)).toEqual([key]);
    expect(console.warn).toHaveBeenCalledWith(expect.stringContaining(key));
  });

  test('each bad field falls back alone: the valid settings and the valid entries of a list are kept', async () => {
    await fakeBrowser.storage.local.set({
      highlightsEnabled: 'no',
      cardOpenMode: 'click',
      onlyProblems: true,
      uiLanguage: 7,
      disabledSites: ['WWW.Example.com.', 42, 'news.example.org', '', 'not a site!', 'example.com'],
    });
    const read = await readSettings();
    expect(read.settings).toEqual({ ...DEFAULT_SETTINGS, cardOpenMode: 'click', onlyProblems: true, disabledSites: ['example.com', 'news.example.org'] });
    expect(read.problems).toEqual([{ name: 'highlightsEnabled' }, { name: 'disabledSites', dropped: 3 }, { name: 'uiLanguage' }]);

    // Repairing writes what the reader used: after it, no problem and the same settings.
    await repairSettings(read);
    expect(await readSettings()).toEqual({ settings: read.settings, problems: [] });
  });

  test('the detector reads the raw stored list exactly as the settings reader does', async () => {
    const lists: unknown[] = [
      ['WWW.Example.com', 'news.example.org.'],
      ['example.com', 3, null, { host: 'x' }],
      'example.com',
      [['example.com']],
      ['https://blog.example.net/post', '127.0.0.1', 'xn--r8jz45g.jp'],
      [],
    ];
    const urls = ['https://www.example.com/a', 'http://news.example.org/', 'https://blog.example.net/', 'http://127.0.0.1:8080/x', 'https://xn--r8jz45g.jp/', 'https://other.org/'];
    for (const stored of lists) {
      await fakeBrowser.storage.local.set({ disabledSites: stored });
      const sites = await disabledSites();
      for (const url of urls) expect(siteIsDisabled(stored, new URL(url).hostname), `${JSON.stringify(stored)} ${url}`).toBe(sites.includes(siteOf(url)!));
    }
  });

  test('migration to v2 normalises the stored sites and keeps entries it cannot read for the reader to report', async () => {
    await fakeBrowser.storage.local.set({ disabledSites: ['WWW.Example.COM', 'example.com', 7] });
    await disabledSitesItem.migrate();
    expect((await fakeBrowser.storage.local.get('disabledSites')).disabledSites).toEqual(['example.com', 7]);
    expect((await fakeBrowser.storage.local.get('disabledSites$')).disabledSites$).toEqual({ v: 2 });
    expect((await readSettings()).problems).toEqual([{ name: 'disabledSites', dropped: 1 }]);
  });

  test('export, reset and import round-trip every setting', async () => {
    const mine: Settings = { highlightsEnabled: false, disabledSites: ['a.example', 'b.example'], cardOpenMode: 'hover', onlyProblems: true, highlightStyle: 'underline', uiLanguage: 'ja' };
    await saveSettings(mine);
    const file = settingsFile((await readSettings()).settings);
    await resetSettings();
    expect((await readSettings()).settings).toEqual(DEFAULT_SETTINGS);
    const parsed = parseSettings(file);
    expect(parsed).toEqual({ ok: true, settings: mine });
    if (parsed.ok) await saveSettings(parsed.settings);
    expect((await readSettings()).settings).toEqual(mine);
  });

  test.each([
    ['{"format":"treasury-lens-settings","settings":{"highlightsEnabled":"yes"}}', 'highlightsEnabled'],
    ['{"cardOpenMode":"sometimes","onlyProblems":true}', 'cardOpenMode'],
    ['{"disabledSites":["ok.example", 5]}', 'disabledSites[1]'],
    ['{"disabledSites":["ok.example", "not a site!"]}', 'disabledSites[1]'],
    ['{"disabledSites":"ok.example"}', 'disabledSites'],
  ])('an import with a wrong type is refused, naming the field: %s', (text, field) => {
    expect(parseSettings(text)).toEqual({ ok: false, error: { reason: 'field', field } });
  });

  test('an import that is not JSON, or not a settings object, is refused', () => {
    expect(parseSettings('{oops')).toEqual({ ok: false, error: { reason: 'json' } });
    expect(parseSettings('[1,2]')).toEqual({ ok: false, error: { reason: 'format' } });
    expect(parseSettings('{"format":"something-else","settings":{}}')).toEqual({ ok: false, error: { reason: 'format' } });
    expect(parseSettings('{"onlyProblems":true,"unknown":1}')).toEqual({ ok: true, settings: { onlyProblems: true } });
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
