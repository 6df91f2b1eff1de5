/**
 * Shadow roots attached after our first look. Attaching one changes nothing in the light DOM, so no
 * MutationObserver reports it: a web component defined or rendered a second after load (or once its data
 * arrives) would never be read. So a few checks, thinning out over the first minute, look for open shadow
 * roots not seen before; the detector and the annotator read the new ones and watch them for changes. Kept
 * free of the extension API: it is part of the detector's few kB.
 *
 * Only the first check asks for the page's custom elements (the detector's XPath query, src/page/detect.ts:
 * web components hold nearly every shadow root on the web); those without a root yet are kept, and later
 * checks read only their `shadowRoot` (the query costs 1–12 ms on the 1 MB HTML fixture and 11–106 ms on
 * the 100k-node page in Chromium 156 under load, too much to repeat on every page). A built-in element's
 * late root, or one on a custom element added after the first check, is read by the annotator's next scan.
 */
import { CUSTOM_ELEMENTS, openShadowRoots, ORDERED_NODE_SNAPSHOT_TYPE } from './detect';

/** The waits before each check, ms, one after the other: 1, 3, 7, 15, 30 and 60 s after the start. */
export const LATE_SHADOW_CHECKS_MS = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000] as const;
/** Custom elements without a shadow root that the checks keep looking at (a page of thousands of small components is not an article). */
export const MAX_LATE_SHADOW_HOSTS = 512;

const isShadowRoot = (n: Node): n is ShadowRoot => n.nodeType === 11 && 'host' in n;

/** The shadow roots already read (or being read), each handed once to `first` (to be watched). */
export class ShadowRootsSeen {
  private readonly seen = new WeakSet<ShadowRoot>();
  /** Custom elements that had no open shadow root when looked at; undefined until the first look. */
  private hosts: Element[] | undefined;

  constructor(private readonly first: (root: ShadowRoot) => void) {}

  /** Marks the shadow roots among `nodes` as read. */
  saw(nodes: Iterable<Node>): void {
    for (const n of nodes) if (isShadowRoot(n) && !this.seen.has(n)) this.add(n);
  }

  /** The open shadow roots under `scope` not seen before (nested ones too, in document order), now seen. */
  fresh(scope: Node): ShadowRoot[] {
    const out: ShadowRoot[] = [];
    const take = (root: ShadowRoot) => {
      for (const r of [root, ...openShadowRoots(root)]) {
        if (this.seen.has(r)) continue;
        this.add(r);
        out.push(r);
      }
    };
    if (!this.hosts) {
      this.hosts = [];
      const doc = scope.ownerDocument ?? (scope as Document);
      const found = doc.evaluate(CUSTOM_ELEMENTS, scope, null, ORDERED_NODE_SNAPSHOT_TYPE, null);
      for (let i = 0; i < found.snapshotLength; i++) {
        const host = found.snapshotItem(i) as Element;
        const root = host.shadowRoot;
        if (root) take(root);
        else if (this.hosts.length < MAX_LATE_SHADOW_HOSTS) this.hosts.push(host);
      }
      return out;
    }
    this.hosts = this.hosts.filter((host) => {
      const root = host.shadowRoot;
      if (root && host.isConnected) take(root);
      return !root && host.isConnected;
    });
    return out;
  }

  private add(root: ShadowRoot): void {
    this.seen.add(root);
    this.first(root);
  }
}

/** The roots of `roots` not inside another of them: reading those reads the rest. */
export function outermost(roots: readonly ShadowRoot[]): ShadowRoot[] {
  const all = new Set<Node>(roots);
  return roots.filter((root) => {
    for (let n: Node = root.host.getRootNode(); isShadowRoot(n); n = n.host.getRootNode()) if (all.has(n)) return false;
    return true;
  });
}

/** Runs `check` after each wait of LATE_SHADOW_CHECKS_MS in turn; returns the function that stops them. */
export function checkForLateShadowRoots(setTimer: (run: () => void, ms: number) => void, check: () => void): () => void {
  let stopped = false;
  const next = (i: number) => {
    const wait = LATE_SHADOW_CHECKS_MS[i];
    if (wait === undefined || stopped) return;
    setTimer(() => {
      if (stopped) return;
      check();
      next(i + 1);
    }, wait);
  };
  next(0);
  return () => {
    stopped = true;
  };
}
