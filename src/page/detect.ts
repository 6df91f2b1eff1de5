/**
 * The detector's look at a page: is the title or any text about the topic? Kept free of the extension
 * API and of the dataset so the detector bundle stays a few kB and this file can be tested on its own.
 *
 * It reads text node by text node (no page-sized string is ever built), tests each against a set of
 * short anchors, and runs the exact trigger expression only where an anchor is present — on the node
 * and on the tail of the text just before it, so a term split across elements ("U.S. <b>debt</b>") is
 * still found. The walk is sliced: it runs in idle time, a few ms at a time, and resumes where it
 * stopped, so a long page never costs one long task.
 */

/** The two tests, compiled once by the caller. `anchors` must say yes wherever `full` can. */
export type Trigger = { anchors: { test(text: string): boolean }; full: { test(text: string): boolean } };

export type ScanResult = {
  hit: boolean;
  /** Main-thread time spent, ms (the sum of the slices). */
  ms: number;
  slices: number;
  longestSliceMs: number;
  /** Text nodes read. */
  nodes: number;
};

export type ScanOptions = {
  /** Time budget of one slice, ms. */
  sliceMs: number;
  /** Runs `next` later (an idle callback in the browser). */
  schedule: (next: () => void) => void;
  now?: () => number;
};

/** Text nodes longer than this are checked for being script or style text before they are read. */
export const BIG_TEXT_NODE = 512;
const NOT_PROSE = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);
/** How much of the preceding text joins a node for the exact test: longer than any trigger term. */
export const JOIN_TAIL_CHARS = 64;
/** How many preceding text nodes a term may spread over (and so how long an anchor is remembered). */
export const JOIN_NODES = 6;
/** Walks restarted from the top after the page removed the node they stood on, at most. */
const MAX_RESTARTS = 3;
/** The clock is read once per this many nodes. */
const CLOCK_EVERY = 32;
const SHOW_TEXT = 4;

/**
 * V8 (measured in Chromium 156 content scripts) runs a regexp in its bytecode interpreter when its first
 * runs are on short strings, and it can stay there: the anchors over 1 MB of text then cost 2.5–5 ms
 * instead of 0.2–0.3 ms. One first run on a string of 1,000 characters or more has V8 compile it to
 * machine code at once. V8 compiles separately for one-byte (Latin-1) and two-byte strings, so both
 * kinds are run once. Costs a few µs.
 */
const WARM_UP = [' '.repeat(1024), '\u3000'.repeat(1024)];

/**
 * Compiles the detector's expressions (case-insensitive), the anchors ready for long walks. Latin and
 * Japanese anchors are two expressions: in V8's search over two-byte strings (any text with a curly
 * quote or a dash) characters are told apart by their low 7 bits, where 加 looks like a space and 米
 * like "s", so one mixed expression finds a candidate at nearly every position of English text.
 */
export function compileTrigger(anchors: readonly string[], full: string): Trigger {
  const expression = (list: readonly string[]) => (list.length ? new RegExp(list.join('|'), 'i') : undefined);
  const latin = expression(anchors.filter((a) => !/[^\x00-\xff]/.test(a)));
  const other = expression(anchors.filter((a) => /[^\x00-\xff]/.test(a)));
  for (const text of WARM_UP) {
    latin?.test(text);
    other?.test(text);
  }
  return {
    anchors: { test: (text) => (latin?.test(text) ?? false) || (other?.test(text) ?? false) },
    full: new RegExp(full, 'i'),
  };
}

/**
 * Custom elements under a node, found natively (XPath; measured in Chromium 156 on the 1 MB HTML fixture
 * of 8,937 elements: 0–0.3 ms, where reading every element's shadowRoot from script took 1.4–6 ms, more
 * than the whole text walk). Open shadow roots are nearly always theirs: web components, and the
 * declarative shadow DOM they are server-rendered with. A built-in element's shadow root is read by the
 * annotator, not looked for here.
 */
export const CUSTOM_ELEMENTS = "descendant-or-self::*[contains(local-name(), '-')]";
export const ORDERED_NODE_SNAPSHOT_TYPE = 7;
/** Shadow roots looked at, at most (a page of thousands of small components is not an article). */
export const MAX_SHADOW_ROOTS = 256;

/** The open shadow roots of the custom elements under `root`, nested ones too, in document order. */
export function openShadowRoots(root: Node, found: ShadowRoot[] = []): ShadowRoot[] {
  const doc = root.ownerDocument ?? (root as Document);
  const contexts = root.nodeType === 11 ? Array.from((root as ShadowRoot).children) : root.nodeType === 1 ? [root] : [];
  for (const context of contexts) {
    const hosts = doc.evaluate(CUSTOM_ELEMENTS, context, null, ORDERED_NODE_SNAPSHOT_TYPE, null);
    for (let i = 0; i < hosts.snapshotLength && found.length < MAX_SHADOW_ROOTS; i++) {
      const shadow = (hosts.snapshotItem(i) as Element).shadowRoot;
      if (!shadow) continue;
      found.push(shadow);
      openShadowRoots(shadow, found);
    }
  }
  return found;
}

