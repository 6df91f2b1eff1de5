import meta from '@/data/meta.json';
import sourcesFile from '@/data/sources.json';
import { dismissedOn, setDismissed, watchDismissed } from '@/src/dismissed';
import { EXPORT_FORMATS, exportFile, type ExportFormat } from '@/src/export';
import { mentionReport } from '@/src/export/mention-report';
import { tabMentions, tabStateKey, type CheckPage, type CommandName, type MentionSummary, type PopupCommand, type ShowMention, type TabState } from '@/src/messages';
import { formatDate } from '@/src/page/format';
import type { MessageKey } from '@/src/page/i18n';
import { scopeOf, type Scope } from '@/src/private-session';
import { CARD_OPEN_MODES, readSettings, repairSettings, saveSettings, setSiteDisabled, siteOf, watchSettings, type ReadSettings, type Settings } from '@/src/settings';
import { renderChart, type ChartClaim, type ChartMarker } from '@/src/ui/chart';
import type { ChartData } from '@/src/ui/chart-data';
import { formatDay } from '@/src/ui/dates';
import { el, legendStyles, MENTION_CLASSES, settingsNotice, type MentionClass } from '@/src/ui/dom';
import { excerpt } from '@/src/ui/excerpt';
import { loadStrings, type Strings } from '@/src/ui/strings';
import { EVENTS, omittedClarifications, verdictWords, type EpisodeEvent } from '@/src/ui/verdict';

declare const __TL_CHART__: ChartData;

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const SOURCES = new Map(sourcesFile.sources.map((s) => [s.id, s]));

/**
 * `mayRead`: whether the extension may read the tab's site (false: Chrome's "on click" site access, Firefox's
 * permission turned off). `incognito`: a private window's tab, whose changes are not kept (src/private-session.ts).
 */
type Target = { id: number; url: string; title: string; mayRead: boolean; incognito: boolean };

/** Whether the extension holds the host permission for the page's site (only http and https pages are ours to read). */
async function mayRead(url: string): Promise<boolean> {
  if (!/^https?:/i.test(url)) return true;
  return browser.permissions.contains({ origins: [`${new URL(url).origin}/*`] }).catch(() => true);
}

