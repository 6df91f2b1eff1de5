/**
 * zod schemas for every file in data/. Types used by the rest of the code are inferred from these,
 * so the data and the code cannot drift apart silently.
 *
 * Conventions:
 * - Every value that states a fact carries `sources`: ids into data/sources.json. Each source there has
 *   its URL and its own date, so a figure is always one lookup away from where it came from.
 * - Money: Treasury holdings in USD billions (as TIC publishes them), reserves in USD millions (as the
 *   Ministry of Finance publishes them). Months are "YYYY-MM" (end of month), dates "YYYY-MM-DD".
 * - Text shown to users comes in English and Japanese (`Localized`).
 */
import { z } from 'zod';
import {
  CLAIM_TARGETS,
  EVENT_KINDS,
  FIGURE_SERIES,
  FIGURE_SUBJECTS,
  HOLDER_IDS,
  REMARK_KINDS,
  SERIES_SUBJECTS,
  VOCABULARY_GROUPS,
  type VocabularyGroup,
} from './kinds';

export const SourceId = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'source ids are lowercase kebab-case');
export const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected a month as YYYY-MM');
export const IsoDate = z.iso.date({ message: 'expected a date as YYYY-MM-DD' });
export const Confidence = z.enum(['high', 'medium', 'low']);
export const Lang = z.enum(['en', 'ja']);
export const Localized = z.strictObject({ en: z.string().min(1), ja: z.string().min(1) });
const sourceList = z.array(SourceId).min(1, 'every fact needs at least one source');
const nonNegative = (what: string) => z.number().finite().nonnegative(`${what} cannot be negative`);

// ---------------------------------------------------------------- sources.json

export const SourceSchema = z.strictObject({
  id: SourceId,
  title: z.string().min(1),
  publisher: z.string().min(1),
  url: z.url({ protocol: /^https?$/ }),
  /** The source's own date: publication, release or file date. */
  date: IsoDate,
  kind: z.enum(['official', 'wire', 'news', 'research', 'compilation', 'archive', 'blog']),
  /** Where the official file was read when the official host could not be: a verbatim copy. */
  archiveUrl: z.url({ protocol: /^https?$/ }).optional(),
  retrieved: IsoDate.optional(),
  note: z.string().optional(),
});
export const SourcesFileSchema = z.strictObject({
  sources: z.array(SourceSchema).min(1),
});

// ---------------------------------------------------------------- holdings.json (TIC)

/**
 * How a release printed a month: first_reported (the newest column of a monthly table), restated (an
 * older column of a monthly table), revised (the history file, after TIC's annual revisions).
 */
export const ReleaseKind = z.enum(['first_reported', 'restated', 'revised']);

/** One published value of a month, from one release (vintage). */
export const VintageSchema = z.strictObject({
  value: nonNegative('a holding'),
  /** Release date of the table this value was read from. */
  released: IsoDate,
  kind: ReleaseKind,
  sources: sourceList,
  note: z.string().optional(),
});

export const HoldingsObservationSchema = z.strictObject({
  month: Month,
  /** The latest revised value, USD billions. */
  value: nonNegative('a holding'),
  /** Release date of the vintage `value` comes from. */
  released: IsoDate,
  /** How that release printed the month; kept so that a later revision can move it to `earlier` as it was. */
  kind: ReleaseKind.optional(),
  sources: sourceList,
  confidence: Confidence,
  /** Earlier published values of the same month (first reports, restatements), oldest first. */
  earlier: z.array(VintageSchema).optional(),
  /** At a series break TIC also prints the old series "for comparison only". */
  oldSeries: z.strictObject({ value: nonNegative('a holding'), note: z.string() }).optional(),
  note: z.string().optional(),
});

export const HolderId = z.enum(HOLDER_IDS);

export const HoldingsSeriesSchema = z.strictObject({
  id: HolderId,
  /** The row label in the TIC table ("Japan", "China, Mainland", "Grand Total"). */
  ticLabel: z.string().min(1),
  name: Localized,
  /** 'monthly' for the full series, 'year_end' when only December values are carried. */
  frequency: z.enum(['monthly', 'year_end', 'partial']),
  observations: z.array(HoldingsObservationSchema).min(1),
});

export const ReferencePointSchema = z.strictObject({
  id: z.string().min(1),
  month: Month,
  kind: z.enum(['peak', 'low', 'overtaken', 'regained_lead', 'latest']),
  series: z.array(HolderId).min(1),
  summary: Localized,
  sources: sourceList,
  confidence: Confidence,
});

