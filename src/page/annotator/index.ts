/**
 * The annotator: injected by the background only into pages the detector found relevant. It puts the
 * parts together and owns their one lifetime:
 *
 * - scan.ts: DOM → text → engine → Ranges, in short slices, and when to rescan;
 * - mutations.ts: which DOM changes can change what we found;
 * - pointer.ts: hover with intent, click and tap, on a mention's hot area;
 * - card-controller.ts: when the card opens and closes;
 * - settings-watch.ts: highlights on or off, the site turned off, how cards open, their language;
 * - src/dismissed.ts: the mentions the reader marked "Not about this" on this page, left unpainted;
 * - shadow-roots.ts: open shadow roots attached after a scan, which no DOM change tells of;
 * - highlight-guard.ts: highlights the page cleared painted again; an orphaned copy stopped;
 * - churn.ts, near-viewport.ts: while the page keeps changing, only the mentions near the screen are painted;
 * - anchors.ts: ids that keep a mention's identity across rescans;
 * - report.ts: what the background, popup and export are told.
 *
 * Turning the site off, or the extension reloading, ends the lifetime: every listener, timer, observer,
 * watch, highlight and the card go in one step.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Dataset } from '../../engine/dataset';
import { MAX_MENTIONS_PER_TAB, type AnnotatorCommand, type AnnotatorReport } from '../../messages';
import { dismissedOn, watchDismissed } from '../../dismissed';
import { scopeOf } from '../../private-session';
import type { Card, CardPage } from '../card';
import { Highlighter, pageTheme, type Theme } from '../highlighter';
import { cardLang, pickLang, type Lang } from '../i18n';
import { pageLanguage } from '../metadata';
import { CardController } from './card-controller';
import { Lifetime } from './lifetime';
import { guardHighlights } from './highlight-guard';
import { batchMatters, watchMutations, type MutationWatch } from './mutations';
import { watchChurn } from './churn';
import { NearViewport } from './near-viewport';
import { samePainting, type Painted } from './painted';
import { watchPointer, type PointerWatch } from './pointer';
import { watchLateShadowRoots, type ShadowRootWatch } from './shadow-roots';
import { summarize } from './report';
import { ScanScheduler, scanPage, type Analyze, type ScanResult } from './scan';
import { watchPageSettings, type PageSettings } from './settings-watch';

export type { Painted } from './painted';

export type AnnotatorDeps = {
  ctx: ContentScriptContext;
  ds: Dataset;
  /** The engine (in the background, over a message): the page's text in, its mentions out. */
  analyze: Analyze;
  createCard: (lang: Lang, theme: Theme) => Promise<Card>;
  report: (report: AnnotatorReport) => void;
  uiLang: string;
  /** A card opened here, by this copy (`opener`): the tab's other frames close theirs. */
  cardOpened?: (opener: string) => void;
  /** Called once when the annotator has stopped for good (site turned off, extension reloaded). */
  stopped?: () => void;
};

export class Annotator {
  private readonly doc = document;
  private readonly win = window;
  private readonly life: Lifetime;
  private readonly highlighter: Highlighter;
  private readonly cards: CardController;
  private readonly scans: ScanScheduler;
  private readonly nearViewport: NearViewport;
  private readonly lang: Lang;
  private settings: PageSettings = { highlights: true, siteOff: false, openMode: 'hover', onlyProblems: false, look: 'color', uiLanguage: 'auto' };
  private painted: Painted[] = [];
  /** Ids of the mentions marked "Not about this" on this page. */
  private dismissed = new Set<string>();
  /** The last scan, for reports sent between scans. */
  private lastScan: ScanResult | undefined;
  /** DOM changes; shadow roots are watched too: those that hold mentions, and every web component's (shadow-roots.ts). */
  private mutations: MutationWatch | undefined;
  /** Shadow roots attached after a scan (no DOM change tells of them). */
  private lateRoots: ShadowRootWatch | undefined;
  private pointer: PointerWatch | undefined;
  private keyboardIndex = -1;
  /** This copy among the tab's frames' annotators (not a secret: the page never sees our messages). */
  private readonly opener = Array.from(crypto.getRandomValues(new Uint32Array(2)), (n) => n.toString(36)).join('');

