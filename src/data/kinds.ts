/**
 * The kinds the dataset and the engine share, each written once. The zod schemas build their enums from
 * these lists and the engine's types are inferred from them, so adding a kind is one edit here (plus the
 * data) and the type-checker lists every place that must handle it. Plain arrays, no zod: the engine in
 * the page imports this without the schema library.
 */

/** Kato's statements a sentence can report: the 2 May card remark, the 4 May clarification, the April dismissal. */
export const REMARK_KINDS = ['card_remark', 'clarification', 'earlier_dismissal'] as const;
export type RemarkKind = (typeof REMARK_KINDS)[number];

/** Kinds of timeline events (data/events.json): the three statements', then follow-ups, context and precedents. */
export const EVENT_KINDS = ['remark', 'clarification', 'dismissal', 'follow_up', 'context', 'precedent'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** The timeline event kind (data/events.json) each statement is. */
export const EVENT_KIND_OF_REMARK = {
  card_remark: 'remark',
  clarification: 'clarification',
  earlier_dismissal: 'dismissal',
} as const satisfies Record<RemarkKind, EventKind>;

/** The other way round: the statement an event of data/events.json is (other event kinds are none). */
export const REMARK_OF_EVENT_KIND: Readonly<Record<string, RemarkKind | undefined>> = Object.fromEntries(
  Object.entries(EVENT_KIND_OF_REMARK).map(([remark, event]) => [event, remark as RemarkKind]),
);

/** The holders of data/holdings.json's TIC series. */
export const HOLDER_IDS = ['japan', 'china', 'united_kingdom', 'foreign_total'] as const;
export type HolderId = (typeof HOLDER_IDS)[number];

/** What a money amount is the size of. */
export const FIGURE_SUBJECTS = ['japan_treasury_holdings', 'japan_fx_reserves', 'china_treasury_holdings', 'other'] as const;
export type FigureSubject = (typeof FIGURE_SUBJECTS)[number];

/**
 * Each subject the record has a series for, with that series: its name (what a verdict is judged against),
 * what the figure is (`kind`: the vocabulary group that names it, which is also the file it is read from,
 * Treasuries from the holder's TIC series in data/holdings.json, reserves from data/reserves.json) and whose.
 * The figures module reads the subject off the kind and holder a clause names; the verdict module reads
 * from here which series of which file to judge against. 'other' has no series.
 */
export const SUBJECT_SERIES = {
  japan_treasury_holdings: { series: 'japan_treasury_holdings', kind: 'treasuries', holder: 'japan' },
  japan_fx_reserves: { series: 'japan_reserves_total', kind: 'reserves', holder: 'japan' },
  china_treasury_holdings: { series: 'china_treasury_holdings', kind: 'treasuries', holder: 'china' },
} as const satisfies Record<Exclude<FigureSubject, 'other'>, { series: string; kind: 'treasuries' | 'reserves'; holder: HolderId }>;
export type SeriesSubject = keyof typeof SUBJECT_SERIES;
export type SubjectSeries = (typeof SUBJECT_SERIES)[SeriesSubject];
/** An official series a figure is judged against. */
export type FigureSeries = SubjectSeries['series'];
/** The subjects with a series, and the series, each as a list (for the schema's enums). */
export const SERIES_SUBJECTS = Object.keys(SUBJECT_SERIES) as SeriesSubject[];
export const FIGURE_SERIES = Object.values(SUBJECT_SERIES).map((s) => s.series);
/** A series' entry, by the series' name. */
export const SERIES_BY_NAME = Object.fromEntries(Object.values(SUBJECT_SERIES).map((s) => [s.series, s])) as Record<FigureSeries, SubjectSeries>;

/** Which mentions a known claim's phrase attaches to (data/claims.json, detect type "phrase"). */
export const CLAIM_TARGETS = ['figure', 'remark', 'any'] as const;

/** What a reported statement is, checked against the record. */
export const REMARK_VERDICTS = ['on_record', 'not_in_record', 'misdated', 'false_threat', 'reported'] as const;
export type RemarkVerdictStatus = (typeof REMARK_VERDICTS)[number];

/** Groups of data/vocabulary.json. The file must have exactly these; code names them with this type. */
export const VOCABULARY_GROUPS = [
  'treasuries', 'reserves', 'kato', 'kato_bare', 'finance_office', 'japan', 'china', 'other_holders', 'holding',
  'card', 'sell', 'clarification', 'dismissal', 'threat', 'not_holding', 'change', 'change_after', 'total_foreign',
  'finance_ministry', 'remark_place', 'clarification_place', 'dismissal_place', 'other_speaker', 'remark_ref',
  'stance', 'peak', 'remark_act', 'later_time', 'later_statement', 'media_reading', 'commentary', 'reserve_parts', 'conversion',
  'claim_nhk', 'claim_with_china', 'claim_creditor', 'claim_government', 'claim_second_largest', 'claim_record',
  'claim_april_relations', 'claim_reversal', 'claim_second_round', 'claim_hashimoto', 'claim_share',
  'compared_before', 'compared_after', 'superlative', 'holder_suffix', 'part_of', 'currency', 'kato_full', 'kato_honorific',
  'office_qualifier', 'speech_verb', 'not_a_speaker', 'not_a_given_name', 'commitment', 'means', 'holdings_noun', 'change_header',
  'kato_given_name', 'kato_title', 'negotiation', 'reserves_loose', 'tic_source',
] as const;
export type VocabularyGroup = (typeof VOCABULARY_GROUPS)[number];
