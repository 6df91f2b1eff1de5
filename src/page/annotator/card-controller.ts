/**
 * The card's lifecycle on the page: which mention it shows, how it was opened, when it closes. A card
 * opened by hovering closes soon after the pointer leaves both the mention and the card (WCAG 1.4.13);
 * one opened by a click, a tap or the keyboard stays until it is closed, Escape is pressed, or the
 * reader clicks elsewhere; a pinned card stays until it is closed.
 */
import type { Card, CardPage } from '../card';
import type { Highlighter } from '../highlighter';
import type { Lang } from '../i18n';
import type { Lifetime } from './lifetime';
import type { Painted } from './painted';

/** The card closes this long after the pointer has left both the highlight and the card. */
export const HOVER_CLOSE_DELAY_MS = 400;

export type OpenHow = 'hover' | 'click' | 'keyboard';

export class CardController {
  private card: Card | undefined;
  private cardPromise: Promise<Card> | undefined;
  private shown: { id: string; how: OpenHow } | undefined;
  private hovered = false;
  private cancelClose: (() => void) | undefined;

  constructor(
    private readonly life: Lifetime,
    private readonly highlighter: Highlighter,
    private readonly create: () => Promise<Card>,
    /** A card opened, or moved to another mention. */
    private readonly opened: () => void = () => {},
  ) {
    life.onStop(() => this.card?.destroy());
  }

  /** The id of the mention whose card is open. */
  openId(): string | undefined {
    return this.card?.isOpen() ? this.shown?.id : undefined;
  }

  contains(target: EventTarget | null): boolean {
    return this.card?.contains(target) ?? false;
  }

  private async getCard(): Promise<Card> {
    if (this.card) return this.card;
    this.cardPromise ??= this.create().then((card) => {
      // Escape inside the card, its close button, or focus leaving it: the card closes itself.
      card.onHide(() => {
        this.shown = undefined;
        this.highlighter.setFocus(undefined);
      });
      card.onEngage(() => {
        if (this.shown?.how === 'hover') this.shown = { ...this.shown, how: 'click' };
        this.keepOpen();
      });
      card.onHoverChange((hovered) => {
        this.hovered = hovered;
        if (hovered) this.keepOpen();
        else this.leave();
      });
      this.card = card;
      return card;
    });
    return this.cardPromise;
  }

  async open(p: Painted, how: OpenHow, page: CardPage, point?: { x: number; y: number }): Promise<void> {
    if (this.life.stopped || !p.range.startContainer.isConnected) return;
    const card = await this.getCard();
    if (this.life.stopped) return;
    this.keepOpen();
    // Hovering never downgrades a card the reader opened on purpose.
    const sticky = this.shown && this.shown.id === p.id && this.shown.how !== 'hover';
    const before = this.openId();
    this.shown = { id: p.id, how: sticky ? this.shown!.how : how };
    card.show({ id: p.id, mention: p.mention, range: p.range, page, ...(point ? { point } : {}) }, { focus: how === 'keyboard' });
    this.highlighter.setFocus(p.range);
    if (before !== p.id) this.opened();
  }

  /** After a rescan: the open card follows its mention to its new Range, or closes if it is gone. */
  follow(painted: readonly Painted[], page: CardPage): void {
    const id = this.openId();
    if (!id || !this.card) return;
    const p = painted.find((q) => q.id === id);
    if (!p) {
      this.close(false);
      return;
    }
    this.card.show({ id: p.id, mention: p.mention, range: p.range, page }, { focus: false });
    this.highlighter.setFocus(p.range);
  }

  /** The card speaks `lang` from now on (an open card is written again in it). */
  setLang(lang: Lang): void {
    this.card?.setLang(lang);
  }

  /** The pointer is back on the open card's mention. */
  keepOpen(): void {
    this.cancelClose?.();
    this.cancelClose = undefined;
  }

  /** The pointer left the mention: a hover card closes after a moment, unless the pointer is on it. */
  leave(): void {
    if (!this.card?.isOpen() || this.shown?.how !== 'hover' || this.hovered || this.card.isPinned() || this.cancelClose) return;
    this.cancelClose = this.life.timeout(() => {
      this.cancelClose = undefined;
      if (!this.hovered && this.shown?.how === 'hover' && !this.card?.isPinned()) this.close(false);
    }, HOVER_CLOSE_DELAY_MS);
  }

  /** A click or tap elsewhere on the page, or a card opened in another frame, closes an unpinned card. */
  outside(): void {
    if (this.card?.isOpen() && !this.card.isPinned()) this.close(false);
  }

  close(restoreFocus: boolean): void {
    this.keepOpen();
    if (this.card?.isOpen()) this.card.hide({ restoreFocus });
    this.shown = undefined;
    this.highlighter.setFocus(undefined);
  }
}
