/**
 * The pointer: which mention is under it, hover with intent (mouse and pen only), and a click or tap
 * on a mention. A highlight is not an element, so the test is geometric: the caret position under the
 * pointer, inside the mention's hot area (a figure's text, a remark's reporting phrase) and on its boxes.
 */
import type { Lifetime } from './lifetime';
import type { Painted } from './painted';

/** Hover intent: the pointer rests this long on a highlight before the card opens. */
export const HOVER_OPEN_DELAY_MS = 180;
/** Slack around a hot area's boxes, px: a fingertip is less precise than a mouse. */
const SLACK_PX = { mouse: 2, touch: 8 } as const;

export type PointerKind = keyof typeof SLACK_PX;

/** The caret under the point; inside the shadow roots given where the browser can say (Chrome 128+). */
function caretAt(doc: Document, x: number, y: number, shadowRoots: ShadowRoot[]): { node: Node; offset: number } | undefined {
  const d = doc as Document & {
    caretPositionFromPoint?: (x: number, y: number, options?: { shadowRoots: ShadowRoot[] }) => { offsetNode: Node; offset: number } | null;
    caretRangeFromPoint?: (x: number, y: number) => Range | null;
  };
  if (d.caretPositionFromPoint) {
    const p = shadowRoots.length ? d.caretPositionFromPoint(x, y, { shadowRoots }) : d.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : undefined;
  }
  const r = d.caretRangeFromPoint?.(x, y);
  return r ? { node: r.startContainer, offset: r.startOffset } : undefined;
}

/** The part of a mention that responds to the pointer. */
export const hotRange = (p: Painted): Range => p.phrase ?? p.range;

/** The mention whose hot area is under (x, y); a figure inside a remark sentence wins, being more specific. */
export function hitTest(doc: Document, painted: readonly Painted[], x: number, y: number, kind: PointerKind = 'mouse'): Painted | undefined {
  if (!painted.length) return undefined;
  const roots = [...new Set(painted.flatMap((p) => (p.root ? [p.root] : [])))];
  const caret = caretAt(doc, x, y, roots);
  if (!caret) return undefined;
  const slack = SLACK_PX[kind];
  let best: Painted | undefined;
  for (const p of painted) {
    const range = hotRange(p);
    let inRange: boolean;
    try {
      inRange = range.isPointInRange(caret.node, caret.offset);
    } catch {
      inRange = false;
    }
    // A browser that cannot place the caret inside a shadow root puts it on the host: there the boxes alone decide.
    if (!inRange && !p.root) continue;
    // The caret APIs snap to the nearest character even beside the text: check the pointer is on it.
    const inside = Array.from(range.getClientRects()).some((r) => x >= r.left - slack && x <= r.right + slack && y >= r.top - slack && y <= r.bottom + slack);
    if (!inside) continue;
    if (!best || p.mention.end - p.mention.start < best.mention.end - best.mention.start) best = p;
  }
  return best;
}

export type PointerEvents = {
  /** The mentions on the page now (empty while highlights are off). */
  painted(): readonly Painted[];
  /** Whether a resting mouse opens cards (the open-mode setting, resolved for this device). */
  hoverOpens(): boolean;
  /** Whether an event target is inside our card. */
  onCard(target: EventTarget | null): boolean;
  /** The pointer rested on a mention, or clicked or tapped it. */
  open(p: Painted, how: 'hover' | 'click', point: { x: number; y: number }): void;
  /** The pointer is on no mention and not on the card. */
  left(): void;
  /** The pointer came back onto the mention whose card is open. */
  back(p: Painted): void;
  /** A click or tap on the page outside the card and every mention. */
  outside(): void;
};

export type PointerWatch = {
  /** A card opened in another frame of the tab: the pointer is there now, so no hover begun here opens a card. */
  forget(): void;
};

/**
 * Hover is decided on the next animation frame, which can come long after the move (a busy or slowly
 * drawing page): by then a click, or a card opened in another frame, has settled what the move was
 * about, and the move starts nothing.
 */
export function watchPointer(life: Lifetime, doc: Document, on: PointerEvents): PointerWatch {
  let cancelHover: (() => void) | undefined;
  let framePending = false;
  /** The latest move not yet decided on; undefined once something settled it. */
  let last: { x: number; y: number; target: EventTarget | null } | undefined;
  let hovering: Painted | undefined;

  const stopHover = () => {
    cancelHover?.();
    cancelHover = undefined;
  };

  const onFrame = () => {
    framePending = false;
    if (!last) return;
    const { x, y, target } = last;
    if (on.onCard(target)) return;
    const hit = hitTest(doc, on.painted(), x, y);
    if (hit && hit === hovering) {
      on.back(hit);
      return;
    }
    stopHover();
    hovering = hit;
    if (!hit) {
      on.left();
      return;
    }
    on.back(hit);
    if (!on.hoverOpens()) return;
    cancelHover = life.timeout(() => {
      cancelHover = undefined;
      on.open(hit, 'hover', { x, y });
    }, HOVER_OPEN_DELAY_MS);
  };

  life.listen(
    doc,
    'pointermove',
    (e) => {
      // Touch moves are scrolls and drags, not hovering: a touch screen opens cards by tap only.
      if (e.pointerType === 'touch' || !on.painted().length) return;
      last = { x: e.clientX, y: e.clientY, target: e.target };
      if (framePending) return;
      framePending = true;
      life.frame(onFrame);
    },
    { passive: true },
  );

  // A click or tap: `click` fires for both, after the browser has decided it was not a scroll or a drag.
  // Capture, so a page that stops propagation cannot keep our card from opening; nothing is prevented.
  let lastKind: PointerKind = 'mouse';
  life.listen(doc, 'pointerdown', (e) => (lastKind = e.pointerType === 'touch' ? 'touch' : 'mouse'), { capture: true, passive: true });
  life.listen(
    doc,
    'click',
    (e) => {
      if (on.onCard(e.target)) return;
      // Selecting text ends in a click: that is reading, not asking for a card.
      const selection = doc.getSelection();
      if (selection && !selection.isCollapsed) return;
      const hit = hitTest(doc, on.painted(), e.clientX, e.clientY, lastKind);
      stopHover();
      // The click has decided what is under the pointer: a move still waiting for its frame would start a
      // hover that reopens this card after something else closed it.
      last = undefined;
      hovering = hit;
      if (hit) on.open(hit, 'click', { x: e.clientX, y: e.clientY });
      else on.outside();
    },
    { capture: true, passive: true },
  );

  return {
    forget() {
      stopHover();
      last = undefined;
      hovering = undefined;
    },
  };
}
