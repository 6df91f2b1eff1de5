import { bundledDataset } from '@/src/data/bundled';
import { buildDataset } from '@/src/engine/dataset';
import { SELECTION_ONLY_FLAG, type AnnotatorCommand, type CardOpened, type CardOpenedElsewhere, type SelectionCheck } from '@/src/messages';
import { analyzeInBackground } from '@/src/page/annotator/remote-engine';
import { Annotator } from '@/src/page/annotator';
import { createCard } from '@/src/page/card';
import { keepHandshakeFromPage } from '@/src/page/handshake';
import { selectionChecker } from '@/src/page/selection-check';

// Injected by the background (scripting.executeScript) into pages the detector found relevant, and into
// any page for "Check with Treasury Lens" on a selection (then it only answers that).
export default defineContentScript({
  registration: 'runtime',
  matches: [],
  // The card brings its own CSS into its shadow root (card.ts); nothing is injected into the page.
  cssInjectionMode: 'manual',
  // The page must not learn our id from WXT's start-up message, nor switch us off with a forged one.
  noScriptStartedPostMessage: true,
  async main(ctx) {
    keepHandshakeFromPage(ctx, () => Boolean(browser.runtime?.id));
    const g = globalThis as { __treasuryLensAnnotator?: Annotator; __treasuryLensSelection?: boolean } & Partial<Record<typeof SELECTION_ONLY_FLAG, boolean>>;
    const selectionOnly = g[SELECTION_ONLY_FLAG] === true;
    delete g[SELECTION_ONLY_FLAG];
    const ds = buildDataset(bundledDataset);
    // One selection checker per document, whichever copy of this script came first, for its lifetime.
    if (!g.__treasuryLensSelection) {
      g.__treasuryLensSelection = true;
      const check = selectionChecker({ ctx, analyze: analyzeInBackground, uiLang: browser.i18n.getUILanguage(), createCard: (lang, theme) => createCard(ctx, ds, { lang, theme }) });
      const onCheck = (message: unknown) => ((message as SelectionCheck)?.type === 'annotator:check-selection' ? check() : undefined);
      browser.runtime.onMessage.addListener(onCheck);
      ctx.onInvalidated(() => {
        browser.runtime.onMessage.removeListener(onCheck);
        delete g.__treasuryLensSelection;
      });
    }
    if (selectionOnly) return;
    // A second injection into the same document (e.g. after a bfcache restore) reuses the first, unless
    // that one has stopped (the site was turned off, then on again).
    if (g.__treasuryLensAnnotator && !g.__treasuryLensAnnotator.stopped) return;
    const onMessage = (message: unknown) => {
      const m = message as AnnotatorCommand | CardOpenedElsewhere;
      if (m?.type === 'annotator:command' || m?.type === 'annotator:show') return annotator.command(m).then(() => true);
      if (m?.type === 'annotator:card-opened') annotator.cardOpenedElsewhere(m.opener);
      return undefined;
    };
    const annotator: Annotator = new Annotator({
      ctx,
      ds,
      analyze: analyzeInBackground,
      uiLang: browser.i18n.getUILanguage(),
      createCard: (lang, theme) => createCard(ctx, ds, { lang, theme }),
      report: (report) => {
        // For `npm run bench -- --firefox` (see entrypoints/detector.ts): the build in mode "bench" only.
        if (import.meta.env.MODE === 'bench') {
          const { mentions: _, ...figures } = report;
          document.documentElement.dataset.treasuryLensAnnotator = JSON.stringify({ ...figures, at: Date.now() });
        }
        browser.runtime?.sendMessage(report).catch(() => {
          // The background restarts on its own; the next scan reports again.
        });
      },
      cardOpened: (opener) => {
        const opened: CardOpened = { type: 'card:opened', opener };
        browser.runtime?.sendMessage(opened).catch(() => undefined);
      },
      stopped: () => {
        // An orphaned copy (the extension reloaded) has no runtime left, nor its listeners.
        browser.runtime?.onMessage.removeListener(onMessage);
        if (g.__treasuryLensAnnotator === annotator) delete g.__treasuryLensAnnotator;
      },
    });
    g.__treasuryLensAnnotator = annotator;
    browser.runtime.onMessage.addListener(onMessage);
    await annotator.start();
  },
});
