/** Messages between the content scripts, the popup and the background. One union, checked by `type`. */
import type { RemarkKind, RemarkVerdictStatus } from './data/kinds';

export type DetectorResult = {
  type: 'detector:result';
  /** Whether the page's title or text matched the trigger vocabulary. */
  hit: boolean;
  /** Main-thread time the look took, ms (the sum of its slices), the number of slices and the longest. */
  ms: number;
  slices?: number;
  longestSliceMs?: number;
};

/** One mention as the popup, the badge and the export see it. */
export type MentionSummary = {
  /** Stable across rescans (the mention's quote and its context): what "Show" and the exports refer to. */
  id: string;
  kind: 'figure' | 'remark';
  text: string;
  /** How the page paints it (src/page/highlighter.ts): the popup's legend and counts use the same classes. */
  cls?: 'consistent' | 'disputed' | 'context' | 'remark';
  /** The quote with 32 characters of context each side (a W3C TextQuoteSelector), and its offsets in the page's text. */
  quote?: { exact: string; prefix: string; suffix: string };
  position?: { start: number; end: number };
  /** The sentence the mention is in (at most SENTENCE_CHARS), and where in it the mention (a remark: its reporting phrase) is. */
  sentence?: { text: string; start: number; end: number };
  /** A remark: the events of data/events.json it reports, and the later clarification of them. */
  events?: string[];
  clarifiedBy?: string;
  subject?: string;
  status?: string;
  /** A yen figure converting a dollar figure; `status` is the dollar figure's. */
  conversion?: boolean;
  remark?: RemarkKind;
  /** The engine could not tell which statement: `remark` is its best reading, `alternative` the other. */
  unsure?: true;
  alternative?: RemarkKind;
  /** The remark checked against the record (on record, not in the record, misdated, the false threat). */
  remarkVerdict?: RemarkVerdictStatus;
  /** The figure as the page states it, USD (the popup's chart marks it). */
  valueUsd?: number;
  /** The official value the figure is judged against, USD, and its month. */
  officialUsd?: number;
  officialMonth?: string;
  claims?: string[];
};

export type AnnotatorReport = {
  type: 'annotator:report';
  mentions: MentionSummary[];
  /** Flagged mentions (what the badge counts). */
  count: number;
  /** Total main-thread time of the last scan, ms, and its longest slice. */
  annotatorMs: number;
  longestSliceMs: number;
  /** Where the time went: walking the DOM, the engine, making ranges and painting. */
  phasesMs: { collect: number; analyze: number; paint: number };
  lang: string;
  /** The page's publication date (YYYY-MM-DD) when it says one. */
  published?: string;
};

export type CommandName = 'toggle-highlights' | 'next-mention';

/** From the popup: run a command for a tab (the same as the keyboard shortcut). */
export type PopupCommand = { type: 'popup:command'; command: CommandName; tabId: number };
/** From the popup's page list: scroll to a mention and open its card. */
export type ShowMention = { type: 'popup:show'; tabId: number; id: string };

/** From the background to the annotator in a tab. */
export type AnnotatorCommand = { type: 'annotator:command'; command: CommandName } | { type: 'annotator:show'; id: string };

export type Message = DetectorResult | AnnotatorReport | PopupCommand | ShowMention;

/** What the background keeps for each tab in session storage (the service worker can be stopped). */
export type TabState = {
  url: string;
  hit: boolean;
  detectorMs: number;
  detectorSlices?: number;
  detectorLongestSliceMs?: number;
  updatedAt: number;
  mentions?: MentionSummary[];
  count?: number;
  annotatorMs?: number;
  longestSliceMs?: number;
  phasesMs?: { collect: number; analyze: number; paint: number };
  lang?: string;
  published?: string;
};

export const tabStateKey = (tabId: number) => `tab:${tabId}`;

const TYPES = new Set(['detector:result', 'annotator:report', 'popup:command', 'popup:show']);

export function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && TYPES.has((value as { type?: unknown }).type as string);
}
