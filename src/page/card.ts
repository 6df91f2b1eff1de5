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
 * persistent until then. Opened from the keyboard, it takes focus and gives it back when it closes.
 */
import { autoUpdate, computePosition, flip, hide as hideWhenDetached, inline, offset, shift, size, type VirtualElement } from '@floating-ui/dom';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Mention } from '../engine/analyze';
import type { Dataset } from '../engine/dataset';
import { buildCardContent } from './card-content';
import type { Lang } from './i18n';
import { OWN_UI_ATTR } from './text-blocks';
// Inlined as a string (Vite `?inline`) and passed to the shadow root: no CSS file to fetch, so it works
// for a script injected at runtime with no web-accessible resources.
import cardCss from './card.css?inline';

/** The host element's tag; the annotator's text walker skips it. */
export const CARD_TAG = 'treasury-lens-card';
/** Gap between the mention and the card, and the margin kept from the viewport's edges, in px. */
const OFFSET_PX = 8;
const VIEWPORT_PADDING_PX = 8;
/** The card never grows taller than this, even with room to spare. */
const MAX_HEIGHT_PX = 560;
/** Below this height the card would be too cramped to read; it may then cover the line instead. */
const MIN_HEIGHT_PX = 160;

export type Theme = 'light' | 'dark';

export interface Card {
  /** Shows the card for a mention anchored to its range; `point` is the pointer position for inline(). */
  show(target: { mention: Mention; range: Range; point?: { x: number; y: number } }, opts?: { focus?: boolean }): void;
  hide(opts?: { restoreFocus?: boolean }): void;
  isOpen(): boolean;
  /** The mention shown, if open. */
  current(): Mention | undefined;
  /** Whether an event target/node is inside the card (for hover logic). */
  contains(node: EventTarget | null): boolean;
  /** Called when the pointer enters/leaves the card (the annotator keeps it open while hovered). */
  onHoverChange(cb: (hovered: boolean) => void): void;
  /** Called whenever the card closes, however it was closed (Escape, close button, focus leaving, hide()). */
  onHide(cb: () => void): void;
  setTheme(theme: Theme): void;
  setLang(lang: Lang): void;
  destroy(): void;
}

type Target = { mention: Mention; range: Range; point?: { x: number; y: number } };

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

function rangeReference(range: Range): VirtualElement {
  const contextElement = contextElementOf(range);
  return {
    getBoundingClientRect: () => range.getBoundingClientRect(),
    getClientRects: () => range.getClientRects(),
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
  let returnFocus: HTMLElement | undefined;
  let stopAutoUpdate: (() => void) | undefined;
  let positionRun = 0;
  const hoverListeners: Array<(hovered: boolean) => void> = [];
  const hideListeners: Array<() => void> = [];

  const doc = document;
  // The floating box is ours for the card's lifetime; WXT re-appends it on every mount.
  const floating = doc.createElement('div');
  floating.className = 'floating';

  const ui: ShadowRootContentScriptUi<HTMLElement> = await createShadowRootUi(ctx, {
    name: CARD_TAG,
    mode: 'open',
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

  const setHovered = (value: boolean) => {
    if (hovered === value) return;
    hovered = value;
    for (const cb of hoverListeners) cb(value);
  };

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
    }
  });

  // Opened from the keyboard, the card closes when focus moves on to the page (but not when the
  // window itself loses focus, e.g. on switching tabs).
  floating.addEventListener('focusout', () => {
    if (!focusMode) return;
    ctx.setTimeout(() => {
      if (!open || !focusMode || !doc.hasFocus()) return;
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

  function render(mention: Mention): void {
    const card = buildCardContent(doc, mention, ds, lang);
    applyTheme(card);
    floating.replaceChildren(card);
  }

  async function position(): Promise<void> {
    if (!target || !open) return;
    const { range, point } = target;
    // The page may have removed our host (a framework re-rendering <body>) or the mention's text.
    if (!ui.shadowHost.isConnected || !rangeAlive(range)) {
      hide({ restoreFocus: false });
      return;
    }
    const run = ++positionRun;
    const { x, y, middlewareData } = await computePosition(rangeReference(range), floating, {
      placement: 'bottom-start',
      strategy: 'fixed',
      middleware: [
        offset(OFFSET_PX),
        inline(point ? { x: point.x, y: point.y } : undefined),
        flip({ padding: VIEWPORT_PADDING_PX }),
        shift({ padding: VIEWPORT_PADDING_PX }),
        size({
          padding: VIEWPORT_PADDING_PX,
          apply({ availableHeight, elements }) {
            const h = Math.min(MAX_HEIGHT_PX, Math.max(MIN_HEIGHT_PX, Math.floor(availableHeight)));
            elements.floating.style.setProperty('--available-height', `${h}px`);
          },
        }),
        // A card pointing at text scrolled out of view would float over unrelated content.
        hideWhenDetached({ strategy: 'referenceHidden' }),
      ],
    });
    if (run !== positionRun || !open) return;
    floating.style.left = `${Math.round(x)}px`;
    floating.style.top = `${Math.round(y)}px`;
    floating.style.visibility = middlewareData.hide?.referenceHidden ? 'hidden' : '';
    floating.setAttribute('data-positioned', '');
  }

  function startPositioning(): void {
    stopAutoUpdate?.();
    stopAutoUpdate = undefined;
    if (!target) return;
    stopAutoUpdate = autoUpdate(rangeReference(target.range), floating, () => void position());
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
    const sameMention = open && target?.mention === next.mention;
    const hadFocus = focusInsideCard();
    target = next;
    if (!sameMention) {
      render(next.mention);
      floating.removeAttribute('data-positioned');
      // Replacing the content would drop keyboard focus to <body>; keep it in the card.
      if (hadFocus && !opts.focus) floating.querySelector<HTMLElement>('[data-part="heading"]')?.focus({ preventScroll: true });
    }
    if (!open) {
      mount();
      open = true;
      ctx.addEventListener(doc, 'keydown', onDocumentKeydown, { capture: true });
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
      const heading = floating.querySelector<HTMLElement>('[data-part="heading"]') ?? floating.querySelector<HTMLElement>('[data-part="close"]');
      heading?.focus({ preventScroll: true });
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
    stopAutoUpdate?.();
    stopAutoUpdate = undefined;
    positionRun++;
    doc.removeEventListener('keydown', onDocumentKeydown, { capture: true });
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
    hideListeners.length = 0;
    ui.remove();
  }

  ctx.onInvalidated(destroy);

  return {
    show,
    hide,
    isOpen: () => open,
    current: () => (open ? target?.mention : undefined),
    contains(node) {
      if (!isNode(node)) return false;
      const host = ui.shadowHost;
      return node === host || host.contains(node) || ui.shadow.contains(node);
    },
    onHoverChange(cb) {
      hoverListeners.push(cb);
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
        render(target.mention);
        if (hadFocus) floating.querySelector<HTMLElement>('[data-part="heading"]')?.focus({ preventScroll: true });
        void position();
      }
    },
    destroy,
  };
}
