/**
 * The card readers see next to a highlight: a non-modal popover in a shadow root (WXT
 * `createShadowRootUi`), anchored to the mention's Range with Floating UI.
 *
 * Never break the page: the host element is fixed-positioned and 0×0 (no layout space, nothing moves),
 * shown in the top layer where the browser can, it is in the page only while the card is open, keys typed inside do not reach the page's shortcuts
 * (`isolateEvents`), and the styles ship inside the shadow root as a string, so the page's CSS and ours
 * never meet.
 *
 * Behaviour (WCAG 1.4.13; a popover with links, not a tooltip): hoverable (the annotator keeps it open
 * while `onHoverChange` says the pointer is on it), dismissible with Escape from the card or the page,
 * persistent until then, and it can be pinned open. Opened from the keyboard, it takes focus on its first
 * control, keeps Tab inside itself while it has focus (a highlight is not an element, so the page's tab
 * order has no place for it), and gives focus back when it closes.
 *
 * Placement: below or above the mention's line, else beside it; never over the line itself. Type
 * follows the reader's default font size (a larger default font makes a larger card), not the page's.
 */
import { autoUpdate, computePosition, flip, hide as hideWhenDetached, offset, shift, size, type Placement, type VirtualElement } from '@floating-ui/dom';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Mention } from '../engine/analyze';
import type { Dataset } from '../engine/dataset';
import { buildCardContent, buildNothingCard, type CardPage } from './card-content';
import { CARD_HOST_ATTR, CARD_HOST_TAG, MAX_HOST_RESTORES } from './card-host';
import { E2E_HOOK_ATTR } from './e2e-hook';
import type { Lang } from './i18n';
import { OWN_UI_ATTR } from './text-blocks';
// Inlined as a string (Vite `?inline`) and passed to the shadow root: no CSS file to fetch, so it works
// for a script injected at runtime with no web-accessible resources.
import cardCss from './card.css?inline';

/** Gap between the mention and the card, and the margin kept from the viewport's edges, in px. */
const OFFSET_PX = 8;
const VIEWPORT_PADDING_PX = 8;
/** The card never grows taller than this, even with room to spare; with less room its content scrolls. */
const MAX_HEIGHT_PX = 560;
/** Where the card goes, in order of preference: under the line, over it, then beside it. */
const FALLBACK_PLACEMENTS = ['top-start', 'right-start', 'left-start'] as const;
/** The default font size the card's px sizes are designed at. */
const DESIGN_FONT_PX = 16;
/** What can take focus inside the card, in its reading order. */
const FOCUSABLE = 'button, summary, a[href]';

export type Theme = 'light' | 'dark';
export type { CardPage };

export type CardTarget = {
  /** The mention's stable id: showing the same id again keeps the card as it is (its details, its focus). */
  id: string;
  /** None: a checked selection with nothing to check in it (the card says so). */
  mention: Mention | undefined;
  range: Range;
  page: CardPage;
  /** The pointer position: the card goes by the line under it (else by the mention's first line). */
  point?: { x: number; y: number };
  /** Go by the whole range, not one line: a checked selection, which the card must not cover. */
  whole?: boolean;
};

export interface Card {
  /** Shows the card for a mention anchored to its range. */
  show(target: CardTarget, opts?: { focus?: boolean }): void;
  hide(opts?: { restoreFocus?: boolean }): void;
  isOpen(): boolean;
  /** Whether the reader pinned it open. */
  isPinned(): boolean;
  /** Whether an event target/node is inside the card (for hover logic). */
  contains(node: EventTarget | null): boolean;
  /** Called when the pointer enters/leaves the card (the annotator keeps it open while hovered). */
  onHoverChange(cb: (hovered: boolean) => void): void;
  /** Called when the reader clicks or taps inside the card: a card in use is no longer a passing hover. */
  onEngage(cb: () => void): void;
  /** Called whenever the card closes, however it was closed (Escape, close button, focus leaving, hide()). */
  onHide(cb: () => void): void;
  setTheme(theme: Theme): void;
  setLang(lang: Lang): void;
  destroy(): void;
}

type Target = CardTarget;

/** `el.matches(selector)`, false where the browser does not know the selector (`:modal` before Chrome 105). */
function matchesSafely(el: Element, selector: string): boolean {
  try {
    return el.matches(selector);
  } catch {
    return false;
  }
}

