/**
 * Paints mentions with the CSS Custom Highlight API: one Highlight per class, no wrapper elements, no
 * change to the page's text or layout, and nothing our MutationObserver could see. The ::highlight()
 * rules live in one document-level <style>, and in one more inside each open shadow root that holds a
 * mention (the registry is the document's, but a tree's text is styled by that tree's rules only).
 */
import type { Mention } from '../engine/analyze';
import { effectiveStatus } from '../engine/verdict';
import { OWN_UI_ATTR } from './text-blocks';

/** Every highlight name starts with this; the registry is shared with the page. */
export const HIGHLIGHT_PREFIX = 'treasury-lens';
/**
 * The mention classes, then `phrase` (a remark's reporting phrase, the part that opens its card) and
 * `focus` (the mention whose card is open).
 */
export const MENTION_CLASSES = ['consistent', 'disputed', 'context', 'remark'] as const;
export const HIGHLIGHT_CLASSES = [...MENTION_CLASSES, 'phrase', 'focus'] as const;
export type HighlightClass = (typeof HIGHLIGHT_CLASSES)[number];
export type MentionClass = (typeof MENTION_CLASSES)[number];
export const highlightName = (c: HighlightClass) => `${HIGHLIGHT_PREFIX}-${c}`;
export type Theme = 'light' | 'dark';

/** Which class a mention is painted with. */
export function classOf(m: Mention): MentionClass {
  if (m.kind === 'remark') return 'remark';
  const status = m.verdict ? effectiveStatus(m.verdict) : undefined;
  if (m.subject === 'japan_fx_reserves' && status !== 'confusion' && status !== 'off') return 'context';
  if (status === 'consistent') return 'consistent';
  if (status === 'unchecked') return 'context';
  return 'disputed';
}

// Okabe–Ito colours, told apart by underline style too (solid, wavy, dashed, dotted), so colour is
// never the only cue. The dark palette is lighter so it reads on dark pages. A remark sentence gets a
// thin dotted line and no fill, so long sentences stay easy to read; its reporting phrase is filled
// lightly, which also shows where one remark ends and the next begins.
export type Paint = { style: string; px: number } & Record<Theme, { bg: string; line: string }>;
export const PALETTE: Record<HighlightClass, Paint> = {
  consistent: { style: 'solid', px: 2, light: { bg: 'rgba(0, 114, 178, 0.13)', line: '#0072B2' }, dark: { bg: 'rgba(86, 180, 233, 0.24)', line: '#56B4E9' } },
  disputed: { style: 'wavy', px: 2, light: { bg: 'rgba(213, 94, 0, 0.16)', line: '#C2410C' }, dark: { bg: 'rgba(230, 159, 0, 0.26)', line: '#FFB347' } },
  context: { style: 'dashed', px: 2, light: { bg: 'rgba(0, 158, 115, 0.14)', line: '#007A5A' }, dark: { bg: 'rgba(0, 158, 115, 0.28)', line: '#4FD1A5' } },
  remark: { style: 'dotted', px: 1, light: { bg: 'transparent', line: '#AA3377' }, dark: { bg: 'transparent', line: '#E58FC0' } },
  phrase: { style: 'solid', px: 2, light: { bg: 'rgba(170, 51, 119, 0.12)', line: '#AA3377' }, dark: { bg: 'rgba(204, 121, 167, 0.24)', line: '#E58FC0' } },
  focus: { style: 'solid', px: 2, light: { bg: 'rgba(240, 228, 66, 0.55)', line: '#000000' }, dark: { bg: 'rgba(240, 228, 66, 0.40)', line: '#FFFFFF' } },
};

/**
 * Forced colours (Windows high contrast) replace our colours with the user's: the underline styles
 * still tell the classes apart, figures and phrases are marked with the system's Mark colours, and the
 * open mention with its selection colours.
 */
const FORCED: Record<HighlightClass, { bg: string; fg?: string; line: string }> = {
  consistent: { bg: 'Mark', fg: 'MarkText', line: 'MarkText' },
  disputed: { bg: 'Mark', fg: 'MarkText', line: 'MarkText' },
  context: { bg: 'Mark', fg: 'MarkText', line: 'MarkText' },
  remark: { bg: 'transparent', line: 'CanvasText' },
  phrase: { bg: 'Mark', fg: 'MarkText', line: 'MarkText' },
  focus: { bg: 'Highlight', fg: 'HighlightText', line: 'HighlightText' },
};

/** `underline`: the line alone, no fill (the setting "Highlight style"; the open mention keeps its fill). */
export type Look = 'color' | 'underline';

export function stylesheetText(theme: Theme, look: Look = 'color'): string {
  const rule = (c: HighlightClass, bg: string, line: string, fg?: string) => {
    const { style, px } = PALETTE[c];
    return `::highlight(${highlightName(c)}) { ${fg ? `color: ${fg}; ` : ''}background-color: ${bg}; text-decoration: underline ${style} ${line} ${px}px; text-decoration-skip-ink: none; }`;
  };
  const normal = HIGHLIGHT_CLASSES.map((c) => rule(c, look === 'underline' && c !== 'focus' ? 'transparent' : PALETTE[c][theme].bg, PALETTE[c][theme].line));
  const forced = HIGHLIGHT_CLASSES.map((c) => rule(c, FORCED[c].bg, FORCED[c].line, FORCED[c].fg));
  return `${normal.join('\n')}\n@media (forced-colors: active) {\n${forced.join('\n')}\n}`;
}

