/**
 * Watches the page's DOM for changes that can change what we found, as uBlock Origin and Dark Reader do:
 * records are only collected in the observer's callback, and judged once per frame.
 */
import { mayMatter } from '../../engine/analyze';
import type { Dataset } from '../../engine/dataset';
import { OWN_UI_ATTR } from '../text-blocks';
import type { Lifetime } from './lifetime';
import type { Painted } from './painted';

/** A mutation batch with more records than this triggers one full rescan without looking closer (Dark Reader's HUGE_MUTATIONS_COUNT). */
export const HUGE_MUTATIONS_COUNT = 1000;
/** Characters of added text inspected per batch before we simply rescan. */
export const ADDED_TEXT_INSPECT_LIMIT = 50_000;
/** Fallback when animation frames are throttled (background tabs). */
export const FRAME_FALLBACK_MS = 250;

/** Whether a node is in our own UI (the card's host, our style sheet): its changes are never the page's. */
export function isOwn(node: Node | null): boolean {
  for (let n: Node | null = node; n; n = n.parentNode) {
    if (n.nodeType === 1) {
      const el = n as Element;
      if (el.hasAttribute(OWN_UI_ATTR)) return true;
    }
  }
  return false;
}

const broken = (r: Range) => !r.startContainer.isConnected || !r.endContainer.isConnected || r.collapsed;

/** Whether a batch of DOM changes can change what we found: a painted range broke, or topic text arrived. */
export function batchMatters(ds: Dataset, batch: readonly MutationRecord[], painted: readonly Painted[]): boolean {
  if (batch.length > HUGE_MUTATIONS_COUNT) return true;
  if (painted.some((p) => broken(p.range))) return true;
  let inspected = 0;
  const parts: string[] = [];
  for (const r of batch) {
    if (isOwn(r.target)) continue;
    if (r.type === 'characterData') {
      parts.push((r.target as CharacterData).data);
      continue;
    }
    for (const n of Array.from(r.addedNodes)) {
      if ((n.nodeType !== 1 && n.nodeType !== 3) || isOwn(n)) continue;
      const t = n.textContent ?? '';
      inspected += t.length;
      parts.push(t);
      if (inspected > ADDED_TEXT_INSPECT_LIMIT) return true;
    }
  }
  const added = parts.join('\n');
  return added.length > 0 && mayMatter(ds, added);
}

/** Every change to the tree and its text (attributes do not change what a reader reads). */
export const OBSERVED = { childList: true, subtree: true, characterData: true };

export type MutationWatch = {
  /** Also watches a shadow root (the document's observer does not see into them). */
  watchRoot(root: ShadowRoot): void;
  /**
   * Stops watching until `resume`: a rescan is already due and will read the whole page, so nothing a
   * change could tell us is news. Under churn (a live blog, a ticker) this spares every change its
   * MutationRecord and our per-frame look at it while the scheduler backs off.
   */
  pause(): void;
  /** Watches again; called as a scan starts, before it reads the page, so no change falls between. */
  resume(): void;
};

/**
 * Calls `onChange` (at most once a frame) when the DOM changed in a way that matters.
 */
export function watchMutations(life: Lifetime, doc: Document, matters: (batch: MutationRecord[]) => boolean, onChange: () => void): MutationWatch {
  let pending: MutationRecord[] = [];
  let scheduled = false;
  let paused = false;
  const flush = () => {
    if (!scheduled) return;
    scheduled = false;
    const batch = pending;
    pending = [];
    if (!paused && matters(batch)) onChange();
  };
  const observer = new MutationObserver((records) => {
    for (const r of records) pending.push(r);
    if (scheduled) return;
    scheduled = true;
    life.frame(flush);
    life.timeout(flush, FRAME_FALLBACK_MS);
  });
  const roots = new Set<ShadowRoot>();
  const observeAll = () => {
    observer.observe(doc.documentElement, OBSERVED);
    for (const root of roots) observer.observe(root, OBSERVED);
  };
  observeAll();
  life.onStop(() => {
    observer.disconnect();
    roots.clear();
  });
  return {
    watchRoot: (root) => {
      if (life.stopped || roots.has(root)) return;
      roots.add(root);
      if (!paused) observer.observe(root, OBSERVED);
    },
    pause: () => {
      if (paused || life.stopped) return;
      paused = true;
      observer.disconnect();
      pending = [];
    },
    resume: () => {
      if (!paused || life.stopped) return;
      paused = false;
      observeAll();
    },
  };
}