function isNode(value: EventTarget | null): value is Node {
  return !!value && typeof (value as Node).nodeType === 'number';
}

/** The element a Range starts in: Floating UI's context for clipping ancestors and layout-shift checks. */
function contextElementOf(range: Range): Element | undefined {
  const node = range.startContainer;
  return node.nodeType === 1 ? (node as Element) : (node.parentElement ?? undefined);
}

/** A range's line boxes, top to bottom: its client rects merged line by line. */
function lineBoxes(range: Range): DOMRect[] {
  const lines: DOMRect[] = [];
  for (const r of Array.from(range.getClientRects())) {
    if (!r.width && !r.height) continue;
    const last = lines[lines.length - 1];
    if (last && Math.abs(r.top - last.top) < Math.min(r.height, last.height) / 2) {
      const left = Math.min(last.left, r.left);
      const top = Math.min(last.top, r.top);
      lines[lines.length - 1] = new DOMRect(left, top, Math.max(last.right, r.right) - left, Math.max(last.bottom, r.bottom) - top);
    } else {
      lines.push(DOMRect.fromRect(r));
    }
  }
  return lines;
}

/** Which of the range's lines holds the point (the nearest one if none does); the first without a point. */
function lineIndexAt(range: Range, point: { x: number; y: number } | undefined): number {
  if (!point) return 0;
  const lines = lineBoxes(range);
  let best = 0;
  let bestDistance = Infinity;
  lines.forEach((line, i) => {
    const d = point.y < line.top ? line.top - point.y : point.y > line.bottom ? point.y - line.bottom : 0;
    if (d < bestDistance) [best, bestDistance] = [i, d];
  });
  return best;
}

/**
 * Floating UI's reference: one line of the mention, the line the reader pointed at. A remark can be a
 * whole paragraph; the card goes by the line being read, not below the paragraph. Measured anew each
 * time, so it follows the line as the page scrolls or reflows.
 */
function lineReference(range: Range, lineIndex: number | 'all'): VirtualElement {
  const contextElement = contextElementOf(range);
  const line = () => {
    if (lineIndex === 'all') return range.getBoundingClientRect();
    const lines = lineBoxes(range);
    return lines[Math.min(lineIndex, lines.length - 1)] ?? range.getBoundingClientRect();
  };
  return {
    getBoundingClientRect: line,
    getClientRects: () => [line()],
    ...(contextElement ? { contextElement } : {}),
  };
}

/** A range still worth pointing at: in the document, with a box on screen. */
function rangeAlive(range: Range): boolean {
  if (!range.startContainer.isConnected || !range.endContainer.isConnected) return false;
  const r = range.getBoundingClientRect();
  return r.width > 0 || r.height > 0;
}

