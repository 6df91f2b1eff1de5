import type { Mention } from '../../engine/analyze';
import type { MentionClass } from '../highlighter';

/**
 * A mention on the page: its stable id (anchors.ts), the engine's finding, its Range, and for a remark
 * the Range of its reporting phrase (the part that responds to the pointer).
 */
export type Painted = {
  id: string;
  mention: Mention;
  range: Range;
  phrase?: Range;
  cls: MentionClass;
  /** The open shadow root the mention is in, if it is in one. */
  root?: ShadowRoot;
};

const sameRange = (a: Range | undefined, b: Range | undefined) =>
  a === b ||
  (a !== undefined && b !== undefined && a.startContainer === b.startContainer && a.startOffset === b.startOffset && a.endContainer === b.endContainer && a.endOffset === b.endOffset);

/**
 * Whether a rescan found exactly what is painted already (the same mentions on the same text): then the
 * highlights stay as they are, and the browser has nothing to restyle. Under a stream of DOM changes
 * that do not touch the mentions, this is most rescans.
 */
export function samePainting(a: readonly Painted[], b: readonly Painted[]): boolean {
  return a.length === b.length && a.every((p, i) => p.id === b[i]!.id && p.cls === b[i]!.cls && sameRange(p.range, b[i]!.range) && sameRange(p.phrase, b[i]!.phrase));
}
