/**
 * The annotator: page DOM → text → engine → ranges → highlights, card and report. Injected by the
 * background only on pages the detector found relevant. Long work is sliced into short tasks; DOM
 * changes are batched per animation frame and trigger one rescan.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { analyzeSteps, hasCue, hasTriggerQuick, type Mention } from '../engine/analyze';
import { effectiveStatus } from '../engine/verdict';
import type { Dataset } from '../engine/dataset';
import type { AnnotatorCommand, AnnotatorReport, MentionSummary } from '../messages';
import { disabledSites, disabledSitesItem, highlightsEnabled, highlightsEnabledItem, siteOf } from '../settings';
import type { Card } from './card';
import { pickLang } from './i18n';
import { classOf, Highlighter, pageTheme, rangeFor, type HighlightClass } from './highlighter';
import { pageLanguage, publicationDate } from './metadata';
import { locate, OWN_UI_ATTR, OWN_UI_TAG, TextCollector, type PageText } from './text-blocks';

/** Longest a slice of scanning work may run before the page gets a turn (well under a 50 ms long task). */
export const SLICE_BUDGET_MS = 8;
/** A mutation batch with more records than this triggers one full rescan without looking closer (Dark Reader's HUGE_MUTATIONS_COUNT). */
export const HUGE_MUTATIONS_COUNT = 1000;
/** Characters of added text inspected per batch before we simply rescan. */
export const ADDED_TEXT_INSPECT_LIMIT = 50_000;
/** Quiet time after DOM changes before rescanning, and the least time between two rescans. */
export const RESCAN_DELAY_MS = 200;
export const MIN_RESCAN_INTERVAL_MS = 1000;
/** Hover intent: the pointer rests this long on a highlight before the card opens. */
export const HOVER_OPEN_DELAY_MS = 180;
/** The card closes this long after the pointer has left both the highlight and the card (WCAG 1.4.13). */
export const HOVER_CLOSE_DELAY_MS = 400;
/** Fallback when animation frames are throttled (background tabs), as uBlock Origin does. */
export const FRAME_FALLBACK_MS = 250;

export type Painted = { mention: Mention; range: Range; cls: Exclude<HighlightClass, 'focus'>; index: number };

type Deps = {
  ctx: ContentScriptContext;
  ds: Dataset;
  createCard: (lang: 'en' | 'ja', theme: 'light' | 'dark') => Promise<Card>;
  report: (report: AnnotatorReport) => void;
  uiLang: string;
};

const yieldToPage = (): Promise<void> => {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
};

export class Annotator {
  private readonly doc: Document;
  private readonly win: Window;
  private readonly highlighter: Highlighter;
  private painted: Painted[] = [];
  private page: PageText | undefined;
  private card: Card | undefined;
  private cardPromise: Promise<Card> | undefined;
  private enabled = true;
  private scanning: Promise<void> | undefined;
  private rescanQueued = false;
  private lastScanAt = 0;
  private keyboardIndex = -1;
  private hoverTimer: number | undefined;
  private closeTimer: number | undefined;
  private cardHovered = false;
  private pendingRecords: MutationRecord[] = [];
  private frameScheduled = false;
  private lang: 'en' | 'ja';
  private theme: 'light' | 'dark' = 'light';
  private siteDisabled = false;

  constructor(private readonly deps: Deps) {
    this.doc = document;
    this.win = window;
    this.highlighter = new Highlighter(this.doc);
    this.lang = pickLang(pageLanguage(this.doc), deps.uiLang);
  }

  async start(): Promise<void> {
    const { ctx } = this.deps;
    this.enabled = await highlightsEnabled();
    this.theme = pageTheme(this.doc, this.win);
    this.highlighter.setTheme(this.theme);
    highlightsEnabledItem.watch((value) => this.setEnabled(value !== false && !this.siteDisabled));
    // Turning the extension off for this site from the popup takes effect at once, not at the next load.
    const site = siteOf(this.win.location.href);
    const applySite = (sites: string[]) => {
      this.siteDisabled = Boolean(site && sites.includes(site));
      void highlightsEnabled().then((on) => this.setEnabled(on && !this.siteDisabled));
    };
    disabledSitesItem.watch(() => void disabledSites().then(applySite));
    this.siteDisabled = Boolean(site && (await disabledSites()).includes(site));
    this.enabled = this.enabled && !this.siteDisabled;
    const observer = new MutationObserver((records) => this.onMutations(records));
    observer.observe(this.doc.documentElement, { childList: true, subtree: true, characterData: true });
    ctx.onInvalidated(() => {
      observer.disconnect();
      this.destroy();
    });
    ctx.addEventListener(this.win, 'wxt:locationchange', () => this.queueRescan());
    ctx.addEventListener(this.doc, 'pointermove', (e) => this.onPointerMove(e as PointerEvent), { passive: true });
    ctx.addEventListener(this.doc, 'keydown', (e) => this.onKeyDown(e as KeyboardEvent), { capture: true });
    await this.scan();
  }

