/**
 * While the page churns (churn.ts), only the mentions near the viewport stay in the highlight registry:
 * Chromium repaints every highlighted text node on each frame the page changes, and a highlight far off
 * screen is a repaint nobody sees. An IntersectionObserver on the elements holding the mentions (no
 * layout of ours: the browser computes it with its frame) tells which are within NEAR_VIEWPORT_MARGIN of
 * the screen; scrolling brings theirs back before they show. Calm again, every highlight returns.
 */
import type { Lifetime } from './lifetime';
import type { Painted } from './painted';

/** How far off screen a mention keeps its highlight (a quarter of a screen: a few frames of scrolling), so a scroll finds it painted. */
export const NEAR_VIEWPORT_MARGIN = '25% 0px';

const holderOf = (p: Painted): Element | null => {
  const node = p.range.startContainer;
  return node.nodeType === 1 ? (node as Element) : node.parentElement;
};

export class NearViewport {
  private observer: IntersectionObserver | undefined;
  /** Elements near the viewport; undefined until the observer has first reported (all stay painted until then). */
  private near: Set<Element> | undefined;
  private observed = new Set<Element>();

  constructor(
    private readonly life: Lifetime,
    /** The set of near mentions changed: paint again. */
    private readonly changed: () => void,
  ) {
    life.onStop(() => this.stop());
  }

  start(painted: readonly Painted[]): void {
    if (this.observer || this.life.stopped) return;
    this.observer = new IntersectionObserver(
      (entries) => {
        const near = this.near ?? new Set<Element>();
        for (const e of entries) {
          if (e.isIntersecting) near.add(e.target);
          else near.delete(e.target);
        }
        this.near = near;
        this.changed();
      },
      { rootMargin: NEAR_VIEWPORT_MARGIN },
    );
    this.follow(painted);
  }

  /** After a scan: the painted mentions' elements are the ones observed. */
  follow(painted: readonly Painted[]): void {
    if (!this.observer) return;
    const holders = new Set<Element>();
    for (const p of painted) {
      const el = holderOf(p);
      if (el) holders.add(el);
    }
    for (const el of this.observed) {
      if (holders.has(el)) continue;
      this.observer.unobserve(el);
      this.near?.delete(el);
    }
    for (const el of holders) if (!this.observed.has(el)) this.observer.observe(el);
    this.observed = holders;
  }

  stop(): void {
    this.observer?.disconnect();
    this.observer = undefined;
    this.near = undefined;
    this.observed.clear();
  }

  /** What to paint: everything, or while churning, the mentions near the viewport. */
  filter<T extends Painted>(items: T[]): T[] {
    const near = this.near;
    if (!near) return items;
    return items.filter((p) => {
      const el = holderOf(p);
      return el !== null && near.has(el);
    });
  }
}
