/**
 * Turns a DOM into the text the engine reads: block elements become lines, inline elements run
 * together, and the parts a reader does not read as article text (scripts, form fields, editable areas,
 * code, hidden elements, our own UI) are skipped. Every character of the result maps back to a text node
 * and an offset in it, so mentions found in the text can become Ranges.
 *
 * Takes the root as a parameter and uses only Node/Element basics, so it runs on the live page and on
 * a light DOM (linkedom) in the `scan` command alike.
 */

/** Elements whose contents never reach the engine. */
export const SKIP_TAGS = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'BUTTON', 'TEMPLATE', 'CODE', 'PRE',
  'SVG', 'MATH', 'CANVAS', 'IFRAME', 'OBJECT', 'HEAD', 'TITLE', 'KBD', 'SAMP',
]);

/** Elements that start a new line of text. */
const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BODY', 'BR', 'CAPTION', 'DD', 'DETAILS', 'DIALOG', 'DIV', 'DL', 'DT',
  'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HGROUP', 'HR',
  'LI', 'MAIN', 'NAV', 'OL', 'P', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
  'LEGEND', 'MENU', 'HTML',
]);

/** Marks our own elements (the card's host, the highlight style sheet), never read. */
export const OWN_UI_ATTR = 'data-treasury-lens-ui';

export type TextSegment = { node: Text; start: number; end: number };

export type PageText = {
  text: string;
  /** Ascending, non-overlapping: text[start, end) is node.data (whitespace folded to spaces, same length). */
  segments: TextSegment[];
};

export type CollectOptions = {
  /** Extra check for hidden elements on a live page (computed style); the light DOM has none. */
  isHidden?: (el: Element) => boolean;
  /**
   * On a live page: siblings under a parent with very many children are tested in groups with this
   * (their text in one native call), and a group that fails is not walked at all. Nothing about the
   * topic can be lost: the test is the engine's own cue test.
   */
  groupTest?: (text: string) => boolean;
  /**
   * Tried first on such a parent's whole text (one native call): when it fails, the parent is skipped
   * without looking at its children. Should be cheaper than groupTest (a trigger word, not every cue).
   */
  subtreeTest?: (text: string) => boolean;
  /**
   * In a group that passes, each member is also tested on its own, and only those that pass, with this
   * many siblings each side (the engine's own context for a cue), are read. Without it the whole group is.
   */
  groupContext?: number;
};

/** The group being walked under a grouped parent: how many of its members are still to come, and those to read. */
type Group = { left: number; read: ReadonlySet<Element> | undefined };

function skipElement(el: Element, opts: CollectOptions): boolean {
  const tag = el.tagName.toUpperCase();
  if (SKIP_TAGS.has(tag)) return true;
  // Most elements carry no attributes at all: skip the attribute look-ups for them.
  if (!el.attributes.length) return opts.isHidden?.(el) ?? false;
  if (el.hasAttribute('hidden') || el.hasAttribute(OWN_UI_ATTR) || el.getAttribute('aria-hidden') === 'true') return true;
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && editable !== 'false') return true;
  if (el.getAttribute('role') === 'textbox') return true;
  return opts.isHidden?.(el) ?? false;
}

// Tabs and line breaks inside a text node are layout, not sentence breaks: fold them to spaces
// (same length, so offsets map one to one).
const LAYOUT_WHITESPACE = /[\t\n\r\f\v\u2028\u2029]/g;

/**
 * Walks the DOM in document order and builds PageText. `step(deadline)` does as much as it can before
 * `now() >= deadline` and returns whether it finished, so the content script can slice a 100k-node page
 * into short tasks; `collectText` runs it to the end in one go.
 */
export class TextCollector {
  private readonly parts: string[] = [];
  /** The parts of finished steps, joined per step. */
  private readonly chunks: string[] = [];
  private readonly segments: TextSegment[] = [];
  private length = 0;
  private atLineStart = true;
  private node: Node | null;
  private done = false;
  /**
   * For each open ancestor: whether it has so many children that they are looked at in groups, and the
   * group of them being walked (a plain record per level: WeakSets of 25,000 children cost more in GC
   * than the walk).
   */
  private readonly grouped: Array<Group | undefined> = [];
  private restarts = 0;

  constructor(
    private readonly root: Node,
    private readonly opts: CollectOptions = {},
  ) {
    this.node = root.firstChild;
    this.grouped.push(this.groupFor(root));
  }

