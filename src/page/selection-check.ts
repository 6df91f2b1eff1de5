/**
 * "Check with Treasury Lens" (the context menu on selected text): the engine on the selection alone, on
 * any page — one the detector passed over, or a site turned off, since the reader asked — and the result
 * in the card, anchored to the selection: the first mention the engine flags there, or a card saying
 * there is nothing to check. Independent of the annotator: it paints nothing and keeps no state but its
 * card, which closes with Escape, its close button, or a click elsewhere.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Analyze } from './annotator/scan';
import { scopeOf } from '../private-session';
import { readSettings } from '../settings';
import type { Card } from './card';
import { pageTheme, type Theme } from './highlighter';
import { cardLang, type Lang } from './i18n';
import { pageLanguage, publicationDate } from './metadata';

export type SelectionCheckDeps = {
  ctx: ContentScriptContext;
  /** The engine (in the background, as for the annotator). */
  analyze: Analyze;
  uiLang: string;
  createCard: (lang: Lang, theme: Theme) => Promise<Card>;
};

/** What a check found: the selection's flagged mentions (none: the "nothing to check" card), or no selection at all. */
export type SelectionResult = { checked: false } | { checked: true; flagged: number };

export function selectionChecker({ ctx, analyze, uiLang, createCard }: SelectionCheckDeps): () => Promise<SelectionResult> {
  let card: Card | undefined;
  let checks = 0;
  ctx.addEventListener(
    document,
    'pointerdown',
    (e) => {
      if (card?.isOpen() && !card.isPinned() && !card.contains(e.target)) card.hide({ restoreFocus: false });
    },
    { capture: true },
  );
  return async () => {
    const selection = document.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return { checked: false };
    const range = selection.getRangeAt(0).cloneRange();
    const published = publicationDate(document);
    const mentions = await analyze(selection.toString(), { lang: pageLanguage(document) ?? '', ...(published ? { published } : {}) });
    const flagged = mentions.filter((m) => m.flagged);
    const lang = cardLang((await readSettings(scopeOf())).settings.uiLanguage, pageLanguage(document), uiLang);
    card ??= await createCard(lang, pageTheme(document, window));
    card.setLang(lang);
    // A new id each time: checking again shows the card afresh.
    card.show({ id: `selection-${++checks}`, mention: flagged[0], range, whole: true, page: { aboutRemarks: flagged.some((m) => m.kind === 'remark') } }, { focus: false });
    return { checked: true, flagged: flagged.length };
  };
}