/** The relative luminance of the page's background, to choose the palette. */
export function pageTheme(doc: Document, win: Window): Theme {
  for (const el of [doc.body, doc.documentElement]) {
    if (!el) continue;
    const bg = win.getComputedStyle(el).backgroundColor;
    const m = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?/.exec(bg);
    if (!m || (m[4] !== undefined && Number(m[4]) < 0.5)) continue;
    const [r, g, b] = [m[1], m[2], m[3]].map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b! < 0.25 ? 'dark' : 'light';
  }
  // No opaque background anywhere: the canvas is the browser's default, which follows color-scheme.
  const scheme = win.getComputedStyle(doc.documentElement).colorScheme;
  return /dark/.test(scheme) && !/light/.test(scheme) ? 'dark' : 'light';
}

/** The shadow root a range is in, if it is in one. */
export function shadowRootOf(range: Range): ShadowRoot | undefined {
  const root = range.startContainer.getRootNode();
  return root.nodeType === 11 ? (root as ShadowRoot) : undefined;
}

export class Highlighter {
  private style: HTMLStyleElement | undefined;
  private readonly shadowStyles = new Map<ShadowRoot, HTMLStyleElement>();
  private readonly registered = new Map<HighlightClass, Highlight>();
  private theme: Theme = 'light';
  private look: Look = 'color';

  constructor(private readonly doc: Document) {}

  /**
   * Removes what an earlier copy of the extension left in the page (after a reload or an update its
   * scripts are cut off and cannot clean up): our highlights and our elements.
   */
  static clearStale(doc: Document): void {
    // By name: Firefox's content scripts see the registry through a wrapper that cannot be iterated.
    for (const cls of HIGHLIGHT_CLASSES) CSS.highlights.delete(highlightName(cls));
    for (const el of doc.querySelectorAll(`style[${OWN_UI_ATTR}]`)) el.remove();
    for (const el of doc.querySelectorAll(`[${OWN_UI_ATTR}]`)) if (el.tagName.startsWith('TREASURY-LENS-CARD')) el.remove();
  }

  /** Whether everything painted is still in place: the page may clear CSS.highlights or remove our style sheet. */
  intact(): boolean {
    if (this.registered.size && !this.style?.isConnected) return false;
    for (const [root, style] of this.shadowStyles) if (root.host.isConnected && !style.isConnected) return false;
    for (const cls of this.registered.keys()) if (!CSS.highlights.has(highlightName(cls))) return false;
    return true;
  }

  static supported(win: Window): boolean {
    return typeof (win as unknown as { Highlight?: unknown }).Highlight === 'function' && 'highlights' in CSS;
  }

  setTheme(theme: Theme, look: Look = this.look): void {
    this.theme = theme;
    this.look = look;
    const text = stylesheetText(theme, look);
    for (const style of [this.style, ...this.shadowStyles.values()]) if (style) style.textContent = text;
  }

  setLook(look: Look): void {
    this.setTheme(this.theme, look);
  }

  private newStyle(): HTMLStyleElement {
    const style = this.doc.createElement('style');
    style.setAttribute(OWN_UI_ATTR, '');
    style.textContent = stylesheetText(this.theme, this.look);
    return style;
  }

  /** The document's rules, and those of the shadow root `range` is in. */
  private ensureStyle(range?: Range): void {
    if (!this.style?.isConnected) {
      this.style = this.newStyle();
      (this.doc.head ?? this.doc.documentElement).append(this.style);
    }
    const root = range && shadowRootOf(range);
    if (!root || this.shadowStyles.get(root)?.isConnected) return;
    const style = this.newStyle();
    root.append(style);
    this.shadowStyles.set(root, style);
  }

  /** Replaces everything painted with these ranges (and the reporting phrases of remarks). */
  paint(items: ReadonlyArray<{ range: Range; phrase?: Range; cls: MentionClass }>): void {
    this.ensureStyle();
    const byClass = new Map<HighlightClass, Range[]>(HIGHLIGHT_CLASSES.map((c) => [c, []]));
    for (const { range, phrase, cls } of items) {
      this.ensureStyle(range);
      byClass.get(cls)!.push(range);
      if (phrase) byClass.get('phrase')!.push(phrase);
    }
    for (const cls of HIGHLIGHT_CLASSES) {
      if (cls === 'focus') continue;
      const ranges = byClass.get(cls)!;
      const name = highlightName(cls);
      if (!ranges.length) {
        CSS.highlights.delete(name);
        this.registered.delete(cls);
        continue;
      }
      const h = new Highlight(...ranges);
      // Remarks are long sentences; keep figure highlights on top where they overlap.
      h.priority = cls === 'remark' ? 0 : cls === 'phrase' ? 1 : 2;
      CSS.highlights.set(name, h);
      this.registered.set(cls, h);
    }
  }

  /** Marks the mention whose card is open (keyboard users see where they are). */
  setFocus(range: Range | undefined): void {
    const name = highlightName('focus');
    if (!range) {
      CSS.highlights.delete(name);
      return;
    }
    this.ensureStyle(range);
    const h = new Highlight(range);
    h.priority = 3;
    CSS.highlights.set(name, h);
  }

  clear(): void {
    for (const cls of HIGHLIGHT_CLASSES) CSS.highlights.delete(highlightName(cls));
    this.registered.clear();
  }

  destroy(): void {
    this.clear();
    this.style?.remove();
    this.style = undefined;
    for (const style of this.shadowStyles.values()) style.remove();
    this.shadowStyles.clear();
  }
}

/** A Range over [start, end) of the collected page text. */
export function rangeFor(doc: Document, locateFn: (offset: number, preferEnd: boolean) => { node: Text; offset: number } | undefined, start: number, end: number): Range | undefined {
  const a = locateFn(start, false);
  const b = locateFn(end, true);
  if (!a || !b) return undefined;
  const range = doc.createRange();
  range.setStart(a.node, a.offset);
  range.setEnd(b.node, b.offset);
  return range;
}
