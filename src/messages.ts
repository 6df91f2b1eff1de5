/**
 * Messages between the content scripts, the popup and the background: one zod schema per message, the
 * types inferred from them. The background parses every message it receives with `parseMessage`, so a
 * malformed or oversized one is refused before anything reads it. `zod/mini`: the same checks without the
 * classic API's compiled object parsers (which build code with `Function`, something store reviews flag).
 */
import { z } from 'zod/mini';
import { FIGURE_SUBJECTS, REMARK_KINDS, REMARK_VERDICTS } from './data/kinds';
import { MENTION_CLASSES } from './page/highlighter';

/**
 * Mentions kept per tab, the longest mention text, sentence context and quote kept: one page cannot fill
 * the storage every tab shares.
 */
export const MAX_MENTIONS_PER_TAB = 500;
export const MAX_MENTION_TEXT = 240;
export const MAX_SENTENCE_TEXT = 400;
const MAX_QUOTE_TEXT = 2_000;

const ms = z.number().check(z.nonnegative());
const count = z.int().check(z.nonnegative());
/** A mention's stable id (src/page/annotator/anchors.ts), and the ids of events and claims. */
export const MentionId = z.string().check(z.minLength(1), z.maxLength(64));
const id = MentionId;

export const DetectorResult = z.object({
  type: z.literal('detector:result'),
  /** Whether the page's title or text matched the trigger vocabulary. */
  hit: z.boolean(),
  /** Main-thread time the look took, ms (the sum of its slices), the number of slices and the longest. */
  ms,
  slices: z.optional(count),
  longestSliceMs: z.optional(ms),
});
export type DetectorResult = z.infer<typeof DetectorResult>;

/** One mention as the popup, the badge and the export see it. */
export const MentionSummary = z.object({
  /** Stable across rescans (the mention's quote and its context): what "Show" and the exports refer to. */
  id,
  kind: z.enum(['figure', 'remark']),
  text: z.string().check(z.maxLength(MAX_MENTION_TEXT)),
  /** How the page paints it (src/page/highlighter.ts): the popup's legend and counts use the same classes. */
  cls: z.optional(z.enum(MENTION_CLASSES)),
  /** The quote with 32 characters of context each side (a W3C TextQuoteSelector), and its offsets in the page's text. */
  quote: z.optional(z.object({ exact: z.string().check(z.maxLength(MAX_QUOTE_TEXT)), prefix: z.string().check(z.maxLength(64)), suffix: z.string().check(z.maxLength(64)) })),
  position: z.optional(z.object({ start: count, end: count })),
  /** The sentence the mention is in (at most MAX_SENTENCE_TEXT), and where in it the mention (a remark: its reporting phrase) is. */
  sentence: z.optional(z.object({ text: z.string().check(z.maxLength(MAX_SENTENCE_TEXT)), start: count, end: count })),
  /** A remark: the events of data/events.json it reports, and the later clarification of them. */
  events: z.optional(z.array(id).check(z.maxLength(8))),
  clarifiedBy: z.optional(id),
  subject: z.optional(z.enum(FIGURE_SUBJECTS)),
  status: z.optional(z.string().check(z.maxLength(32))),
  /** A yen figure converting a dollar figure; `status` is the dollar figure's. */
  conversion: z.optional(z.boolean()),
  remark: z.optional(z.enum(REMARK_KINDS)),
  /** The engine could not tell which statement: `remark` is its best reading, `alternative` the other. */
  unsure: z.optional(z.literal(true)),
  alternative: z.optional(z.enum(REMARK_KINDS)),
  /** The remark checked against the record (on record, not in the record, misdated, the false threat). */
  remarkVerdict: z.optional(z.enum(REMARK_VERDICTS)),
  /** The figure as the page states it, USD (the popup's chart marks it). */
  valueUsd: z.optional(z.number()),
  /** The official value the figure is judged against, USD, and its month. */
  officialUsd: z.optional(z.number()),
  officialMonth: z.optional(z.string().check(z.regex(/^\d{4}-\d{2}$/))),
  claims: z.optional(z.array(id).check(z.maxLength(16))),
});
export type MentionSummary = z.infer<typeof MentionSummary>;