export const HoldingsFileSchema = z.strictObject({
  unit: z.literal('usd_billion'),
  /** What the TIC series measures: all holders resident in the country, official and private. */
  definition: Localized,
  sources: sourceList,
  series: z.array(HoldingsSeriesSchema).min(1),
  referencePoints: z.array(ReferencePointSchema),
});

// ---------------------------------------------------------------- reserves.json (MOF)

export const ReservesObservationSchema = z.strictObject({
  month: Month,
  total: nonNegative('total reserves'),
  securities: nonNegative('securities'),
  deposits: nonNegative('deposits'),
  gold: nonNegative('gold'),
  /** IMF reserve position plus SDRs. */
  imfAndSdr: nonNegative('IMF position and SDRs'),
  /** securities / total, in percent, as printed in the source (checked against the components). */
  securitiesSharePct: z.number().min(0).max(100),
  sources: sourceList,
  confidence: Confidence,
  earlier: z
    .array(z.strictObject({ total: nonNegative('total reserves'), released: IsoDate, sources: sourceList, note: z.string().optional() }))
    .optional(),
  note: z.string().optional(),
});

export const ReservesFileSchema = z.strictObject({
  unit: z.literal('usd_million'),
  holder: Localized,
  /** The plain note that total reserves are not Treasury holdings. */
  definition: Localized,
  sources: sourceList,
  observations: z.array(ReservesObservationSchema).min(1),
});

// ---------------------------------------------------------------- events.json (timeline)

export const EventId = z.string().regex(/^\d{4}-\d{2}-\d{2}-[a-z0-9-]+$/, 'event ids are "<date>-<slug>"');

export const QuoteSchema = z.strictObject({
  lang: Lang,
  text: z.string().min(1),
  /** Who printed this wording. */
  outlet: z.string().min(1),
  /** verbatim: the speaker's own words in that language; translation: a wire's rendering. */
  form: z.enum(['verbatim', 'translation', 'paraphrase']),
  sources: sourceList,
  note: z.string().optional(),
});

export const EventKind = z.enum(EVENT_KINDS);

export const EventSchema = z.strictObject({
  id: EventId,
  date: IsoDate,
  datePrecision: z.enum(['day', 'month']),
  dateNote: z.string().optional(),
  kind: EventKind,
  actor: Localized,
  place: Localized,
  title: Localized,
  summary: Localized,
  quotes: z.array(QuoteSchema),
  sources: sourceList,
  confidence: Confidence,
  /** The later event that clarified this one (for the card's "later clarification" line). */
  clarifiedBy: EventId.optional(),
  /** The event this one clarifies. */
  clarifies: EventId.optional(),
  /** Shown in the popup's summary timeline. */
  inSummary: z.boolean(),
  note: z.string().optional(),
});

export const EventsFileSchema = z.strictObject({
  events: z.array(EventSchema).min(1),
});

// ---------------------------------------------------------------- claims.json (known claims, verdicts)

export const EvidenceRef = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('holdings'), series: HolderId, month: Month }),
  z.strictObject({ type: z.literal('reserves'), month: Month }),
  z.strictObject({ type: z.literal('event'), id: EventId }),
  z.strictObject({ type: z.literal('reference_point'), id: z.string().min(1) }),
]);

export const Verdict = z.enum(['true', 'true_rounded', 'partly_true', 'misleading', 'outdated', 'false', 'mistranslation']);

export const ClaimSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  claim: Localized,
  verdict: Verdict,
  correction: Localized,
  evidence: z.array(EvidenceRef).min(1),
  sources: sourceList,
  confidence: Confidence,
  lastChecked: IsoDate,
  /**
   * How the engine recognises the claim on a page. A figure claim: a figure whose clause is about
   * `subject` but whose value matches the `matchesSeries` series (e.g. Treasuries stated with the
   * reserves total). A framing claim: a remark mention whose sentence uses one of the vocabulary
   * group's terms (e.g. "threatened to sell").
   */
  detect: z
    .discriminatedUnion('type', [
      z.strictObject({
        type: z.literal('figure_confusion'),
        subject: z.enum(SERIES_SUBJECTS),
        matchesSeries: z.enum(FIGURE_SERIES),
      }),
      z.strictObject({ type: z.literal('remark_framing'), remark: z.enum(REMARK_KINDS), vocabulary: z.enum(VOCABULARY_GROUPS) }),
      /**
       * A phrase the page uses in a sentence with a mention (else, for a claim, with a mention in the same
       * paragraph): the claim is shown in that mention's card, on pages about the episode only. A `context`
       * claim (China's rank, the 1997 precedent) is shown only beside a mention in the same sentence.
       */
      z.strictObject({
        type: z.literal('phrase'),
        vocabulary: z.enum(VOCABULARY_GROUPS),
        on: z.enum(CLAIM_TARGETS),
        remark: z.enum(REMARK_KINDS).optional(),
        subject: z.enum(FIGURE_SUBJECTS).optional(),
        /** A figure's reference month must be this month or later (a "record" in 2025 is not the 2021 peak). */
        fromMonth: Month.optional(),
        context: z.boolean(),
      }),
      /** A figure that matches the official value of this month: the widely cited figure, rounded. */
      z.strictObject({ type: z.literal('figure_value'), subject: z.enum(FIGURE_SUBJECTS), month: Month }),
    ])
    .optional(),
});

