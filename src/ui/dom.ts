/**
 * DOM helpers for the extension's own pages. Text goes in as text nodes only (page text never reaches
 * innerHTML), and the legend's swatches take their colours and line styles from the highlighter's palette.
 */
import type { MessageKey } from '../page/i18n';
import { PALETTE } from '../page/highlighter';
import type { ReadSettings } from '../settings';
import type { Strings } from './strings';

export const MENTION_CLASSES = ['disputed', 'consistent', 'context', 'remark'] as const;
export type MentionClass = (typeof MENTION_CLASSES)[number];

type Options = { className?: string; text?: string; attrs?: Record<string, string> };

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, opts: Options = {}, children: ReadonlyArray<Node | string> = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (opts.className) node.className = opts.className;
  if (opts.text !== undefined) node.textContent = opts.text;
  for (const [name, value] of Object.entries(opts.attrs ?? {})) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** `.sw-<class>` rules: the page's highlight for each class, light and dark. */
export function legendStyles(): string {
  const rules = (theme: 'light' | 'dark') =>
    MENTION_CLASSES.map((c) => {
      const p = PALETTE[c];
      return `.sw-${c} { background-color: ${p[theme].bg}; text-decoration: underline ${p.style} ${p[theme].line} ${p.px}px; text-decoration-skip-ink: none; text-underline-offset: 2px; }`;
    }).join('\n');
  return `${rules('light')}\n@media (prefers-color-scheme: dark) {\n${rules('dark')}\n}\n@media (forced-colors: active) { .sw { background-color: Mark; color: MarkText; } }`;
}

/** Shows which stored settings were not valid and what is used instead, with a button to write the repair. */
export function settingsNotice(box: HTMLElement, read: ReadSettings, { t }: Strings, repair: () => void): void {
  box.hidden = read.problems.length === 0;
  if (box.hidden) return box.replaceChildren();
  const items = read.problems.map((p) => {
    const name = t(`settingName_${p.name}` as MessageKey);
    return el('li', { text: p.dropped ? t('settingsProblemEntries', name, String(p.dropped)) : t('settingsProblemDefault', name) });
  });
  const button = el('button', { text: t('settingsRepair'), attrs: { type: 'button' } });
  button.addEventListener('click', repair);
  box.replaceChildren(el('p', { text: t('settingsProblemIntro') }), el('ul', {}, items), button);
}
