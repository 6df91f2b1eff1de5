/** The first-run page: what the highlight styles mean, what the card shows, that nothing leaves the browser, the shortcuts. */
import type { MessageKey } from '@/src/page/i18n';
import { readSettings } from '@/src/settings';
import { el, legendStyles, MENTION_CLASSES } from '@/src/ui/dom';
import { loadStrings } from '@/src/ui/strings';

const $ = (selector: string) => document.querySelector<HTMLElement>(selector)!;

async function main(): Promise<void> {
  const { t, lang } = await loadStrings((await readSettings()).settings.uiLanguage);
  document.documentElement.lang = lang;
  document.head.append(el('style', { text: legendStyles() }));
  document.title = t('welcomeTitle');
  const set = (id: string, key: MessageKey) => ($(id).textContent = t(key));
  set('#title', 'welcomeTitle');
  set('#intro', 'welcomeIntro');
  set('#h-styles', 'welcomeStyles');
  set('#h-card', 'welcomeCardHeading');
  set('#card', 'welcomeCard');
  set('#h-privacy', 'welcomePrivacyHeading');
  set('#privacy', 'welcomePrivacy');
  set('#h-keys', 'popupShortcuts');
  set('#options', 'popupOptions');
  $('#styles').replaceChildren(
    ...MENTION_CLASSES.map((cls) =>
      el('li', { attrs: { 'data-class': cls } }, [el('span', { className: `sw sw-${cls}`, text: t(`welcomeSample_${cls}` as MessageKey) }), el('span', { text: t(`welcomeMeaning_${cls}` as MessageKey) })]),
    ),
  );
  const commands = await browser.commands.getAll().catch(() => []);
  const shortcut = (name: string, fallback: string) => commands.find((c) => c.name === name)?.shortcut || fallback;
  $('#keys').replaceChildren(
    el('dt', { text: shortcut('toggle-highlights', 'Alt+Shift+T') }),
    el('dd', { text: t('commandToggle') }),
    el('dt', { text: shortcut('next-mention', 'Alt+Shift+N') }),
    el('dd', { text: t('commandNext') }),
  );
  $('#options').addEventListener('click', () => void browser.runtime.openOptionsPage());
  document.documentElement.dataset.ready = '1';
}

void main();
