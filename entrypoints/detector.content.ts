import type { DetectorResult } from '@/src/messages';

// Compiled at build time from data/vocabulary.json (see wxt.config.ts), so this script carries no dataset.
declare const __TL_TRIGGER__: string;

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main() {
    const started = performance.now();
    const trigger = new RegExp(__TL_TRIGGER__, 'iu');
    // textContent, not innerText: innerText forces a layout on pages that have nothing for us.
    const hit = trigger.test(document.title) || trigger.test(document.body?.textContent ?? '');
    const message: DetectorResult = { type: 'detector:result', hit, ms: performance.now() - started };
    browser.runtime.sendMessage(message).catch(() => {
      // The background may be restarting after an update; the next navigation reports again.
    });
  },
});