const Phases = z.object({ collect: ms, analyze: ms, paint: ms });

export const AnnotatorReport = z.object({
  type: z.literal('annotator:report'),
  /** The page's mentions; a page with more than the cap sends the first MAX_MENTIONS_PER_TAB and the `count`. */
  mentions: z.array(MentionSummary).check(z.maxLength(MAX_MENTIONS_PER_TAB)),
  /** Flagged mentions (what the badge counts). */
  count,
  /** Total main-thread time of the last scan, ms, and its longest slice. */
  annotatorMs: ms,
  longestSliceMs: ms,
  /** Where the time went: walking the DOM, the engine, making ranges and painting. */
  phasesMs: Phases,
  lang: z.string().check(z.maxLength(16)),
  /** The page's publication date (YYYY-MM-DD) when it says one. */
  published: z.optional(z.string().check(z.maxLength(32))),
});
export type AnnotatorReport = z.infer<typeof AnnotatorReport>;

/**
 * The page's text goes to the engine in parts of at most this many characters, one message each: a
 * message is serialised in one task on the page's main thread (about 40 ms a megabyte here), so a huge
 * page's text in one message would be one long task.
 */
export const ENGINE_PART_CHARS = 200_000;
/** The most parts one request may have (a 16 MB text), and the requests the background holds at once. */
export const MAX_ENGINE_PARTS = 80;
export const MAX_ENGINE_REQUESTS = 8;

/** From the annotator: one part of the text of a request (`id`), in order. */
export const EnginePart = z.object({
  type: z.literal('engine:part'),
  id,
  index: z.int().check(z.nonnegative(), z.lt(MAX_ENGINE_PARTS)),
  text: z.string().check(z.maxLength(ENGINE_PART_CHARS)),
});
export type EnginePart = z.infer<typeof EnginePart>;

/**
 * From the annotator, after the parts: read the text (the page's, as collected) and say what it mentions.
 * The engine runs in the background, so its start-up and its parsing never land on the page's main thread.
 */
export const EngineRequest = z.object({
  type: z.literal('engine:analyze'),
  id,
  parts: z.int().check(z.nonnegative(), z.lte(MAX_ENGINE_PARTS)),
  lang: z.string().check(z.maxLength(16)),
  published: z.optional(z.string().check(z.maxLength(32))),
});
export type EngineRequest = z.infer<typeof EngineRequest>;

export const COMMAND_NAMES = ['toggle-highlights', 'next-mention'] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

const tabId = count;

/** From the popup: run a command for a tab (the same as the keyboard shortcut). */
export const PopupCommand = z.object({ type: z.literal('popup:command'), command: z.enum(COMMAND_NAMES), tabId });
export type PopupCommand = z.infer<typeof PopupCommand>;
/** From the popup's page list: scroll to a mention and open its card. */
export const ShowMention = z.object({ type: z.literal('popup:show'), tabId, id });
export type ShowMention = z.infer<typeof ShowMention>;

/**
 * From the popup, on a site the extension may not read: run the detector (and so the annotator) once in
 * the tab, with the access a click on the toolbar button gives (`activeTab`). Answered with whether it ran.
 */
export const CheckPage = z.object({ type: z.literal('popup:check'), tabId });
export type CheckPage = z.infer<typeof CheckPage>;

/**
 * From a content script in a private tab (which cannot read `storage.session`): what private windows
 * changed (src/private-session.ts). Answered only for a private tab's content script.
 */
export const PrivateGet = z.object({ type: z.literal('private:get') });
export type PrivateGet = z.infer<typeof PrivateGet>;
/**
 * From an annotator that opened a card: the same tab's other frames (the top page and its same-origin
 * iframes each have an annotator and a card of their own) close theirs. `opener` is the sending copy's
 * random id, the one copy that keeps its card.
 */
