import type { MessageKey } from '@/src/page/i18n';
import {
  CARD_OPEN_MODES,
  normalizeSite,
  parseSettings,
  readSettings,
  repairSettings,
  resetSettings,
  saveSettings,
  setSiteDisabled,
  settingsFile,
  UI_LANGUAGES,
  watchSettings,
  type HighlightStyle,
  type ReadSettings,
} from '@/src/settings';
import { el, legendStyles, settingsNotice } from '@/src/ui/dom';
import { loadStrings, type Strings } from '@/src/ui/strings';

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;

let strings: Strings;
let current: ReadSettings;
let language = '';

function text(id: string, key: MessageKey, ...subs: string[]): void {
  $(id).textContent = strings.t(key, ...subs);
}

function renderStatic(): void {
  const { t, lang } = strings;
  document.documentElement.lang = lang;
  document.title = t('optionsTitle');
  text('#title', 'optionsTitle');
  text('#h-highlights', 'optionsHighlighting');
  text('#l-highlights', 'popupHighlightsEverywhere');
  text('#l-only-problems', 'popupOnlyProblems');
  text('#hint-only-problems', 'popupOnlyProblemsHint');
  text('#l-style', 'settingName_highlightStyle');
  text('#l-style-color', 'optionsStyle_color');
  text('#l-style-underline', 'optionsStyle_underline');
  text('#l-open-mode', 'popupOpenMode');
  text('#l-language', 'settingName_uiLanguage');
  text('#h-sites', 'settingName_disabledSites');
  text('#sites-empty', 'optionsNoSites');
  text('#l-site-input', 'optionsAddSiteLabel');
  text('#site-add', 'optionsAddSite');
  text('#h-file', 'optionsFile');
  text('#export-settings', 'optionsExport');
  text('#l-import', 'optionsImport');
  text('#reset', 'optionsReset');
  $('#open-modes').replaceChildren(
    ...CARD_OPEN_MODES.map((mode) =>
      el('label', { className: 'choice' }, [el('input', { attrs: { type: 'radio', name: 'open-mode', value: mode } }), ' ', el('span', { text: t(`popupOpenMode_${mode}` as MessageKey) })]),
    ),
  );
  $('#language').replaceChildren(...UI_LANGUAGES.map((l) => new Option(t(`optionsLanguage_${l}` as MessageKey), l)));
}

function render(read: ReadSettings): void {
  current = read;
  const s = read.settings;
  $<HTMLInputElement>('#highlights').checked = s.highlightsEnabled;
  $<HTMLInputElement>('#only-problems').checked = s.onlyProblems;
  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="style"]')) radio.checked = radio.value === s.highlightStyle;
  for (const radio of document.querySelectorAll<HTMLInputElement>('input[name="open-mode"]')) radio.checked = radio.value === s.cardOpenMode;
  $<HTMLSelectElement>('#language').value = s.uiLanguage;
  $('#sites-empty').hidden = s.disabledSites.length > 0;
  $('#sites').replaceChildren(
    ...s.disabledSites.map((site) => {
      const remove = el('button', { text: strings.t('optionsRemoveSite'), attrs: { type: 'button', 'aria-label': strings.t('optionsRemoveSiteLabel', site) } });
      remove.addEventListener('click', () => void setSiteDisabled(site, false));
      return el('li', { attrs: { 'data-site': site } }, [el('span', { text: site }), remove]);
    }),
  );
  settingsNotice($('#settings-notice'), read, strings, () => void repairSettings(read));
}

function bind(): void {
  const box = (id: string) => $<HTMLInputElement>(id);
  box('#highlights').addEventListener('change', () => void saveSettings({ highlightsEnabled: box('#highlights').checked }));
  box('#only-problems').addEventListener('change', () => void saveSettings({ onlyProblems: box('#only-problems').checked }));
  document.addEventListener('change', (event) => {
    const input = event.target as HTMLInputElement;
    if (input.name === 'style') void saveSettings({ highlightStyle: input.value as HighlightStyle });
    if (input.name === 'open-mode') void saveSettings({ cardOpenMode: input.value as (typeof CARD_OPEN_MODES)[number] });
  });
  const lang = $<HTMLSelectElement>('#language');
  lang.addEventListener('change', () => void saveSettings({ uiLanguage: lang.value as (typeof UI_LANGUAGES)[number] }));

  $('#add-site').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = box('#site-input');
    const site = normalizeSite(input.value);
    $('#site-error').textContent = site ? '' : strings.t('optionsSiteInvalid', input.value.trim());
    if (!site) return;
    input.value = '';
    void setSiteDisabled(site, true);
  });

  $('#export-settings').addEventListener('click', () => {
    const url = URL.createObjectURL(new Blob([settingsFile(current.settings)], { type: 'application/json' }));
    const a = el('a', { attrs: { href: url, download: 'treasury-lens-settings.json' } });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    text('#file-status', 'optionsExported');
  });
  const file = box('#import-settings');
  file.addEventListener('change', () => {
    const chosen = file.files?.[0];
    file.value = '';
    if (chosen) void chosen.text().then(importText);
  });
  $('#reset').addEventListener('click', () => {
    void resetSettings().then(() => text('#file-status', 'optionsResetDone'));
  });
}

async function importText(json: string): Promise<void> {
  const parsed = parseSettings(json);
  if (!parsed.ok) {
    const e = parsed.error;
    if (e.reason === 'field') text('#file-status', 'optionsImportBadField', e.field);
    else text('#file-status', e.reason === 'json' ? 'optionsImportNotJson' : 'optionsImportNotSettings');
    return;
  }
  await saveSettings(parsed.settings);
  text('#file-status', 'optionsImported', String(Object.keys(parsed.settings).length));
}

async function main(): Promise<void> {
  const read = await readSettings();
  language = read.settings.uiLanguage;
  strings = await loadStrings(read.settings.uiLanguage);
  document.head.append(el('style', { text: legendStyles() }));
  renderStatic();
  bind();
  render(read);
  watchSettings((next) => {
    // A new language: the page is read again in it.
    if (next.settings.uiLanguage !== language) return location.reload();
    render(next);
  });
  document.documentElement.dataset.ready = '1';
}

void main();
