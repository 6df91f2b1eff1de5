import { bundledDataset } from '@/src/data/bundled';
import { buildDataset } from '@/src/engine/dataset';
import type { AnnotatorCommand } from '@/src/messages';
import { Annotator } from '@/src/page/annotator';
import { createCard } from '@/src/page/card';

// Injected by the background (scripting.executeScript) only into pages the detector found relevant.
export default defineContentScript({
  registration: 'runtime',
  matches: [],
  // The card brings its own CSS into its shadow root (card.ts); nothing is injected into the page.
  cssInjectionMode: 'manual',
  async main(ctx) {
    // A second injection into the same document (e.g. after a bfcache restore) reuses the first.
    const g = globalThis as { __treasuryLensAnnotator?: Annotator };
    if (g.__treasuryLensAnnotator) return;
    const ds = buildDataset(bundledDataset);
    const annotator = new Annotator({
      ctx,
      ds,
      uiLang: browser.i18n.getUILanguage(),
      createCard: (lang, theme) => createCard(ctx, ds, { lang, theme }),
      report: (report) => {
        browser.runtime.sendMessage(report).catch(() => {
          // The background restarts on its own; the next scan reports again.
        });
      },
    });
    g.__treasuryLensAnnotator = annotator;
    ctx.onInvalidated(() => {
      delete g.__treasuryLensAnnotator;
    });
    browser.runtime.onMessage.addListener((message: unknown) => {
      const m = message as AnnotatorCommand;
      if (m?.type === 'annotator:command' || m?.type === 'annotator:show') return annotator.command(m).then(() => true);
      return undefined;
    });
    await annotator.start();
  },
});