/** One test of a short text (the title, or text gathered elsewhere). */
export function textHits(trigger: Trigger, text: string): boolean {
  return trigger.anchors.test(text) && trigger.full.test(text);
}

/**
 * Walks the text under `roots` in slices until a hit or the end; calls `done` once (not if cancelled).
 * The first slice runs synchronously.
 */
export function scanText(
  roots: readonly Node[],
  trigger: Trigger,
  options: ScanOptions,
  done: (result: ScanResult) => void,
): { cancel(): void } {
  const now = options.now ?? (() => performance.now());
  const { anchors, full } = trigger;
  const result: ScanResult = { hit: false, ms: 0, slices: 0, longestSliceMs: 0, nodes: 0 };
  let cancelled = false;
  let rootIndex = 0;
  let walker: TreeWalker | undefined;
  // The last texts read (a ring) and how many nodes ago an anchor was seen: a term may start in one node
  // and end a few nodes later ("<b>U.S.</b> <i>government</i> bonds"), so near an anchor the exact test
  // also runs on the node joined to the tail of the text before it.
  const recent: string[] = new Array<string>(JOIN_NODES).fill('');
  let read = 0;
  let sinceAnchor = JOIN_NODES + 1;
  let restarts = 0;

  const slice = () => {
    if (cancelled) return;
    const start = now();
    let finished = false;
    // Between two slices the page may have removed the node the walk stopped at (a framework re-render):
    // a walk resumed from a detached node ends inside it and would never see the rest of the page.
    if (walker && !walker.currentNode.isConnected && walker.root.isConnected && restarts++ < MAX_RESTARTS) {
      walker.currentNode = walker.root;
    }
    outer: for (;;) {
      if (!walker) {
        const root = roots[rootIndex++];
        if (!root) {
          finished = true;
          break;
        }
        if (root.nodeType === 3) {
          if (readNode(root as Text)) break outer;
          continue;
        }
        const doc = root.ownerDocument ?? (root as Document);
        walker = doc.createTreeWalker(root, SHOW_TEXT);
      }
      for (let i = 0; ; i++) {
        const n = walker.nextNode() as Text | null;
        if (!n) {
          walker = undefined;
          break;
        }
        if (readNode(n)) break outer;
        if (i % CLOCK_EVERY === CLOCK_EVERY - 1 && now() - start >= options.sliceMs) {
          account(start);
          options.schedule(slice);
          return;
        }
      }
    }
    account(start);
    if (result.hit || finished) done(result);
  };

  /** Reads one text node; true on a hit. */
  function readNode(n: Text): boolean {
    // Inline scripts, JSON and styles are often most of a page's text and none of what it says:
    // their length is known without reading them.
    if (n.length > BIG_TEXT_NODE && NOT_PROSE.has(n.parentNode?.nodeName ?? '')) {
      recent.fill('');
      sinceAnchor = JOIN_NODES + 1;
      return false;
    }
    const data = n.data;
    result.nodes++;
    const anchored = anchors.test(data);
    // A short inline script or style with topic words says nothing to the reader: no hit, no joining.
    // Asked only where an anchor is, so ordinary text pays nothing for it.
    if (anchored && NOT_PROSE.has(n.parentNode?.nodeName ?? '')) {
      recent.fill('');
      sinceAnchor = JOIN_NODES + 1;
      return false;
    }
    sinceAnchor = anchored ? 0 : sinceAnchor + 1;
    if (sinceAnchor === 0 && full.test(data)) return (result.hit = true);
    if (sinceAnchor <= JOIN_NODES && full.test(before() + data)) return (result.hit = true);
    recent[read++ % JOIN_NODES] = data;
    return false;
  }

  /** Up to JOIN_TAIL_CHARS of the text read before the current node. */
  function before(): string {
    let text = '';
    for (let k = 1; k <= JOIN_NODES && text.length < JOIN_TAIL_CHARS; k++) text = recent[(read - k + JOIN_NODES * 2) % JOIN_NODES]! + text;
    return text.length > JOIN_TAIL_CHARS ? text.slice(-JOIN_TAIL_CHARS) : text;
  }

  function account(start: number) {
    const ms = now() - start;
    result.ms += ms;
    result.slices++;
    if (ms > result.longestSliceMs) result.longestSliceMs = ms;
  }

  slice();
  return {
    cancel() {
      cancelled = true;
    },
  };
}