/** The tab the popup acts on: the active tab, or `?tab=<id>` when the popup is opened as a page. */
async function targetTab(): Promise<Target | undefined> {
  const param = new URLSearchParams(location.search).get('tab');
  let tab: { id?: number; url?: string; title?: string; incognito?: boolean } | undefined;
  if (param && /^\d+$/.test(param)) tab = await browser.tabs.get(Number(param)).catch(() => ({ id: Number(param) }));
  else [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return undefined;
  const state = await readState(tab.id);
  const url = tab.url ?? state?.url ?? '';
  return { id: tab.id, url, title: tab.title ?? '', mayRead: await mayRead(url), incognito: Boolean(tab.incognito) };
}

async function readState(tabId: number): Promise<TabState | undefined> {
  const key = tabStateKey(tabId);
  return (await browser.storage.session.get(key))[key] as TabState | undefined;
}

function classOfSummary(m: MentionSummary): MentionClass {
  return m.cls ?? (m.kind === 'remark' ? 'remark' : m.status === 'consistent' ? 'consistent' : 'disputed');
}

class Popup {
  private state: TabState | undefined;
  private settings!: Settings;
  /** Ids of the mentions marked "Not about this" on this page. */
  private dismissed = new Set<string>();
  /** "Check this page" was pressed: checking, or it could not run. */
  private check: 'checking' | 'failed' | undefined;

  constructor(
    private readonly s: Strings,
    private readonly tab: Target | undefined,
    /** Where what the reader changes here is written: a private window's tab keeps it for the private session only. */
    private readonly scope: Scope,
  ) {}

  private get t() {
    return this.s.t;
  }

  /** The page's mentions (its same-origin iframes' included), less those the reader marked "Not about this". */
  mentions(): MentionSummary[] {
    return tabMentions(this.state).filter((m) => !this.dismissed.has(m.id));
  }

  private dismissedMentions(): MentionSummary[] {
    return tabMentions(this.state).filter((m) => this.dismissed.has(m.id));
  }

  /** The mentions listed: all, or in fact-checker mode all but the consistent figures (as the page paints). */
  listed(): MentionSummary[] {
    return this.settings.onlyProblems ? this.mentions().filter((m) => classOfSummary(m) !== 'consistent') : this.mentions();
  }

  renderStatic(): void {
    const { t } = this;
    document.documentElement.lang = this.s.lang;
    document.title = t('extName');
    $('#title').textContent = t('extName');
    $('#open-options').textContent = t('popupOptions');
    $('#page-heading').textContent = t('popupThisPage');
    $('#controls-heading').textContent = t('popupControls');
    $('#timeline-heading').textContent = t('popupTimeline');
    $('#chart-heading').textContent = t('chartHeading');
    $('#dataset').textContent = t('popupDatasetVersion', meta.datasetVersion, formatDate(this.s.lang, `${meta.latestHoldingsMonth}-01`, { precision: 'month' }));
    $('[data-action="next-mention"]').textContent = t('popupNextMention');
    $('#toggle-label').textContent = t('popupHighlightsEverywhere');
    $('#only-problems-label').textContent = t('popupOnlyProblems');
    $('#only-problems-hint').textContent = t('popupOnlyProblemsHint');
    $('#open-mode-label').textContent = t('popupOpenMode');
    $('#change-shortcuts').textContent = t('popupChangeShortcuts');
    $('#check-page').textContent = t('popupCheckPage');
    $('#no-access-why').textContent = t(import.meta.env.FIREFOX ? 'popupNoAccessWhy_firefox' : 'popupNoAccessWhy_chrome');
    $('#shortcuts-heading').textContent = t('popupShortcuts');
    $('#export-label').textContent = t('popupExport');
    $('#export-copy').textContent = t('popupExportCopy');
    $('#export-download').textContent = t('popupExportDownload');
    const format = $<HTMLSelectElement>('#export-format');
    format.replaceChildren(...EXPORT_FORMATS.map((f) => new Option(t(`exportFormat_${f}` as MessageKey), f)));
    const openMode = $<HTMLSelectElement>('#open-mode');
    openMode.replaceChildren(...CARD_OPEN_MODES.map((mode) => new Option(t(`popupOpenMode_${mode}` as MessageKey), mode)));
    document.head.append(el('style', { text: legendStyles() }));
  }

  renderSettings(read: ReadSettings): void {
    this.settings = read.settings;
    const { t } = this;
    const toggle = $<HTMLButtonElement>('[data-action="toggle-highlights"]');
    toggle.setAttribute('aria-checked', String(read.settings.highlightsEnabled));
    const site = this.tab ? siteOf(this.tab.url) : undefined;
    const box = $<HTMLInputElement>('#site-disabled');
    $('#site-label').textContent = site ? t('popupDisableSite', site) : t('popupNoSite');
    box.disabled = !site;
    box.checked = Boolean(site && read.settings.disabledSites.includes(site));
    $<HTMLInputElement>('#only-problems').checked = read.settings.onlyProblems;
    $<HTMLSelectElement>('#open-mode').value = read.settings.cardOpenMode;
    settingsNotice($('#settings-notice'), read, this.s, () => void repairSettings(read));
    this.renderPage();
  }

  bindControls(): void {
    const send = (command: CommandName) => {
      if (!this.tab) return;
      const message: PopupCommand = { type: 'popup:command', command, tabId: this.tab.id };
      void browser.runtime.sendMessage(message);
    };
    $('[data-action="toggle-highlights"]').addEventListener('click', () => send('toggle-highlights'));
    $('[data-action="next-mention"]').addEventListener('click', () => send('next-mention'));
    const site = this.tab ? siteOf(this.tab.url) : undefined;
    const box = $<HTMLInputElement>('#site-disabled');
    box.addEventListener('change', () => site && void setSiteDisabled(site, box.checked, this.scope));
    const only = $<HTMLInputElement>('#only-problems');
    only.addEventListener('change', () => void saveSettings({ onlyProblems: only.checked }, this.scope));
    const openMode = $<HTMLSelectElement>('#open-mode');
    openMode.addEventListener('change', () => void saveSettings({ cardOpenMode: openMode.value as Settings['cardOpenMode'] }, this.scope));
    $('#open-options').addEventListener('click', () => void browser.runtime.openOptionsPage());
    $('#change-shortcuts').addEventListener('click', () => void this.openShortcutSettings());
    $('#check-page').addEventListener('click', () => void this.checkPage());
    $('#export-copy').addEventListener('click', () => void this.exportNow('copy'));
    $('#export-download').addEventListener('click', () => void this.exportNow('download'));
  }

  /**
   * Where the browser lets the reader change shortcuts. Firefox: commands.openShortcutSettings() opens
   * Add-ons › Manage Extension Shortcuts (an extension may not open about:addons itself); where that is
   * missing or refused, the popup says where to find it. Chrome has no such call, and opens its page.
   */
  private async openShortcutSettings(): Promise<void> {
    if (!import.meta.env.FIREFOX) {
      await browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
      return;
    }
    const commands = browser.commands as { openShortcutSettings?: () => Promise<void> };
    const opened = await (commands.openShortcutSettings?.().then(() => true, () => false) ?? false);
    const where = $('#shortcuts-where');
    where.textContent = this.t('popupShortcutsWhere_firefox');
    where.hidden = opened;
  }

  /** Runs the detector and the annotator once in the tab, through the grant the toolbar click gave. */
  private async checkPage(): Promise<void> {
    if (!this.tab) return;
    this.check = 'checking';
    this.renderPage();
    const message: CheckPage = { type: 'popup:check', tabId: this.tab.id };
    const ran = await browser.runtime.sendMessage(message).catch(() => false);
    // A run reports through the tab's state (setState); only a refusal is the popup's to say.
    if (ran !== true) {
      this.check = 'failed';
      this.renderPage();
    }
  }

  setDismissed(ids: readonly string[]): void {
    this.dismissed = new Set(ids);
    this.renderPage();
  }

  async renderShortcuts(): Promise<void> {
    const list = $('#shortcuts');
    const commands = await browser.commands.getAll().catch(() => []);
    list.replaceChildren(
      ...commands
        .filter((c) => c.name === 'toggle-highlights' || c.name === 'next-mention')
        .flatMap((c) => [el('dt', { text: c.shortcut || this.t('popupShortcutNotSet') }), el('dd', { text: c.name === 'toggle-highlights' ? this.t('commandToggle') : this.t('commandNext') })]),
    );
  }

  setState(state: TabState | undefined): void {
    this.state = state;
    if (state) this.check = undefined;
    this.renderPage();
  }

  private renderPage(): void {
    if (!this.settings) return;
    const { t } = this;
    const state = this.state;
    const mentions = this.mentions();
    const count = mentions.length;
    // Not read because we may not: say why, and offer to check this page once.
    const noAccess = !state && this.tab?.mayRead === false;
    $('#no-access').hidden = !noAccess || this.check === 'checking';
    $('#status').textContent = !state
      ? this.check === 'checking'
        ? t('popupChecking')
        : this.check === 'failed'
          ? t('popupCheckFailed')
          : noAccess
            ? t('popupNoAccess')
            : t('popupNotScanned')
      : count
        ? count === 1
          ? t('popupFoundOne')
          : t('popupFoundMany', String(count))
        : state.hit
          ? t('popupTopicNoMentions')
          : t('popupTopicNotFound');

    // The count by class, which is also the legend: the same colours and line styles as the page.
    const counts = $('#counts');
    counts.hidden = count === 0;
    counts.replaceChildren(
      ...MENTION_CLASSES.map((cls) => {
        const n = mentions.filter((m) => classOfSummary(m) === cls).length;
        return el('li', { attrs: { 'data-class': cls } }, [el('span', { className: `sw sw-${cls}`, text: t('popupSwatch'), attrs: { 'aria-hidden': 'true' } }), el('b', { text: String(n) }), el('span', { text: t(`popupClass_${cls}` as MessageKey) })]);
      }),
    );

    const omitted = omittedClarifications(mentions);
    const omits = $('#omits');
    omits.hidden = omitted.length === 0;
    omits.textContent = omitted.map((e) => t('popupOmits', formatDay(this.s.lang, e.date, false), e.title[this.s.lang])).join(' ');

    const listed = this.listed();
    $('#mentions').replaceChildren(...listed.map((m) => this.mentionItem(m)));
    const dismissed = this.dismissedMentions();
    $('#dismissed').hidden = dismissed.length === 0;
    $('#dismissed-heading').textContent = t('popupDismissedHeading', String(dismissed.length));
    $('#dismissed-list').replaceChildren(...dismissed.map((m) => this.dismissedItem(m)));
    const hiddenCount = count - listed.length;
    const note = $('#hidden-note');
    note.hidden = hiddenCount === 0;
    note.textContent = hiddenCount ? t('popupHiddenConsistent', String(hiddenCount)) : '';
    $<HTMLButtonElement>('[data-action="next-mention"]').disabled = count === 0;
    $('#exports').hidden = count === 0;
    this.renderTimeline();
    this.renderChart();
  }

  private renderChart(): void {
    const { lang } = this.s;
    const markers: ChartMarker[] = EVENTS.filter((e) => e.kind === 'remark' || e.kind === 'clarification').map((e) => ({ month: e.date, label: `${formatDay(lang, e.date, true)}: ${e.title[lang]}`, kind: 'event' }));
    const published = this.state?.published;
    if (published) markers.push({ month: published, label: `${this.t('popupPublished')}: ${formatDay(lang, published, true)}`, kind: 'published' });
    const claims: ChartClaim[] = this.mentions()
      .filter((m) => m.kind === 'figure' && m.valueUsd !== undefined && m.officialMonth)
      .map((m) => ({ month: m.officialMonth!, usdBillion: m.valueUsd! / 1e9, label: `${this.t('chartClaim')}: ${m.text}` }));
    const chart = renderChart(__TL_CHART__, this.s, { markers, claims, sourceTitle: (id) => SOURCES.get(id)?.publisher ?? id });
    $('#chart').replaceChildren(chart, el('p', { className: 'hint', text: this.t('chartHint') }));
  }

  private mentionItem(m: MentionSummary): HTMLElement {
    const { t } = this;
    const cls = classOfSummary(m);
    const words = verdictWords(m, this.s);
    const cut = m.sentence ? excerpt(m.sentence.text, m.sentence.start, m.sentence.end) : { before: '', mention: m.text, after: '' };
    const quote = el('p', { className: 'quote' }, [cut.before, el('mark', { className: `sw sw-${cls}`, text: cut.mention }), cut.after]);
    const verdict = el('p', { className: 'verdict' }, [el('strong', { text: words.verdict }), ...(words.detail ? [el('span', { text: words.detail })] : [])]);
    const show = el('button', { text: t('popupShow'), attrs: { type: 'button', 'data-action': 'show', 'data-id': m.id, 'aria-label': t('popupShowLabel', words.verdict, `${cut.before}${cut.mention}${cut.after}`) } });
    show.addEventListener('click', () => {
      if (!this.tab) return;
      const message: ShowMention = { type: 'popup:show', tabId: this.tab.id, id: m.id };
      void browser.runtime.sendMessage(message);
    });
    const sentence = `${cut.before}${cut.mention}${cut.after}`;
    const notAbout = el('button', { className: 'link', text: t('popupNotAbout'), attrs: { type: 'button', 'data-action': 'not-about', 'aria-label': t('popupNotAboutLabel', sentence) } });
    notAbout.addEventListener('click', () => this.tab && void setDismissed(this.tab.url, m.id, true, this.scope));
    const report = el('button', { className: 'link', text: t('popupCopyReport'), attrs: { type: 'button', 'data-action': 'copy-report', 'aria-label': t('popupCopyReportLabel', sentence) } });
    report.addEventListener('click', () => void this.copyReport(m));
    const actions = el('div', { className: 'actions' }, [notAbout, report]);
    return el('li', { className: `mention cls-${cls}`, attrs: { 'data-id': m.id, 'data-class': cls } }, [quote, verdict, show, actions]);
  }

  /** A mention hidden as "Not about this", with the button that brings it back. */
  private dismissedItem(m: MentionSummary): HTMLElement {
    const cut = m.sentence ? excerpt(m.sentence.text, m.sentence.start, m.sentence.end) : { before: '', mention: m.text, after: '' };
    const sentence = `${cut.before}${cut.mention}${cut.after}`;
    const restore = el('button', { className: 'link', text: this.t('popupRestore'), attrs: { type: 'button', 'data-action': 'restore', 'aria-label': this.t('popupRestoreLabel', sentence) } });
    restore.addEventListener('click', () => this.tab && void setDismissed(this.tab.url, m.id, false, this.scope));
    const quote = el('span', { className: 'quote' }, [cut.before, el('mark', { className: `sw sw-${classOfSummary(m)}`, text: cut.mention }), cut.after]);
    return el('li', { attrs: { 'data-id': m.id } }, [quote, restore]);
  }

  private async copyReport(m: MentionSummary): Promise<void> {
    await navigator.clipboard.writeText(mentionReport(m, { url: this.tab?.url ?? this.state?.url ?? '', datasetVersion: meta.datasetVersion, strings: this.s }));
    $('#mention-done').textContent = this.t('popupReportCopied');
  }

  private renderTimeline(): void {
    const { lang } = this.s;
    const list = $('#timeline');
    const shown = EVENTS.filter((e) => e.inSummary).sort((a, b) => a.date.localeCompare(b.date));
    const items: HTMLElement[] = [];
    let lastYear = '';
    const day = (iso: string) => {
      const year = iso.slice(0, 4);
      const text = formatDay(lang, iso, year !== lastYear);
      lastYear = year;
      return text;
    };
    const published = this.state?.published;
    let marked = !published;
    const mark = () => {
      items.push(el('li', { className: 'published', attrs: { 'data-kind': 'published' } }, [el('time', { text: day(published!), attrs: { datetime: published! } }), el('span', { text: this.t('popupPublished') })]));
      marked = true;
    };
    for (let i = 0; i < shown.length; i++) {
      const e = shown[i]!;
      const next = shown[i + 1];
      if (!marked && published! < e.date) mark();
      // The remark and its clarification side by side.
      if (e.kind === 'remark' && next?.kind === 'clarification') {
        items.push(el('li', { className: 'pair' }, [this.eventCard(e, day(e.date)), this.eventCard(next, day(next.date))]));
        i++;
        if (!marked && published! < (shown[i + 1]?.date ?? '9999')) mark();
        continue;
      }
      items.push(el('li', {}, [this.eventCard(e, day(e.date))]));
    }
    if (!marked) mark();
    list.replaceChildren(...items);
  }

  private eventCard(e: EpisodeEvent, dayText: string): HTMLElement {
    const { lang } = this.s;
    const { t } = this;
    const quotes = e.quotes.filter((q) => q.lang === lang);
    const originals = e.quotes.filter((q) => q.lang !== lang);
    const quoteItem = (q: EpisodeEvent['quotes'][number]) => el('blockquote', { attrs: { lang: q.lang } }, [el('p', { text: q.text }), el('cite', { text: q.outlet })]);
    const sources = e.sources.map((id) => SOURCES.get(id)).filter((s) => s !== undefined);
    const body = el('div', { className: 'event-body' }, [
      el('p', { text: e.summary[lang] }),
      ...quotes.map(quoteItem),
      ...(originals.length ? [el('details', { className: 'originals' }, [el('summary', { text: t('popupOtherLanguage', String(originals.length)) }), ...originals.map(quoteItem)])] : []),
      ...(sources.length
        ? [el('p', { className: 'sources-heading', text: t('popupSources') }), el('ul', { className: 'sources' }, sources.map((s) => el('li', {}, [el('a', { text: s.title, attrs: { href: s.url, target: '_blank', rel: 'noreferrer' } }), ` — ${s.publisher}`])))]
        : []),
    ]);
    return el('details', { className: `event kind-${e.kind}`, attrs: { 'data-event': e.id } }, [el('summary', {}, [el('time', { text: dayText, attrs: { datetime: e.date } }), el('span', { className: 'event-title', text: e.title[lang] })]), body]);
  }

  private async exportNow(how: 'copy' | 'download'): Promise<void> {
    const format = $<HTMLSelectElement>('#export-format').value as ExportFormat;
    const file = exportFile(format, {
      url: this.tab?.url ?? this.state?.url ?? '',
      title: this.tab?.title ?? '',
      mentions: this.mentions(),
      published: this.state?.published,
      datasetVersion: meta.datasetVersion,
      strings: this.s,
      now: new Date(),
    });
    const done = $('#export-done');
    if (how === 'copy') {
      await navigator.clipboard.writeText(file.text);
      done.textContent = this.t('popupExportCopied');
    } else {
      const url = URL.createObjectURL(new Blob([file.text], { type: file.mime }));
      const a = el('a', { attrs: { href: url, download: file.name } });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      done.textContent = this.t('popupExportSaved', file.name);
    }
  }
}

async function main(): Promise<void> {
  const tab = await targetTab();
  const scope = scopeOf(tab);
  const read = await readSettings(scope);
  const strings = await loadStrings(read.settings.uiLanguage);
  const popup = new Popup(strings, tab, scope);
  popup.renderStatic();
  popup.bindControls();
  popup.renderSettings(read);
  void popup.renderShortcuts();
  watchSettings((next) => popup.renderSettings(next), scope);
  if (tab) {
    popup.setDismissed(await dismissedOn(tab.url, scope));
    watchDismissed(() => tab.url, (ids) => popup.setDismissed(ids), scope);
    popup.setState(await readState(tab.id));
    const key = tabStateKey(tab.id);
    browser.storage.session.onChanged.addListener((changes) => {
      if (changes[key]) popup.setState(changes[key].newValue as TabState | undefined);
    });
  } else popup.setState(undefined);
  document.documentElement.dataset.ready = '1';
}

void main();
