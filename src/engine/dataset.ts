/**
 * The dataset indexed for the engine. Built from already-validated raw files (zod runs at build time
 * and in tests, not in the page), so this module carries no schema code.
 */
import type {
  Claim,
  HolderIdT,
  HoldingsObservation,
  RawDataset,
  ReservesObservation,
  Source,
  TimelineEvent,
} from '../data/schema';
import type { VocabularyGroup } from '../data/kinds';
import { TERM_FLAGS, alternation, detectorAnchorSources, mergeGroups, quickSource, termSource, type TermGroup } from './terms';

export type Dataset = {
  raw: RawDataset;
  /** Observations per holder, ascending by month. */
  holdings: Map<HolderIdT, HoldingsObservation[]>;
  holdingByMonth: Map<HolderIdT, Map<string, HoldingsObservation>>;
  reserves: ReservesObservation[];
  reservesByMonth: Map<string, ReservesObservation>;
  events: Map<string, TimelineEvent>;
  claims: Claim[];
  sources: Map<string, Source>;
  /** One sticky regex per vocabulary group (flags yiu): whether a term, with its boundaries, starts right there. */
  at: GroupRegexes;
  /** A group's terms without boundaries, global and with the exact regex's case folding (giu): where a term may start. */
  starts: GroupRegexes;
  /** A group's terms as one non-global regex, for quick tests. */
  has: GroupRegexes;
  /** The same without boundaries: a cheap pre-test. */
  quick: GroupRegexes;
  trigger: RegExp;
  /**
   * The trigger's anchors (data/vocabulary.json "detectorAnchors", one of which every trigger term
   * contains), each a case-insensitive literal: a few single-literal searches are faster than the
   * trigger's alternation over a long text that has none.
   */
  anchors: RegExp[];
};

export function buildDataset(raw: RawDataset): Dataset {
  const holdings = new Map<HolderIdT, HoldingsObservation[]>();
  const holdingByMonth = new Map<HolderIdT, Map<string, HoldingsObservation>>();
  for (const series of raw.holdings.series) {
    const sorted = [...series.observations].sort((a, b) => (a.month < b.month ? -1 : 1));
    holdings.set(series.id, sorted);
    holdingByMonth.set(series.id, new Map(sorted.map((o) => [o.month, o])));
  }
  const reserves = [...raw.reserves.observations].sort((a, b) => (a.month < b.month ? -1 : 1));
  const groups = raw.vocabulary.groups as Partial<Record<VocabularyGroup, TermGroup>>;
  const sources = new GroupSources(groups);
  const at = new GroupRegexes((id) => sources.terms(id), `y${TERM_FLAGS}`);
  const has = new GroupRegexes((id) => sources.terms(id), TERM_FLAGS);
  const quickSources = (id: VocabularyGroup) => (groups[id] ? quickSource(groups[id]) : undefined);
  const starts = new GroupRegexes(quickSources, `g${TERM_FLAGS}`);
  const quick = new GroupRegexes(quickSources, 'i');
  return {
    raw,
    holdings,
    holdingByMonth,
    reserves,
    reservesByMonth: new Map(reserves.map((o) => [o.month, o])),
    events: new Map(raw.events.events.map((e) => [e.id, e])),
    claims: raw.claims.claims,
    sources: new Map(raw.sources.sources.map((s) => [s.id, s])),
    at,
    starts,
    has,
    quick,
    trigger: new RegExp(termSource(mergeGroups(raw.vocabulary, raw.vocabulary.trigger)), TERM_FLAGS),
    anchors: detectorAnchorSources(raw.vocabulary).map((source) => new RegExp(source, 'i')),
  };
}

/** A group's expression source, made the first time it is asked for (a page that needs a few groups builds a few). */
class GroupSources {
  private readonly made = new Map<VocabularyGroup, string>();
  constructor(private readonly groups: Partial<Record<VocabularyGroup, TermGroup>>) {}
  terms(id: VocabularyGroup): string | undefined {
    const group = this.groups[id];
    if (!group) return undefined;
    let source = this.made.get(id);
    if (source === undefined) this.made.set(id, (source = termSource(group)));
    return source;
  }
}

/**
 * A regex per vocabulary group, compiled the first time the group is asked for: indexing the dataset in
 * the page then costs almost nothing, and each part of the extension pays only for the groups it uses.
 */
