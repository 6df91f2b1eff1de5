/**
 * Whether the page churns: its DOM changes in window after window (a live blog, a ticker, a clock).
 * Chromium rebuilds every custom-highlight marker and repaints every highlighted text node after any DOM
 * or style change (HighlightRegistry::ValidateHighlightMarkers, once a frame), so under churn each
 * highlight costs the page a repaint a frame, wherever the change was.
 *
 * Told by sampling, not by watching every change: a MutationObserver that stops at its first record and
 * is armed again a window later, so a storm of changes costs a few callbacks a second. An idle page costs
 * nothing: the windows only tick after a change.
 */
import type { Lifetime } from './lifetime';
import { isOwn, OBSERVED } from './mutations';

/** One sampling window. */
export const CHURN_WINDOW_MS = 250;
/** Windows in a row with a change before the page counts as churning (a second of change: a page's own one-off updates do not). */
export const CHURN_WINDOWS = 4;
/** Windows in a row without a change before a churning page counts as calm again. */
export const CALM_WINDOWS = 4;

const ours = (r: MutationRecord) => isOwn(r.target) || (r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every(isOwn));

export function watchChurn(life: Lifetime, doc: Document, onChange: (churning: boolean) => void): void {
  let churning = false;
  let changed = false;
  let busy = 0;
  let quiet = 0;
  let ticking = false;
  const observer = new MutationObserver((records) => {
    // Our card opening or closing is not the page changing.
    if (records.every(ours)) return;
    changed = true;
    observer.disconnect();
    if (!ticking) {
      ticking = true;
      life.timeout(tick, CHURN_WINDOW_MS);
    }
  });
  const arm = () => observer.observe(doc.documentElement, OBSERVED);
  const tick = () => {
    if (changed) {
      busy++;
      quiet = 0;
    } else {
      quiet++;
      busy = 0;
    }
    changed = false;
    arm();
    if (!churning && busy >= CHURN_WINDOWS) {
      churning = true;
      onChange(true);
    } else if (churning && quiet >= CALM_WINDOWS) {
      churning = false;
      onChange(false);
    }
    // A calm page waits for its next change with no timer running.
    if (!churning && quiet > 0) {
      ticking = false;
      busy = 0;
      return;
    }
    life.timeout(tick, CHURN_WINDOW_MS);
  };
  arm();
  life.onStop(() => observer.disconnect());
}