export const ClaimsFileSchema = z.strictObject({
  claims: z.array(ClaimSchema).min(1),
});

// ---------------------------------------------------------------- vocabulary.json (triggers)

/**
 * Terms, not regular expressions: the code escapes them and decides boundaries. English terms match
 * case-insensitively on word boundaries; Japanese terms match as substrings.
 */
export const TermGroupSchema = z.strictObject({
  description: z.string().min(1),
  en: z.array(z.string().min(1)),
  ja: z.array(z.string().min(1)),
});

export const VocabularyFileSchema = z.strictObject({
  /** Groups whose terms make a page (and a text block) worth a closer look. */
  trigger: z.array(z.enum(VOCABULARY_GROUPS)).min(1),
  /**
   * Short pieces, one of which every trigger term contains (checked): the detector looks for these first,
   * each a single fast literal search, and runs the full trigger expression only when one is present.
   */
  detectorAnchors: z.array(z.string().min(2)).min(1),
  /** Exactly the groups the code knows (src/data/kinds.ts): a missing or unknown group fails validation. */
  groups: z.strictObject(Object.fromEntries(VOCABULARY_GROUPS.map((g) => [g, TermGroupSchema])) as Record<VocabularyGroup, typeof TermGroupSchema>),
});

// ---------------------------------------------------------------- meta.json

export const MetaFileSchema = z.strictObject({
  datasetVersion: z.string().regex(/^\d{4}\.\d{2}\.\d{2}$/),
  compiledOn: IsoDate,
  /** The latest month of the official holdings series the dataset carries. */
  latestHoldingsMonth: Month,
  revisionPolicy: Localized,
  knownGaps: z.array(z.strictObject({ topic: z.string().min(1), note: z.string().min(1) })),
  leftOut: z.array(z.strictObject({ item: z.string().min(1), reason: z.string().min(1) })),
});

export type Source = z.infer<typeof SourceSchema>;
export type Vintage = z.infer<typeof VintageSchema>;
export type HoldingsObservation = z.infer<typeof HoldingsObservationSchema>;
export type HoldingsSeries = z.infer<typeof HoldingsSeriesSchema>;
export type HolderIdT = z.infer<typeof HolderId>;
export type ReferencePoint = z.infer<typeof ReferencePointSchema>;
export type HoldingsFile = z.infer<typeof HoldingsFileSchema>;
export type ReservesObservation = z.infer<typeof ReservesObservationSchema>;
export type ReservesFile = z.infer<typeof ReservesFileSchema>;
export type Quote = z.infer<typeof QuoteSchema>;
export type TimelineEvent = z.infer<typeof EventSchema>;
export type EventsFile = z.infer<typeof EventsFileSchema>;
export type Claim = z.infer<typeof ClaimSchema>;
export type ClaimsFile = z.infer<typeof ClaimsFileSchema>;
export type VocabularyFile = z.infer<typeof VocabularyFileSchema>;
export type MetaFile = z.infer<typeof MetaFileSchema>;
export type LocalizedText = z.infer<typeof Localized>;

/** Every file in data/, the schema that checks it, and the key it has in the Dataset. */
export const DATA_FILES = {
  sources: { file: 'sources.json', schema: SourcesFileSchema },
  holdings: { file: 'holdings.json', schema: HoldingsFileSchema },
  reserves: { file: 'reserves.json', schema: ReservesFileSchema },
  events: { file: 'events.json', schema: EventsFileSchema },
  claims: { file: 'claims.json', schema: ClaimsFileSchema },
  vocabulary: { file: 'vocabulary.json', schema: VocabularyFileSchema },
  meta: { file: 'meta.json', schema: MetaFileSchema },
} as const;

export type RawDataset = {
  sources: z.infer<typeof SourcesFileSchema>;
  holdings: HoldingsFile;
  reserves: ReservesFile;
  events: EventsFile;
  claims: ClaimsFile;
  vocabulary: VocabularyFile;
  meta: MetaFile;
};