  /** Nodes visited between two clock reads: reading the clock for every node would cost more than the work. */
  static readonly NODES_PER_CLOCK_READ = 256;
  /** A parent with at least this many element children has them tested in groups (a 25,000-paragraph page). */
  static readonly GROUP_MIN_CHILDREN = 64;
  /** Sibling elements whose text is tested together, and the most text one test reads (about a millisecond of regex work). */
  static readonly GROUP_SIZE = 32;
  static readonly GROUP_MAX_CHARS = 100_000;
  /**
   * A parent with more element children than this is not tested whole: its text (megabytes on a huge
   * page) would be one long piece of work; its children are tested in groups instead, between clock reads.
   */
  static readonly SUBTREE_TEST_MAX_CHILDREN = 2_000;

  private groupFor(node: Node): Group | undefined {
    return this.opts.groupTest && node.nodeType === 1 && (node as Element).childElementCount >= TextCollector.GROUP_MIN_CHILDREN ? { left: 0, read: undefined } : undefined;
  }

  /**
   * Decides a whole group of siblings at once: skip them if their text has nothing of interest. Returns
   * the last member of a pruned group; otherwise `group` says which members to read.
   */
  private judgeGroup(first: Element, group: Group): Element | undefined {
    const members: Element[] = [first];
    // textContent per element, joined: several times faster than one Range.toString() over the group in Blink.
    const texts: string[] = [first.textContent ?? ''];
    let chars = texts[0]!.length;
    for (let n = first.nextElementSibling; n && members.length < TextCollector.GROUP_SIZE && chars < TextCollector.GROUP_MAX_CHARS; n = n.nextElementSibling) {
      const text = n.textContent ?? '';
      members.push(n);
      texts.push(text);
      chars += text.length;
    }
    const test = this.opts.groupTest!;
    const context = this.opts.groupContext;
    let read: Set<Element> | undefined;
    if (context === undefined) {
      // A member's shadow root is not in its textContent: a shadow host is always kept.
      if (!members.some((m) => openShadow(m)) && !test(texts.join('\n'))) return members[members.length - 1];
    } else {
      // Each member on its own (one pass over the same text as the group's): most members of a group
      // that holds a topic paragraph are filler, and only those that pass, with their neighbours, are read.
      read = new Set<Element>();
      for (let i = 0; i < members.length; i++) {
        if (!openShadow(members[i]!) && !test(texts[i]!)) continue;
        for (let j = Math.max(0, i - context); j <= Math.min(members.length - 1, i + context); j++) read.add(members[j]!);
      }
      if (!read.size) return members[members.length - 1];
    }
    group.left = members.length;
    group.read = read;
    return undefined;
  }

  /** Walks started again from the top after the page removed the node the walk stood on, at most. */
  static readonly MAX_RESTARTS = 3;

  step(deadline = Infinity, now: () => number = () => performance.now()): boolean {
    if (this.done) return true;
    // Between two steps the page may have removed the node the walk stopped at (a framework re-render);
    // climbing out of a detached node never comes back to the page, so the walk starts again.
    if (this.node && !this.node.isConnected && this.root.isConnected && this.restarts < TextCollector.MAX_RESTARTS) this.restart();
    const grouped = this.grouped;
    let node = this.node;
    let visited = 0;
    while (node) {
      if (++visited >= TextCollector.NODES_PER_CLOCK_READ) {
        visited = 0;
        if (now() >= deadline) {
          this.node = node;
          this.fold();
          return false;
        }
      }
      let descend = false;
      let block = false;
      let first: Node | null = null;
      const type = node.nodeType;
      if (type === 3) {
        const data = (node as Text).data;
        if (data.length && (!this.atLineStart || /\S/.test(data))) {
          this.parts.push(data.replace(LAYOUT_WHITESPACE, ' '));
          this.segments.push({ node: node as Text, start: this.length, end: this.length + data.length });
          this.length += data.length;
          this.atLineStart = false;
        }
      } else if (type === 1) {
        const el = node as Element;
        const group = grouped[grouped.length - 1];
        if (group) {
          if (!group.left) {
            // A group's test reads the text of all its members: it counts as that many nodes before the clock.
            visited += TextCollector.GROUP_SIZE;
            const last = this.judgeGroup(el, group);
            if (last) {
              // Jump over the whole pruned group: none of its members is even visited.
              this.newline();
              node = this.after(last);
              continue;
            }
          }
          group.left--;
          if (group.read && !group.read.has(el)) {
            this.newline();
            node = this.after(el);
            continue;
          }
        }
        block = BLOCK_TAGS.has(el.tagName.toUpperCase());
        if (!skipElement(el, this.opts)) {
          if (block) this.newline();
          first = firstChildOf(el);
          descend = first !== null;
        }
      }
      if (descend) {
        const inner = this.groupFor(node);
        // A parent with very many children whose whole text has no cue is skipped in one go.
        const testWhole = inner && this.opts.subtreeTest && (node as Element).childElementCount <= TextCollector.SUBTREE_TEST_MAX_CHILDREN;
        if (!testWhole || this.opts.subtreeTest!((node as Element).textContent ?? '')) {
          grouped.push(inner);
          // A sentence never runs across a shadow boundary: a Range cannot span two trees.
          if (first!.parentNode !== node) this.newline();
          node = first;
          continue;
        }
      }
      if (block) this.newline();
      node = this.after(node);
    }
    this.node = null;
    this.done = true;
    return true;
  }

