/**
 * Shadow roots attached after our first look. Attaching one changes nothing in the light DOM, so no
 * MutationObserver reports it: a web component that renders its article a second after load (or once its
 * data arrives) would never be read. So a few checks, thinning out over the first minute, look for open
 * shadow roots not seen before (one native XPath query each, src/page/detect.ts: well under a millisecond
 * on a 1 MB page); the detector and the annotator read the new ones and watch them for changes. Kept free
 * of the extension API: it is part of the detector's few kB.
 *
 * The query finds custom elements' roots (web components, nearly every shadow root on the web). A built-in
 * element's late root is read by the annotator's next scan, which reads every element's shadow root.
 */
import { openShadowRoots } from './detect';

/** The waits before each check, ms, one after the other: 1, 3, 7, 15, 30 and 60 s after the start. */
export const LATE_SHADOW_CHECKS_MS = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000] as const;

const isShadowRoot = (n: Node): n is ShadowRoot => n.nodeType === 11 && 'host' in n;

/** The shadow roots already read (or being read), each handed once to `first` (to be watched). */
export class ShadowRootsSeen {
  private readonly seen = new WeakSet<ShadowRoot>();

  constructor(private readonly first: (root: ShadowRoot) => void) {}

  /** Marks the shadow roots among `nodes` as read. */
  saw(nodes: Iterable<Node>): void {
    for (const n of nodes) if (isShadowRoot(n) && !this.seen.has(n)) this.add(n);
  }

  /** The open shadow roots under `scope` not seen before (nested ones too, in document order), now seen. */
  fresh(scope: Node): ShadowRoot[] {
    const out: ShadowRoot[] = [];
    for (const root of openShadowRoots(scope)) {
      if (this.seen.has(root)) continue;
      this.add(root);
      out.push(root);
    }
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