  /** Handles a command from the background (keyboard shortcut or popup). */
  async command(msg: AnnotatorCommand): Promise<void> {
    if (msg.type === 'annotator:show') return this.showIndex(msg.index, true);
    if (msg.command === 'next-mention') {
      if (!this.painted.length) return;
      if (!this.enabled) await highlightsEnabledItem.setValue(true);
      this.keyboardIndex = (this.keyboardIndex + 1) % this.painted.length;
      await this.showIndex(this.keyboardIndex, true);
    }
  }

  private setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    if (!enabled) {
      this.hideCard(false);
      this.highlighter.clear();
    } else {
      this.repaint();
    }
  }

  // ------------------------------------------------------------------ scanning

  private async scan(): Promise<void> {
    if (this.scanning) {
      this.rescanQueued = true;
      return this.scanning;
    }
    this.scanning = this.runScan().finally(() => {
      this.scanning = undefined;
      this.lastScanAt = performance.now();
      if (this.rescanQueued) {
        this.rescanQueued = false;
        this.queueRescan();
      }
    });
    return this.scanning;
  }

  private async runScan(): Promise<void> {
    let total = 0;
    let longest = 0;
    const slice = async (work: (deadline: number) => boolean): Promise<void> => {
      for (;;) {
        const t0 = performance.now();
        const done = work(t0 + SLICE_BUDGET_MS);
        const spent = performance.now() - t0;
        total += spent;
        longest = Math.max(longest, spent);
        if (done || !this.deps.ctx.isValid) return;
        await yieldToPage();
      }
    };
    const body = this.doc.body ?? this.doc.documentElement;
    // Visibility is checked afterwards, for the few elements that hold a mention: asking every element
    // of a 100k-node page would cost more than the walk itself.
    const collector = new TextCollector(body, {
      groupTest: (text) => hasCue(this.deps.ds, text),
      subtreeTest: (text) => hasTriggerQuick(this.deps.ds, text),
    });
    const phase0 = total;
    await slice((deadline) => collector.step(deadline));
    const page = collector.result();
    const collectMs = total - phase0;
    const ctx = { lang: pageLanguage(this.doc) ?? '', ...(publicationDate(this.doc) ? { published: publicationDate(this.doc)! } : {}) };
    const steps = analyzeSteps(this.deps.ds, page.text, ctx);
    let mentions: Mention[] = [];
    await slice((deadline) => {
      for (;;) {
        const r = steps.next();
        if (r.done) {
          mentions = r.value;
          return true;
        }
        if (performance.now() >= deadline) return false;
      }
    });
    const analyzeMs = total - phase0 - collectMs;
    const t0 = performance.now();
    const painted: Painted[] = [];
    for (const mention of mentions) {
      if (!mention.flagged) continue;
      const range = rangeFor(this.doc, (offset, preferEnd) => locate(page, offset, preferEnd), mention.start, mention.end);
      if (!range) continue;
      const holder = range.commonAncestorContainer;
      const el = holder.nodeType === 1 ? (holder as Element) : holder.parentElement;
      if (el && this.isHidden(el)) continue;
      painted.push({ mention, range, cls: classOf(mention), index: painted.length });
    }
    this.page = page;
    const openMention = this.card?.isOpen() ? this.card.current() : undefined;
    this.painted = painted;
    this.repaint();
    if (openMention && !painted.some((p) => p.mention.text === openMention.text && p.mention.start === openMention.start)) this.hideCard(false);
    const spent = performance.now() - t0;
    total += spent;
    longest = Math.max(longest, spent);
    this.deps.report({
      type: 'annotator:report',
      mentions: painted.map((p) => summarize(p)),
      count: painted.length,
      annotatorMs: Math.round(total * 100) / 100,
      phasesMs: { collect: round(collectMs), analyze: round(analyzeMs), paint: round(spent) },
      longestSliceMs: Math.round(longest * 100) / 100,
      lang: this.lang,
    });
  }

  private isHidden(el: Element): boolean {
    // checkVisibility() is cheap and skips display:none / content-visibility subtrees.
    const check = (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
    return check ? !check.call(el) : false;
  }

  private repaint(): void {
    if (!this.enabled) return;
    this.highlighter.paint(this.painted);
  }

  private queueRescan(): void {
    if (this.scanning) {
      this.rescanQueued = true;
      return;
    }
    const wait = Math.max(RESCAN_DELAY_MS, MIN_RESCAN_INTERVAL_MS - (performance.now() - this.lastScanAt));
    this.deps.ctx.setTimeout(() => void this.scan(), wait);
  }

  // ------------------------------------------------------------------ mutations

  private onMutations(records: MutationRecord[]): void {
    // Collect only; decide once per frame (uBlock Origin: never process inside the observer callback).
    for (const r of records) this.pendingRecords.push(r);
    if (this.frameScheduled) return;
    this.frameScheduled = true;
    let fired = false;
    const flush = () => {
      if (fired) return;
      fired = true;
      this.frameScheduled = false;
      const batch = this.pendingRecords;
      this.pendingRecords = [];
      if (this.batchMatters(batch)) this.queueRescan();
    };
    this.deps.ctx.requestAnimationFrame(flush);
    this.deps.ctx.setTimeout(flush, FRAME_FALLBACK_MS);
  }

  private isOwn(node: Node | null): boolean {
    for (let n: Node | null = node; n; n = n.parentNode) {
      if (n.nodeType === 1) {
        const el = n as Element;
        if (el.tagName === OWN_UI_TAG || el.hasAttribute(OWN_UI_ATTR)) return true;
      }
    }
    return false;
  }

  /** Whether a batch of DOM changes can change what we found: a painted range broke, or topic text arrived. */
  private batchMatters(batch: MutationRecord[]): boolean {
    if (batch.length > HUGE_MUTATIONS_COUNT) return true;
    if (this.painted.some((p) => !p.range.startContainer.isConnected || !p.range.endContainer.isConnected || p.range.collapsed)) return true;
    let inspected = 0;
    const parts: string[] = [];
    for (const r of batch) {
      if (this.isOwn(r.target)) continue;
      if (r.type === 'characterData') {
        parts.push((r.target as CharacterData).data);
      } else {
        for (const n of Array.from(r.addedNodes)) {
          if (n.nodeType !== 1 && n.nodeType !== 3) continue;
          if (this.isOwn(n)) continue;
          const t = n.textContent ?? '';
          inspected += t.length;
          parts.push(t);
          if (inspected > ADDED_TEXT_INSPECT_LIMIT) return true;
        }
        if (r.removedNodes.length && this.painted.length) return true;
      }
    }
    const added = parts.join('\n');
    return added.length > 0 && (this.deps.ds.trigger.test(added) || /[$¥￥]|ドル|円|dollars/.test(added) || /Kato|加藤|財務/.test(added));
  }

  // ------------------------------------------------------------------ hover and keyboard

  private hitTest(x: number, y: number): Painted | undefined {
    if (!this.painted.length) return undefined;
    const caret = caretAt(this.doc, x, y);
    if (!caret) return undefined;
    let best: Painted | undefined;
    for (const p of this.painted) {
      try {
        if (!p.range.isPointInRange(caret.node, caret.offset)) continue;
      } catch {
        continue;
      }
      // The caret APIs snap to the nearest character even beside the text: check the pointer is on it.
      const inside = Array.from(p.range.getClientRects()).some((r) => x >= r.left - 2 && x <= r.right + 2 && y >= r.top - 2 && y <= r.bottom + 2);
      if (!inside) continue;
      // A figure inside a remark sentence wins: it is the more specific mention.
      if (!best || p.mention.end - p.mention.start < best.mention.end - best.mention.start) best = p;
    }
    return best;
  }

  private pointerFrame = false;
  private lastPointer = { x: 0, y: 0, target: null as EventTarget | null };

  private onPointerMove(e: PointerEvent): void {
    if (!this.enabled || !this.painted.length) return;
    this.lastPointer = { x: e.clientX, y: e.clientY, target: e.target };
    if (this.pointerFrame) return;
    this.pointerFrame = true;
    this.deps.ctx.requestAnimationFrame(() => {
      this.pointerFrame = false;
      this.onPointerFrame();
    });
  }

  private onPointerFrame(): void {
    const { x, y, target } = this.lastPointer;
    if (this.card?.contains(target)) return;
    const hit = this.hitTest(x, y);
    const open = this.card?.isOpen() ? this.card.current() : undefined;
    if (hit && open === hit.mention) {
      this.cancelClose();
      return;
    }
    if (this.hoverTimer !== undefined) clearTimeout(this.hoverTimer);
    this.hoverTimer = undefined;
    if (hit) {
      this.hoverTimer = this.deps.ctx.setTimeout(() => {
        this.hoverTimer = undefined;
        void this.openCard(hit, false, { x, y });
      }, HOVER_OPEN_DELAY_MS);
    } else if (open && !this.cardHovered) {
      this.scheduleClose();
    }
  }

  private scheduleClose(): void {
    if (this.closeTimer !== undefined) return;
    this.closeTimer = this.deps.ctx.setTimeout(() => {
      this.closeTimer = undefined;
      if (!this.cardHovered) this.hideCard(false);
    }, HOVER_CLOSE_DELAY_MS);
  }

  private cancelClose(): void {
    if (this.closeTimer !== undefined) clearTimeout(this.closeTimer);
    this.closeTimer = undefined;
  }

  private onKeyDown(e: KeyboardEvent): void {
    if (e.key === 'Escape' && this.card?.isOpen()) this.hideCard(true);
  }

  private async getCard(): Promise<Card> {
    if (this.card) return this.card;
    this.cardPromise ??= this.deps.createCard(this.lang, this.theme).then((card) => {
      // Escape inside the card, its close button, or focus leaving it: the card closes itself.
      card.onHide(() => this.highlighter.setFocus(undefined));
      card.onHoverChange((hovered) => {
        this.cardHovered = hovered;
        if (hovered) this.cancelClose();
        else this.scheduleClose();
      });
      this.card = card;
      return card;
    });
    return this.cardPromise;
  }

  private async openCard(p: Painted, focus: boolean, point?: { x: number; y: number }): Promise<void> {
    if (!this.enabled || !p.range.startContainer.isConnected) return;
    const card = await this.getCard();
    this.cancelClose();
    card.show({ mention: p.mention, range: p.range, ...(point ? { point } : {}) }, { focus });
    this.highlighter.setFocus(p.range);
  }

  private hideCard(restoreFocus: boolean): void {
    this.cancelClose();
    if (this.card?.isOpen()) this.card.hide({ restoreFocus });
    this.highlighter.setFocus(undefined);
  }

  private async showIndex(index: number, focus: boolean): Promise<void> {
    const p = this.painted[index];
    if (!p) return;
    this.keyboardIndex = index;
    const rect = p.range.getBoundingClientRect();
    if (rect.top < 0 || rect.bottom > this.win.innerHeight) {
      this.win.scrollBy({ top: rect.top - this.win.innerHeight / 3, behavior: 'instant' as ScrollBehavior });
    }
    await this.openCard(p, focus);
  }

  destroy(): void {
    this.highlighter.destroy();
    this.card?.destroy();
    this.painted = [];
  }
}