  /**
   * The node after `node`'s subtree in reading order, closing blocks on the way up; null at the end. A
   * shadow root's content is read in place of its host's, then the host's own children (what its slots
   * show: unslotted ones are not rendered, and their mentions are dropped as hidden).
   */
  private after(node: Node): Node | null {
    const root = this.root;
    let n: Node | null = node;
    while (n && n !== root && !n.nextSibling) {
      const parent: Node | null = n.parentNode;
      if (parent?.nodeType === SHADOW_ROOT) {
        this.newline();
        const host: Element = (parent as ShadowRoot).host;
        if (host.firstChild) return host.firstChild;
        n = host;
      } else n = parent;
      this.grouped.pop();
      if (n && n !== root && isBlock(n)) this.newline();
    }
    return !n || n === root ? null : n.nextSibling;
  }

  private restart(): void {
    this.restarts++;
    this.parts.length = 0;
    this.chunks.length = 0;
    this.segments.length = 0;
    this.length = 0;
    this.atLineStart = true;
    this.grouped.length = 0;
    this.grouped.push(this.groupFor(this.root));
    this.node = this.root.firstChild;
  }

  result(): PageText {
    this.fold();
    // The last block's closing line break maps to no node; drop it.
    const text = this.chunks.join('');
    return { text: this.atLineStart && text.endsWith('\n') ? text.slice(0, -1) : text, segments: this.segments };
  }

  /** Joins the parts a step collected into one chunk: joining a huge page's parts at the end would be one long task. */
  private fold(): void {
    if (this.parts.length) this.chunks.push(this.parts.join(''));
    this.parts.length = 0;
  }

  private newline() {
    if (!this.atLineStart) {
      this.parts.push('\n');
      this.length += 1;
      this.atLineStart = true;
    }
  }
}

/** A DocumentFragment's node type: a shadow root is one, with a host. */
const SHADOW_ROOT = 11;

/** An element's open shadow root (what a content script is shown; closed roots stay the page's). */
export function openShadow(el: Element): ShadowRoot | undefined {
  return (el as { shadowRoot?: ShadowRoot | null }).shadowRoot ?? undefined;
}

/** The first child in reading order: the shadow root's, else the element's own. */
function firstChildOf(el: Element): Node | null {
  return openShadow(el)?.firstChild ?? el.firstChild;
}

const isBlock = (n: Node) => n.nodeType === 1 && BLOCK_TAGS.has((n as Element).tagName.toUpperCase());

export function collectText(root: Node, opts: CollectOptions = {}): PageText {
  const collector = new TextCollector(root, opts);
  collector.step();
  return collector.result();
}

/** The text node and offset for a text offset (binary search over segments). */
export function locate(page: PageText, offset: number, preferEnd = false): { node: Text; offset: number } | undefined {
  const segs = page.segments;
  let lo = 0;
  let hi = segs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = segs[mid]!;
    if (offset < s.start || (preferEnd && offset === s.start && mid > 0 && segs[mid - 1]!.end === offset)) hi = mid - 1;
    else if (offset > s.end || (!preferEnd && offset === s.end)) lo = mid + 1;
    else return { node: s.node, offset: offset - s.start };
  }
  return undefined;
}