export const CardOpened = z.object({ type: z.literal('card:opened'), opener: id });
export type CardOpened = z.infer<typeof CardOpened>;
/** From the background, to every frame of the tab: a card opened in the annotator `opener`. */
export type CardOpenedElsewhere = { type: 'annotator:card-opened'; opener: string };
/** From the background to the content scripts in private tabs: the private session changed, read it again. */
export type PrivateChanged = { type: 'private:changed' };

/** From the background to the annotator in a tab. */
export type AnnotatorCommand = { type: 'annotator:command'; command: CommandName } | { type: 'annotator:show'; id: string };
/** From the background to the selection checker in a frame: the context menu's "Check with Treasury Lens". */
export type SelectionCheck = { type: 'annotator:check-selection' };

/**
 * Set in the page's isolated world just before the annotator script is injected for a selection check:
 * that copy answers the check and does not start annotating a page the detector passed over.
 */
export const SELECTION_ONLY_FLAG = '__treasuryLensSelectionOnly';

export const Message = z.discriminatedUnion('type', [DetectorResult, AnnotatorReport, EnginePart, EngineRequest, PopupCommand, ShowMention, CheckPage, PrivateGet, CardOpened]);
export type Message = z.infer<typeof Message>;

/** Which senders may send what: content scripts report about their own tab; only extension pages command. */
export const FROM_CONTENT_SCRIPT: ReadonlySet<Message['type']> = new Set(['detector:result', 'annotator:report', 'engine:part', 'engine:analyze', 'private:get', 'card:opened']);

export type Sender = { tab?: { id?: number; url?: string; incognito?: boolean }; url?: string; frameId?: number; id?: string };

/**
 * Whether a sender may send this message. Reports come from a content script in a tab (and speak of that
 * tab only); commands for a tab come from our own pages (`extensionOrigin`: the popup, also when it is
 * opened in a tab as `popup.html?tab=N`), never from a content script, whose sender URL is the page's: a
 * page's content script cannot steer another tab. What private windows changed goes to private tabs only.
 */
export function senderMay(type: Message['type'], sender: Sender, extensionOrigin: string): boolean {
  const ours = typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);
  if (type === 'private:get' && !sender.tab?.incognito) return false;
  if (FROM_CONTENT_SCRIPT.has(type)) return sender.tab?.id !== undefined && !ours;
  return ours;
}

/** The message, if it is a well-formed one; undefined for anything else. */
export function parseMessage(value: unknown): Message | undefined {
  const parsed = Message.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

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
  /** The page has more mentions than are kept: `mentions` holds the first MAX_MENTIONS_PER_TAB of `count`. */
  truncated?: true;
  annotatorMs?: number;
  longestSliceMs?: number;
  phasesMs?: { collect: number; analyze: number; paint: number };
  lang?: string;
  published?: string;
  /** What the annotators in the page's same-origin iframes found, by frame id (the top frame's is above). */
  frames?: Record<string, FrameReport>;
};

/** One iframe's mentions (capped as a tab's are) and its flagged count. */
export type FrameReport = { mentions: MentionSummary[]; count: number };

/** Iframes of one tab whose reports are kept; a page of many embedded articles keeps the first ones. */
export const MAX_FRAMES_PER_TAB = 8;

/** Every mention of the tab, the top frame's first, then each iframe's; and their flagged count. */
export function tabMentions(state: TabState | undefined): MentionSummary[] {
  return [...(state?.mentions ?? []), ...Object.values(state?.frames ?? {}).flatMap((f) => f.mentions)];
}
export function tabCount(state: TabState | undefined): number {
  return (state?.count ?? 0) + Object.values(state?.frames ?? {}).reduce((n, f) => n + f.count, 0);
}

/** The frame a keyboard command goes to: the top frame if it found mentions, else the first iframe that did. */
export function commandFrame(state: TabState | undefined): number {
  if (state?.count) return 0;
  const frame = Object.entries(state?.frames ?? {}).find(([, f]) => f.count > 0)?.[0];
  return frame === undefined ? 0 : Number(frame);
}

export const tabStateKey = (tabId: number) => `tab:${tabId}`;