const round = (ms: number) => Math.round(ms * 100) / 100;

function caretAt(doc: Document, x: number, y: number): { node: Node; offset: number } | undefined {
  const d = doc as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
    caretRangeFromPoint?: (x: number, y: number) => Range | null;
  };
  if (d.caretPositionFromPoint) {
    const p = d.caretPositionFromPoint(x, y);
    return p ? { node: p.offsetNode, offset: p.offset } : undefined;
  }
  const r = d.caretRangeFromPoint?.(x, y);
  return r ? { node: r.startContainer, offset: r.startOffset } : undefined;
}

/** The short form of a mention the background, popup and export keep. */
export function summarize(p: Painted): MentionSummary {
  const m = p.mention;
  const text = m.text.length > 240 ? `${m.text.slice(0, 239)}…` : m.text;
  if (m.kind === 'remark') {
    return {
      index: p.index, kind: 'remark', text, remark: m.remark,
      ...(m.unsure ? { unsure: true as const, ...(m.alternative ? { alternative: m.alternative } : {}) } : {}),
      remarkVerdict: m.verdict.status,
      ...(m.claims.length ? { claims: m.claims } : {}),
    };
  }
  return {
    index: p.index,
    kind: 'figure',
    text,
    subject: m.subject,
    ...(m.verdict
      ? {
          status: effectiveStatus(m.verdict),
          ...(m.verdict.status === 'conversion' ? { conversion: true } : {}),
          officialUsd: m.verdict.official.valueUsd,
          officialMonth: m.verdict.official.month,
        }
      : {}),
    ...(m.verdict?.claim ? { claims: [m.verdict.claim] } : {}),
  };
}