export async function createCard(ctx: ContentScriptContext, ds: Dataset, options: { lang: Lang; theme?: Theme }): Promise<Card> {
  let lang = options.lang;
  let theme = options.theme;
  let target: Target | undefined;
  let open = false;
  let destroyed = false;
  let hovered = false;
  let focusMode = false;
  let pinned = false;
  let returnFocus: HTMLElement | undefined;
  let stopAutoUpdate: (() => void) | undefined;
  let positionRun = 0;
  const hoverListeners: Array<(hovered: boolean) => void> = [];
  const engageListeners: Array<() => void> = [];
  /** The side the card opened on: kept while it shows the same mention, so opening its details does not make it jump. */
  let placed: Placement | undefined;
  /** Which line of the mention the card goes by. */
  let lineIndex = 0;
  const hideListeners: Array<() => void> = [];

  const doc = document;
  // The floating box is ours for the card's lifetime; WXT re-appends it on every mount.
  const floating = doc.createElement('div');
  floating.className = 'floating';

  const ui: ShadowRootContentScriptUi<HTMLElement> = await createShadowRootUi(ctx, {
    name: CARD_HOST_TAG,
    // Vite replaces MODE at build time: the store build keeps only 'closed'.
    mode: import.meta.env.MODE === 'e2e' ? 'open' : 'closed',
    position: 'inline',
    anchor: () => hostParent(),
    append: 'last',
    css: cardCss,
    // Typing in the card must not trigger the page's shortcuts; pointer events still bubble so the
    // page sees an ordinary element (its "click outside" handlers keep working).
    isolateEvents: ['keydown', 'keyup', 'keypress'],
    onMount: (container) => {
      container.append(floating);
      return floating;
    },
  });
  // The annotator's text walker and mutation observer skip our own UI.
  ui.shadowHost.setAttribute(OWN_UI_ATTR, '');
  ui.shadowHost.setAttribute(CARD_HOST_ATTR, '');
  if (import.meta.env.MODE === 'e2e') ui.shadowHost.setAttribute(E2E_HOOK_ATTR, '');
  // In the top layer (a manual popover, where the browser has one: Chrome 114+, Firefox 125+) the card
  // shows above everything the page stacks, even its own max-z-index overlays; elsewhere the host's
  // maximal z-index does what it can. The host stays a 0×0 fixed box either way (card.css).
  const topLayer = typeof ui.shadowHost.showPopover === 'function';
  /**
   * Where the host goes: inside the page's open modal dialog when the mention is in one (everything
   * outside a modal dialog is inert: a card there could be seen but not hovered or clicked), else <body>.
   */
  function hostParent(): Element {
    const node = target?.range.commonAncestorContainer;
    const modal = (node?.nodeType === 1 ? (node as Element) : node?.parentElement)?.closest('dialog');
    if (modal && matchesSafely(modal, ':modal')) return modal;
    return doc.body ?? doc.documentElement;
  }
  if (topLayer) ui.shadowHost.setAttribute('popover', 'manual');
  const mount = () => {
    ui.mount();
    if (topLayer && !ui.shadowHost.matches(':popover-open')) {
      try {
        ui.shadowHost.showPopover();
      } catch {
        // Not in the document, or the page's own top-layer element refuses it: the z-index still applies.
      }
    }
  };

  let restoresLeft = MAX_HOST_RESTORES;
  /** The page removed our host (or an ancestor of it) while the card is open: put it back, a few times. */
  function restoreHost(): boolean {
    if (restoresLeft <= 0) {
      hide({ restoreFocus: false });
      return false;
    }
    restoresLeft--;
    mount();
    return true;
  }
  // Watches the whole document only while the card is open; each batch costs one isConnected check.
  const hostWatch = new MutationObserver(() => {
    if (open && !ui.shadowHost.isConnected) restoreHost();
  });

  const setHovered = (value: boolean) => {
    if (hovered === value) return;
    hovered = value;
    for (const cb of hoverListeners) cb(value);
  };

  floating.addEventListener('pointerdown', () => {
    for (const cb of engageListeners) cb();
  });
  floating.addEventListener('pointerenter', () => setHovered(true));
  floating.addEventListener('pointerleave', () => setHovered(false));

  floating.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    e.preventDefault();
    e.stopPropagation();
    hide({ restoreFocus: true });
  });

  floating.addEventListener('click', (e) => {
    const el = e.target as Element | null;
    if (el?.closest?.('[data-part="close"]')) {
      e.preventDefault();
      hide({ restoreFocus: true });
    } else if (el?.closest?.('[data-part="pin"]')) {
      e.preventDefault();
      setPinned(!pinned);
    }
  });

  function setPinned(value: boolean): void {
    pinned = value;
    floating.querySelector('[data-part="pin"]')?.setAttribute('aria-pressed', String(value));
    cardElement()?.toggleAttribute('data-pinned', value);
  }

  /** The card's controls that can take focus now (a closed disclosure's content cannot: only its summary). */
  function focusables(): HTMLElement[] {
    const shut = (el: Element) => {
      for (let d = el.parentElement?.closest('details'); d; d = d.parentElement?.closest('details')) {
        if (!(d as HTMLDetailsElement).open && !d.querySelector(':scope > summary')?.contains(el)) return true;
      }
      return false;
    };
    return Array.from(floating.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => !shut(el) && el.getClientRects().length > 0);
  }

  // Tab and Shift+Tab go round the card's controls while it has focus.
  floating.addEventListener('keydown', (e) => {
    if (e.key !== 'Tab' || e.defaultPrevented) return;
    const items = focusables();
    if (!items.length) return;
    const at = items.indexOf(ui.shadow.activeElement as HTMLElement);
    const next = e.shiftKey ? (at <= 0 ? items.length - 1 : at - 1) : at === items.length - 1 ? 0 : at + 1;
    e.preventDefault();
    items[next]!.focus();
  });

  // Opened from the keyboard, the card closes when focus moves on to the page (but not when the
  // window itself loses focus, e.g. on switching tabs).
  floating.addEventListener('focusout', () => {
    if (!focusMode) return;
    ctx.setTimeout(() => {
      if (!open || !focusMode || pinned || !doc.hasFocus()) return;
      if (ui.shadow.activeElement) return;
      hide({ restoreFocus: false });
    }, 0);
  });

  // Escape pressed in the page. Captured, so a page that stops the key's propagation cannot keep the
  // card open; keys typed inside the card arrive retargeted to the host and are handled there.
  const onDocumentKeydown = (e: KeyboardEvent) => {
    if (!open || e.key !== 'Escape' || e.target === ui.shadowHost) return;
    hide({ restoreFocus: false });
  };

  function cardElement(): HTMLElement | undefined {
    return floating.firstElementChild as HTMLElement | undefined;
  }

  // With no theme given the card follows the system setting; either way it carries an explicit data-theme,
  // so card.css needs the dark palette once.
  const systemDark = window.matchMedia?.('(prefers-color-scheme: dark)');
  function applyTheme(el: HTMLElement | undefined): void {
    if (!el) return;
    el.setAttribute('data-theme', theme ?? (systemDark?.matches ? 'dark' : 'light'));
  }
  if (systemDark) ctx.addEventListener(systemDark, 'change', () => applyTheme(cardElement()));

  // The reader's default font size: WXT resets the host with `all: initial`, so `medium` here is the
  // browser's setting, whatever the page does to its own <html>.
  const probe = doc.createElement('span');
  probe.style.fontSize = 'medium';
  function applyScale(): void {
    floating.append(probe);
    const px = parseFloat(getComputedStyle(probe).fontSize) || DESIGN_FONT_PX;
    probe.remove();
    floating.style.setProperty('--scale', String(px / DESIGN_FONT_PX));
  }

  function render(next: Target): void {
    const card = next.mention ? buildCardContent(doc, next.mention, ds, lang, next.page) : buildNothingCard(doc, lang);
    applyTheme(card);
    floating.replaceChildren(card);
    setPinned(false);
  }

  /** Beside the line only where the viewport has room for the card there; a phone has none. */
  function fallbackPlacements(): Placement[] {
    const roomBeside = window.innerWidth >= 2 * floating.offsetWidth + 4 * VIEWPORT_PADDING_PX;
    return FALLBACK_PLACEMENTS.filter((p) => roomBeside || p.startsWith('top'));
  }

  async function position(): Promise<void> {
    if (!target || !open) return;
    const { range } = target;
    // The page may have removed our host (a framework re-rendering <body>) or the mention's text.
    if (!ui.shadowHost.isConnected && !restoreHost()) return;
    if (!rangeAlive(range)) {
      hide({ restoreFocus: false });
      return;
    }
    const run = ++positionRun;
    // flip() must see the card's natural height, not the height size() allowed it last time.
    floating.style.setProperty('--available-height', `${MAX_HEIGHT_PX}px`);
    const { x, y, middlewareData, placement } = await computePosition(lineReference(range, target.whole ? 'all' : lineIndex), floating, {
      placement: placed ?? 'bottom-start',
      strategy: 'fixed',
      middleware: [
        offset(OFFSET_PX),
        // The side with room for the whole card, else the one with the most; shift() only slides the
        // card along the line, so it never moves onto the line (and overflow along the line is shift()'s
        // to fix, not a reason to change sides). Once placed, it stays on its side.
        !placed && flip({ padding: VIEWPORT_PADDING_PX, crossAxis: false, fallbackPlacements: fallbackPlacements(), fallbackStrategy: 'bestFit' }),
        shift({ padding: VIEWPORT_PADDING_PX }),
        size({
          padding: VIEWPORT_PADDING_PX,
          apply({ availableHeight, elements }) {
            elements.floating.style.setProperty('--available-height', `${Math.floor(Math.min(MAX_HEIGHT_PX, availableHeight))}px`);
          },
        }),
        // A card pointing at text scrolled out of view would float over unrelated content.
        hideWhenDetached({ strategy: 'referenceHidden' }),
      ],
    });
    if (run !== positionRun || !open) return;
    placed = placement;
    floating.style.left = `${Math.round(x)}px`;
    floating.style.top = `${Math.round(y)}px`;
    floating.style.visibility = middlewareData.hide?.referenceHidden ? 'hidden' : '';
    floating.setAttribute('data-positioned', '');
  }

  function startPositioning(): void {
    stopAutoUpdate?.();
    stopAutoUpdate = undefined;
    if (!target) return;
    stopAutoUpdate = autoUpdate(lineReference(target.range, target.whole ? 'all' : lineIndex), floating, () => void position());
  }

  function activeElementDeep(): HTMLElement | undefined {
    let el: Element | null = doc.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return (el as HTMLElement | null) ?? undefined;
  }

  function focusInsideCard(): boolean {
    return !!ui.shadow.activeElement;
  }

  function show(next: Target, opts: { focus?: boolean } = {}): void {
    if (destroyed) return;
    const sameMention = open && target?.id === next.id;
    const hadFocus = focusInsideCard();
    // The same mention again (a rescan found it anew): the card stays by the line it opened at.
    const point = next.point ?? (sameMention ? target?.point : undefined);
    target = { ...next, ...(point ? { point } : {}) };
    lineIndex = lineIndexAt(target.range, point);
    if (!sameMention) {
      render(next);
      placed = undefined;
      floating.removeAttribute('data-positioned');
      // Replacing the content would drop keyboard focus to <body>; keep it in the card.
      if (hadFocus && !opts.focus) focusables()[0]?.focus({ preventScroll: true });
    }
    if (!open) {
      mount();
      applyScale();
      open = true;
      ctx.addEventListener(doc, 'keydown', onDocumentKeydown, { capture: true });
      hostWatch.observe(doc, { childList: true, subtree: true });
    } else if (!ui.shadowHost.isConnected || ui.shadowHost.parentElement !== hostParent()) {
      ui.remove();
      mount();
    }
    startPositioning();
    if (opts.focus) {
      if (!focusInsideCard()) {
        const previous = activeElementDeep();
        returnFocus = previous && previous !== doc.body ? previous : undefined;
      }
      focusMode = true;
      focusables()[0]?.focus({ preventScroll: true });
    } else if (!sameMention && !hadFocus) {
      focusMode = false;
    }
  }

  function hide(opts: { restoreFocus?: boolean } = {}): void {
    if (!open) return;
    // Focus must not be lost to <body> when the card it sits in disappears.
    const restore = opts.restoreFocus ?? focusInsideCard();
    open = false;
    focusMode = false;
    pinned = false;
    placed = undefined;
    stopAutoUpdate?.();
    stopAutoUpdate = undefined;
    positionRun++;
    doc.removeEventListener('keydown', onDocumentKeydown, { capture: true });
    hostWatch.disconnect();
    const back = returnFocus;
    returnFocus = undefined;
    target = undefined;
    ui.remove();
    floating.replaceChildren();
    floating.removeAttribute('data-positioned');
    setHovered(false);
    if (restore && back?.isConnected) back.focus({ preventScroll: true });
    for (const cb of hideListeners) cb();
  }

  function destroy(): void {
    if (destroyed) return;
    hide({ restoreFocus: false });
    destroyed = true;
    hoverListeners.length = 0;
    engageListeners.length = 0;
    hideListeners.length = 0;
    ui.remove();
  }

  ctx.onInvalidated(destroy);

  return {
    show,
    hide,
    isOpen: () => open,
    isPinned: () => open && pinned,
    contains(node) {
      if (!isNode(node)) return false;
      const host = ui.shadowHost;
      return node === host || host.contains(node) || ui.shadow.contains(node);
    },
    onHoverChange(cb) {
      hoverListeners.push(cb);
    },
    onEngage(cb) {
      engageListeners.push(cb);
    },
    onHide(cb) {
      hideListeners.push(cb);
    },
    setTheme(next) {
      theme = next;
      applyTheme(cardElement());
    },
    setLang(next) {
      if (next === lang) return;
      lang = next;
      if (open && target) {
        const hadFocus = focusInsideCard();
        render(target);
        if (hadFocus) focusables()[0]?.focus({ preventScroll: true });
        void position();
      }
    },
    destroy,
  };
}