  constructor(private readonly deps: AnnotatorDeps) {
    this.life = new Lifetime(this.win, deps.ctx.signal);
    Highlighter.clearStale(this.doc);
    this.highlighter = new Highlighter(this.doc);
    this.lang = pickLang(pageLanguage(this.doc), deps.uiLang);
    const theme = pageTheme(this.doc, this.win);
    this.highlighter.setTheme(theme);
    this.cards = new CardController(this.life, this.highlighter, () => deps.createCard(this.cardLang(), theme), () => deps.cardOpened?.(this.opener));
    this.nearViewport = new NearViewport(this.life, () => this.on() && this.repaint());
    this.scans = new ScanScheduler(this.life, () => this.scan(), () => this.mutations?.pause());
    this.life.onStop(() => {
      this.highlighter.destroy();
      this.painted = [];
      deps.stopped?.();
    });
  }

  async start(): Promise<void> {
    this.settings = await watchPageSettings(this.life, this.win.location.href, (s) => this.apply(s));
    this.highlighter.setLook(this.settings.look);
    if (this.settings.siteOff) {
      this.stop();
      return;
    }
    // In a private tab, what was dismissed in private windows counts too.
    const scope = scopeOf();
    this.dismissed = new Set(await dismissedOn(this.win.location.href, scope));
    this.life.onStop(watchDismissed(() => this.win.location.href, (ids) => this.dismiss(ids), scope));
    const mutations = watchMutations(this.life, this.doc, (batch) => batchMatters(this.deps.ds, batch, this.painted), () => this.scans.soon());
    this.mutations = mutations;
    this.lateRoots = watchLateShadowRoots(this.life, this.doc, this.deps.ds, (root) => mutations.watchRoot(root), () => this.scans.soon());
    // A single-page app's navigation (WXT watches the URL). Only a real change of address counts: a
    // forged event with the same address does nothing.
    let address = this.win.location.href;
    this.deps.ctx.addEventListener(this.win, 'wxt:locationchange', () => {
      if (this.win.location.href === address) return;
      address = this.win.location.href;
      this.scans.soon();
    });
    this.pointer = watchPointer(this.life, this.doc, {
      painted: () => (this.on() ? this.shown() : []),
      hoverOpens: () => this.settings.openMode === 'hover',
      onCard: (target) => this.cards.contains(target),
      open: (p, how, point) => void this.cards.open(p, how, this.cardPage(), point),
      left: () => this.cards.leave(),
      back: (p) => this.cards.openId() === p.id && this.cards.keepOpen(),
      outside: () => this.cards.outside(),
    });
    watchChurn(this.life, this.doc, (churning) => {
      if (churning) this.nearViewport.start(this.painted);
      else {
        this.nearViewport.stop();
        if (this.on()) this.repaint();
      }
    });
    guardHighlights(this.life, this.deps.ctx, {
      broken: () => this.on() && this.painted.length > 0 && !this.highlighter.intact(),
      repaint: () => this.repaint(),
    });
    await this.scans.now();
  }

  /**
   * Stops everything at once (it also stops when the extension's context ends). The context goes too, so
   * even WXT's own listener for newer copies of this script leaves the page.
   */
  stop(): void {
    this.life.stop();
    this.deps.ctx.abort('Treasury Lens was turned off for this site');
  }

  get stopped(): boolean {
    return this.life.stopped;
  }

  /** A command from the background: the keyboard shortcut, or the popup's "Show". */
  async command(msg: AnnotatorCommand): Promise<void> {
    if (this.life.stopped) return;
    if (msg.type === 'annotator:show') {
      const index = this.listed().findIndex((p) => p.id === msg.id);
      if (index >= 0) await this.showIndex(index);
      return;
    }
    // Highlights that were off are turned on by the background first (a private tab cannot write its scope).
    if (msg.command === 'next-mention') {
      const count = this.listed().length;
      if (!count) return;
      await this.showIndex((this.keyboardIndex + 1) % count);
    }
  }

