/**
 * The highlights' guard: a page may clear CSS.highlights or remove our style sheet, and the extension may
 * be reloaded, updated or turned off under a running copy. A check every HIGHLIGHT_CHECK_MS repaints what
 * the page removed (at most MAX_REPAINTS times), and stops an orphaned copy (WXT notices that
 * `runtime.id` is gone), so its highlights and card leave even where no new copy comes to replace them.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Lifetime } from './lifetime';

export const HIGHLIGHT_CHECK_MS = 2000;
export const MAX_REPAINTS = 10;

export type Guarded = {
  /** Whether highlights should be on the page and are not all there. */
  broken(): boolean;
  repaint(): void;
};

export function guardHighlights(life: Lifetime, ctx: ContentScriptContext, guarded: Guarded, left = MAX_REPAINTS): void {
  life.timeout(() => {
    // Aborts the context, which ends the lifetime: highlights, card and listeners go.
    if (ctx.isInvalid) return;
    const broken = guarded.broken();
    if (broken) guarded.repaint();
    if (!broken || left > 1) guardHighlights(life, ctx, guarded, broken ? left - 1 : left);
  }, HIGHLIGHT_CHECK_MS);
}
