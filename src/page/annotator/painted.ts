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
