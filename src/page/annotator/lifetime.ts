/**
 * One owner for everything the annotator holds on to in a page: event listeners, timers, animation
 * frames, observers and storage watches. All of it is released by one `AbortSignal` (the extension's
 * context being invalidated, the site being turned off, or `stop()`), so teardown is a single call
 * and nothing can be forgotten.
 */
export class Lifetime {
  private readonly controller = new AbortController();
  private readonly timers = new Set<number>();
  private readonly frames = new Set<number>();

  constructor(
    private readonly win: Window,
    parent?: AbortSignal,
  ) {
    if (parent?.aborted) this.controller.abort();
    else parent?.addEventListener('abort', () => this.stop(), { once: true, signal: this.controller.signal });
    this.onStop(() => {
      for (const id of this.timers) this.win.clearTimeout(id);
      for (const id of this.frames) this.win.cancelAnimationFrame(id);
      this.timers.clear();
      this.frames.clear();
    });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get stopped(): boolean {
    return this.controller.signal.aborted;
  }

  /** An event listener removed when this lifetime ends. */
  listen<K extends keyof DocumentEventMap>(target: Document, type: K, handler: (e: DocumentEventMap[K]) => void, options?: AddEventListenerOptions): void;
  listen(target: EventTarget, type: string, handler: (e: Event) => void, options?: AddEventListenerOptions): void;
  listen(target: EventTarget, type: string, handler: (e: Event) => void, options: AddEventListenerOptions = {}): void {
    if (this.stopped) return;
    target.addEventListener(type, handler, { ...options, signal: this.signal });
  }

  /** A timeout cleared when this lifetime ends; returns its cancel function. */
  timeout(fn: () => void, ms: number): () => void {
    if (this.stopped) return () => {};
    const id = this.win.setTimeout(() => {
      this.timers.delete(id);
      if (!this.stopped) fn();
    }, ms);
    this.timers.add(id);
    return () => {
      this.win.clearTimeout(id);
      this.timers.delete(id);
    };
  }

  /** An animation frame cancelled when this lifetime ends. */
  frame(fn: () => void): void {
    if (this.stopped) return;
    const id = this.win.requestAnimationFrame(() => {
      this.frames.delete(id);
      if (!this.stopped) fn();
    });
    this.frames.add(id);
  }

  /** Runs `fn` once when this lifetime ends (at once if it already has). */
  onStop(fn: () => void): void {
    if (this.stopped) fn();
    else this.controller.signal.addEventListener('abort', fn, { once: true });
  }

  stop(): void {
    this.controller.abort();
  }
}