  /**
   * A card opened in another frame of the tab: one card at a time, as a click elsewhere would close this
   * one. A hover still under way here (its move older than that card) would open this frame's card again.
   */
  cardOpenedElsewhere(opener: string): void {
    if (opener === this.opener) return;
    this.pointer?.forget();
    this.cards.outside();
  }

  private cardLang(): Lang {
    return cardLang(this.settings.uiLanguage, pageLanguage(this.doc), this.deps.uiLang);
  }

  /** The reader marked mentions "Not about this" (or brought one back): they go (or come back) at once. */
  private dismiss(ids: readonly string[]): void {
    this.dismissed = new Set(ids);
    if (this.on()) this.repaint();
    this.cards.follow(this.listed(), this.cardPage());
    // The badge follows at once.
    if (this.lastScan) this.sendReport(this.lastScan);
  }

  private on(): boolean {
    return this.settings.highlights && !this.settings.siteOff;
  }

  /** The mentions that are the page's for us: all but those the reader marked "Not about this". */
  private listed(): Painted[] {
    return this.dismissed.size ? this.painted.filter((p) => !this.dismissed.has(p.id)) : this.painted;
  }

  /** What is painted: the listed mentions, or in fact-checker mode all of them but the consistent figures. */
  private shown(): Painted[] {
    return this.settings.onlyProblems ? this.listed().filter((p) => p.cls !== 'consistent') : this.listed();
  }

  /** Paints what is shown (while the page churns, what of it is near the viewport). */
  private repaint(): void {
    this.highlighter.paint(this.nearViewport.filter(this.shown()));
  }

  private apply(next: PageSettings): void {
    const langBefore = this.cardLang();
    this.settings = next;
    if (this.cardLang() !== langBefore) this.cards.setLang(this.cardLang());
    this.highlighter.setLook(next.look);
    if (next.siteOff) {
      this.stop();
      return;
    }
    if (!next.highlights) {
      this.cards.close(false);
      this.highlighter.clear();
    } else {
      this.repaint();
    }
  }

  /** What a card may say about the page as a whole. */
  private cardPage(): CardPage {
    return { aboutRemarks: this.painted.some((p) => p.mention.kind === 'remark') };
  }

  private async scan(): Promise<void> {
    // Before the page is read: a change from here on is either read by this scan or seen.
    this.mutations?.resume();
    this.lateRoots?.scanning();
    const result = await scanPage(this.doc, this.deps.ds, this.deps.analyze, this.life, (painted) => {
      for (const p of painted) if (p.root) this.mutations?.watchRoot(p.root);
      // The same mentions on the same text: what is painted stays, Ranges and all.
      if (!samePainting(this.painted, painted)) {
        this.painted = painted;
        this.nearViewport.follow(painted);
        if (this.on()) this.repaint();
      }
      this.cards.follow(this.listed(), this.cardPage());
    });
    if (!result || this.life.stopped) return;
    this.lastScan = result;
    this.sendReport(result);
  }

  /**
   * Tells the background what the page holds. The list keeps the mentions marked "Not about this" (the
   * popup offers them back); the count, which the badge shows, does not.
   */
  private sendReport(result: ScanResult): void {
    this.deps.report({
      type: 'annotator:report',
      // The count is the page's; the list is capped so one page cannot fill the storage all tabs share.
      mentions: result.painted.slice(0, MAX_MENTIONS_PER_TAB).map((p) => summarize(p, result.page.text)),
      count: result.painted.filter((p) => !this.dismissed.has(p.id)).length,
      annotatorMs: result.totalMs,
      phasesMs: result.phasesMs,
      longestSliceMs: result.longestSliceMs,
      lang: this.lang,
      ...(result.published ? { published: result.published } : {}),
    });
  }

  private async showIndex(index: number): Promise<void> {
    const p = this.listed()[index];
    if (!p) return;
    this.keyboardIndex = index;
    const rect = p.range.getBoundingClientRect();
    if (rect.top < 0 || rect.bottom > this.win.innerHeight) {
      this.win.scrollBy({ top: rect.top - this.win.innerHeight / 3, behavior: 'instant' as ScrollBehavior });
    }
    await this.cards.open(p, 'keyboard', this.cardPage());
  }
}
