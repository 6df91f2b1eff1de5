/**
 * The kinds the dataset and the engine share, each written once. The zod schemas build their enums from
 * these lists and the engine's types are inferred from them, so adding a kind is one edit here (plus the
 * data) and the type-checker lists every place that must handle it. Plain arrays, no zod: the engine in
 * the page imports this without the schema library.
 */

/** Kato's statements a sentence can report: the 2 May card remark, the 4 May clarification, the April dismissal. */
export const REMARK_KINDS = ['card_remark', 'clarification', 'earlier_dismissal'] as const;
export type RemarkKind = (typeof REMARK_KINDS)[number];

/** The timeline event kind (data/events.json) each statement is. */
export const EVENT_KIND_OF_REMARK = {
  card_remark: 'remark',
  clarification: 'clarification',
  earlier_dismissal: 'dismissal',
} as const satisfies Record<RemarkKind, string>;

/** The other way round: the statement an event of data/events.json is (other event kinds are none). */
export const REMARK_OF_EVENT_KIND: Readonly<Record<string, RemarkKind | undefined>> = Object.fromEntries(
  Object.entries(EVENT_KIND_OF_REMARK).map(([remark, event]) => [event, remark as RemarkKind]),
);

/** What a money amount is the size of. */
export const FIGURE_SUBJECTS = ['japan_treasury_holdings', 'japan_fx_reserves', 'china_treasury_holdings', 'other'] as const;
export type FigureSubject = (typeof FIGURE_SUBJECTS)[number];

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
  'stance', 'peak', 'remark_act', 'later_time', 'commentary', 'reserve_parts', 'conversion',
  'claim_nhk', 'claim_with_china', 'claim_creditor', 'claim_government', 'claim_second_largest', 'claim_record',
  'claim_april_relations', 'claim_reversal', 'claim_second_round', 'claim_hashimoto', 'claim_share',
] as const;
export type VocabularyGroup = (typeof VOCABULARY_GROUPS)[number];
