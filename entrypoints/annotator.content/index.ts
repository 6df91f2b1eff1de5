import { bundledDataset } from '@/src/data/bundled';
import { buildDataset } from '@/src/engine/dataset';
import type { AnnotatorCommand } from '@/src/messages';
import { Annotator } from '@/src/page/annotator';
import { createCard } from '@/src/page/card';
import { keepHandshakeFromPage } from '@/src/page/handshake';

// Injected by the background (scripting.executeScript) only into pages the detector found relevant.
export default defineContentScript({
  registration: 'runtime',
  matches: [],
  // The card brings its own CSS into its shadow root (card.ts); nothing is injected into the page.
  cssInjectionMode: 'manual',
  // The page must not learn our id from WXT's start-up message, nor switch us off with a forged one.
  noScriptStartedPostMessage: true,
  async main(ctx) {
    keepHandshakeFromPage(ctx, () => Boolean(browser.runtime?.id));
    // A second injection into the same document (e.g. after a bfcache restore) reuses the first, unless
    // that one has stopped (the site was turned off, then on again).
    const g = globalThis as { __treasuryLensAnnotator?: Annotator };
    if (g.__treasuryLensAnnotator && !g.__treasuryLensAnnotator.stopped) return;
    const ds = buildDataset(bundledDataset);
    const onMessage = (message: unknown) => {
      const m = message as AnnotatorCommand;
      if (m?.type === 'annotator:command' || m?.type === 'annotator:show') return annotator.command(m).then(() => true);
      return undefined;
    };
    const annotator: Annotator = new Annotator({
      ctx,
      ds,
      uiLang: browser.i18n.getUILanguage(),
      createCard: (lang, theme) => createCard(ctx, ds, { lang, theme }),
      report: (report) => {
        // For `npm run bench -- --firefox` (see detector.content.ts): the build in mode "bench" only.
        if (import.meta.env.MODE === 'bench') {
          const { mentions: _, ...figures } = report;
          document.documentElement.dataset.treasuryLensAnnotator = JSON.stringify({ ...figures, at: Date.now() });
        }
        browser.runtime?.sendMessage(report).catch(() => {
          // The background restarts on its own; the next scan reports again.
        });
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
