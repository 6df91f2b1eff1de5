import events from '@/data/events.json';
import meta from '@/data/meta.json';
import { EVENT_KIND_OF_REMARK, type RemarkKind } from '@/src/data/kinds';
import { tabStateKey, type CommandName, type MentionSummary, type PopupCommand, type ShowMention, type TabState } from '@/src/messages';
import { CARD_OPEN_MODES, cardOpenMode, cardOpenModeItem, disabledSites, highlightsEnabled, highlightsEnabledItem, setSiteDisabled, siteOf } from '@/src/settings';

type MessageKey = Parameters<typeof browser.i18n.getMessage>[0];
const t = (key: MessageKey, ...subs: string[]) => browser.i18n.getMessage(key, subs) || key;
const lang = browser.i18n.getUILanguage().startsWith('ja') ? 'ja' : 'en';
const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;

/** The tab the popup acts on: the active tab, or `?tab=<id>` when the popup is opened as a page. */
async function targetTab(): Promise<{ id: number; url: string } | undefined> {
  const param = new URLSearchParams(location.search).get('tab');
  if (param && /^\d+$/.test(param)) {
    const id = Number(param);
    const key = tabStateKey(id);
    const state = (await browser.storage.session.get(key))[key] as TabState | undefined;
    return { id, url: state?.url ?? '' };
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined) return undefined;
  const key = tabStateKey(tab.id);
  const state = (await browser.storage.session.get(key))[key] as TabState | undefined;
  return { id: tab.id, url: tab.url ?? state?.url ?? '' };
}

function verdictText(m: MentionSummary): string {
  if (m.kind === 'remark') {
    // Which statement, from the dataset's timeline (the event of the kind the sentence reports).
    const eventOf = (r: RemarkKind) => events.events.find((e) => e.kind === EVENT_KIND_OF_REMARK[r]);
    const event = m.remark ? eventOf(m.remark) : undefined;
    const other = m.unsure && m.alternative ? eventOf(m.alternative) : undefined;
    if (event && other) return t('popupRemarkUnsure', event.title[lang], event.date, other.title[lang], other.date);
    const verdict = m.remarkVerdict && m.remarkVerdict !== 'reported' ? ` — ${t(`popupRemarkVerdict_${m.remarkVerdict}` as MessageKey)}` : '';
    return event ? t('popupRemark', event.title[lang], event.date) + verdict : '';
  }
  const status = m.status ?? 'unchecked';
  if (m.subject === 'japan_fx_reserves' && status === 'consistent') return t('popupStatus_reserves');
  const key = `popupStatus_${status}` as MessageKey;
  if (m.conversion) return `${t('popupStatus_conversion')} — ${t(key)}`;
  return t(key);
}

function renderMentions(tabId: number, state: TabState | undefined) {
  const list = $('#mentions');
  list.replaceChildren();
  const mentions = state?.mentions ?? [];
  $('#status').textContent = !state
    ? t('popupNotScanned')
    : mentions.length
      ? t('popupFoundCount', String(mentions.length))
      : state.hit
        ? t('popupTopicNoMentions')
        : t('popupTopicNotFound');
  for (const m of mentions) {
    const li = document.createElement('li');
    const text = document.createElement('span');
    text.className = 'text';
    text.textContent = m.text;
    text.title = m.text;
    const verdict = document.createElement('span');
    verdict.className = 'verdict';
    verdict.textContent = verdictText(m);
    const show = document.createElement('button');
    show.type = 'button';
    show.textContent = t('popupShow');
    show.setAttribute('aria-label', `${t('popupShow')}: ${m.text.slice(0, 80)}`);
    show.addEventListener('click', () => {
      const message: ShowMention = { type: 'popup:show', tabId, id: m.id };
      void browser.runtime.sendMessage(message);
    });
    li.append(text, show, verdict);
    list.append(li);
  }
  $<HTMLButtonElement>('[data-action="next-mention"]').disabled = mentions.length === 0;
}

function renderTimeline() {
  const list = $('#timeline');
  list.replaceChildren();
  for (const e of events.events.filter((e) => e.inSummary)) {
    const li = document.createElement('li');
    const time = document.createElement('time');
    time.dateTime = e.date;
    time.textContent = e.date;
    const title = document.createElement('span');
    title.textContent = e.title[lang];
    li.append(time, title);
    list.append(li);
  }
}

async function render() {
  document.documentElement.lang = lang;
  $('#title').textContent = t('extName');
  $('#page-heading').textContent = t('popupThisPage');
  $('#timeline-heading').textContent = t('popupTimeline');
  $('#dataset').textContent = t('popupDatasetVersion', meta.datasetVersion, meta.latestHoldingsMonth);
  $('[data-action="next-mention"]').textContent = t('popupNextMention');
  renderTimeline();

  const tab = await targetTab();
  const toggle = $<HTMLButtonElement>('[data-action="toggle-highlights"]');
  const paintToggle = (on: boolean) => {
    toggle.textContent = on ? t('popupHideHighlights') : t('popupShowHighlights');
    toggle.setAttribute('aria-pressed', String(on));
  };
  paintToggle(await highlightsEnabled());
  highlightsEnabledItem.watch((v) => paintToggle(v !== false));

  const send = (command: CommandName) => {
    if (!tab) return;
    const message: PopupCommand = { type: 'popup:command', command, tabId: tab.id };
    void browser.runtime.sendMessage(message);
  };
  toggle.addEventListener('click', () => send('toggle-highlights'));
  $('[data-action="next-mention"]').addEventListener('click', () => send('next-mention'));

  const site = tab ? siteOf(tab.url) : undefined;
  const checkbox = $<HTMLInputElement>('#site-disabled');
  $('#site-label').textContent = site ? t('popupDisableSite', site) : t('popupNoSite');
  checkbox.disabled = !site;
  checkbox.checked = Boolean(site && (await disabledSites()).includes(site));
  checkbox.addEventListener('change', () => {
    if (site) void setSiteDisabled(site, checkbox.checked);
  });

  // How cards open, for every page at once (the annotator watches the setting).
  const openMode = $<HTMLSelectElement>('#open-mode');
  $('#open-mode-label').textContent = t('popupOpenMode');
  openMode.replaceChildren(...CARD_OPEN_MODES.map((mode) => new Option(t(`popupOpenMode_${mode}`), mode)));
  openMode.value = await cardOpenMode();
  openMode.addEventListener('change', () => void cardOpenModeItem.setValue(openMode.value as (typeof CARD_OPEN_MODES)[number]));

  if (!tab) return renderMentions(-1, undefined);
  const key = tabStateKey(tab.id);
  renderMentions(tab.id, (await browser.storage.session.get(key))[key] as TabState | undefined);
  browser.storage.session.onChanged.addListener((changes) => {
    if (changes[key]) renderMentions(tab.id, changes[key].newValue as TabState | undefined);
  });
}

void render();