export class GroupRegexes {
  private readonly compiled = new Map<VocabularyGroup, RegExp>();
  constructor(
    private readonly source: (id: VocabularyGroup) => string | undefined,
    private readonly flags: string,
  ) {}
  get(id: VocabularyGroup): RegExp | undefined {
    let re = this.compiled.get(id);
    if (!re) {
      const source = this.source(id);
      if (source === undefined) return undefined;
      this.compiled.set(id, (re = new RegExp(source, this.flags)));
    }
    return re;
  }
}

export type Term = { start: number; end: number; term: string };
/** A text's matches of each vocabulary group, found once per group and kept. */
export type Terms = (group: VocabularyGroup) => readonly Term[];

export function termsOf(ds: Dataset, text: string): Terms {
  const found = new Map<VocabularyGroup, Term[]>();
  return (group) => {
    let list = found.get(group);
    if (!list) found.set(group, (list = termsIn(ds, group, text)));
    return list;
  };
}

/** The terms of a part [start, end) of the text, with offsets into the part. */
export function termsWithin(all: Terms, start: number, end: number): Terms {
  const found = new Map<VocabularyGroup, Term[]>();
  return (group) => {
    let list = found.get(group);
    if (!list) found.set(group, (list = all(group).filter((t) => t.start >= start && t.end <= end).map((t) => ({ ...t, start: t.start - start, end: t.end - start }))));
    return list;
  };
}

/** All matches of a vocabulary group inside [from, to) of text. */
export function termsIn(ds: Dataset, group: VocabularyGroup, text: string, from = 0, to = text.length): Array<{ start: number; end: number; term: string }> {
  const slice = from === 0 && to === text.length ? text : text.slice(from, to);
  return matches(ds, group, slice, false).map((m) => ({ start: from + m.index, end: from + m.index + m[0].length, term: m[0] }));
}

export function hasTerm(ds: Dataset, group: VocabularyGroup, text: string): boolean {
  return matches(ds, group, text, true).length > 0;
}

/**
 * A group's matches in text (only the first, with `firstOnly`), as a global search with the exact
 * expression finds them. That expression's look-behind makes it slow to search with: a search for the bare
 * terms finds where one may start, and the exact expression, tried only there, decides; the search
 * resumes after each match, or one past a miss.
 */
function matches(ds: Dataset, group: VocabularyGroup, text: string, firstOnly: boolean): RegExpExecArray[] {
  const at = ds.at.get(group);
  if (!at) throw new Error(`vocabulary has no group "${group}"`);
  const out: RegExpExecArray[] = [];
  if (!ds.quick.get(group)!.test(text)) return out;
  const starts = ds.starts.get(group)!;
  starts.lastIndex = 0;
  for (let c = starts.exec(text); c; c = starts.exec(text)) {
    at.lastIndex = c.index;
    const m = at.exec(text);
    if (m) {
      out.push(m);
      if (firstOnly) break;
    }
    starts.lastIndex = c.index + (m ? m[0].length : 1);
  }
  return out;
}

/** Vocabulary groups' terms as regex source, for an expression the code writes around them. */
export type VocabularySource = {
  /** Groups' terms (or one language's) as one alternation, without boundaries: the expression decides them, and its case. */
  words(groups: VocabularyGroup | readonly VocabularyGroup[], lang?: 'en' | 'ja'): string;
  /** Groups' terms with the vocabulary's own boundaries (English as whole words, Japanese as substrings); needs the u flag. */
  terms(...groups: VocabularyGroup[]): string;
  /** The groups whose terms make a text worth a look. */
  trigger: readonly VocabularyGroup[];
};

/**
 * An expression the code writes around vocabulary groups ("a holder right after 'ahead of'", "a money sign
 * before a digit"), compiled once per dataset: the words come from data/vocabulary.json, the syntax around
 * them (anchors, spaces, particles) from the code.
 */
export function expression(build: (v: VocabularySource) => RegExp): (ds: Dataset) => RegExp {
  const compiled = new WeakMap<Dataset, RegExp>();
  return (ds) => {
    let re = compiled.get(ds);
    if (!re) {
      const vocab = ds.raw.vocabulary;
      re = build({
        words: (groups, lang) => {
          const merged = mergeGroups(vocab, typeof groups === 'string' ? [groups] : groups);
          return alternation(lang ? merged[lang] : [...merged.en, ...merged.ja]);
        },
        terms: (...groups) => termSource(mergeGroups(vocab, groups)),
        trigger: vocab.trigger,
      });
      compiled.set(ds, re);
    }
    return re;
  };
}
