/**
 * The labelled corpus (tests/fixtures/corpus): loads each article with its labels and scores the
 * engine against them. Used by the corpus test and by `npm run score`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Mention, RemarkMention } from '../../src/engine/analyze';
import type { Dataset } from '../../src/engine/dataset';
import { effectiveStatus } from '../../src/engine/verdict';
import { EVENT_KIND_OF_REMARK, type FigureSubject, type RemarkKind, type RemarkVerdictStatus } from '../../src/data/kinds';
import { scanText } from '../../src/cli/scan';

export const CORPUS_DIR = join(import.meta.dirname, '..', 'fixtures', 'corpus');

export type FigureLabel = {
  text: string;
  nth: number;
  subject: FigureSubject;
  flag: boolean;
  valueUsd?: number;
  valueJpy?: number;
  bound?: string | null;
  asOf?: string | null;
  status?: string;
  typo?: boolean;
};
export type RemarkLabel = {
  contains: string;
  /** other_statement: something else he said about the holdings; `event` says at which event. */
  remark: RemarkKind | 'other_statement';
  event?: string | null;
  verdict?: RemarkVerdictStatus;
};
export type Labels = {
  lang: string;
  style: string;
  published: string | null;
  negative: boolean;
  notes?: string;
  figures: FigureLabel[];
  remarks: RemarkLabel[];
};

export type Article = { id: string; file: string; labels: Labels };

export function loadCorpus(dir = CORPUS_DIR): Article[] {
  return readdirSync(dir)
    .filter((f) => /\.(txt|html)$/.test(f))
    .sort()
    .map((f) => {
      const id = f.replace(/\.(txt|html)$/, '');
      return { id, file: join(dir, f), labels: JSON.parse(readFileSync(join(dir, `${id}.labels.json`), 'utf8')) as Labels };
    });
}

function nthIndex(text: string, needle: string, nth: number): number {
  let at = -1;
  for (let i = 0; i < nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) return -1;
  }
  return at;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

export type Score = { tp: number; fp: number; fn: number; precision: number; recall: number };
const score = (tp: number, fp: number, fn: number): Score => ({
  tp, fp, fn,
  precision: tp + fp ? tp / (tp + fp) : 1,
  recall: tp + fn ? tp / (tp + fn) : 1,
});

export type ArticleResult = {
  id: string;
  negative: boolean;
  mentions: Mention[];
  errors: string[];
  figures: { tp: number; fp: number; fn: number };
  remarks: { tp: number; fp: number; fn: number };
  statusAgree: number;
  statusTotal: number;
  /** Remark verdicts (on record, misdated, …) that agree with the label, of those labelled and found. */
  verdictAgree: number;
  verdictTotal: number;
  /** Mentions the engine marked unsure (counted as misses, never as errors). */
  unsure: number;
  flaggedInNegative: number;
};

export function scoreArticle(ds: Dataset, a: Article): ArticleResult {
  const raw = readFileSync(a.file, 'utf8');
  const overrides = a.file.endsWith('.txt') && a.labels.published ? { published: a.labels.published } : {};
  const rejected: Array<{ at: number; why: string }> = [];
  const { text, mentions } = scanText(ds, a.file, raw, { ...overrides, trace: (at, why) => rejected.push({ at, why }) });
  // Why the engine passed over the sentence a missed label is in (the last rejection at or before it).
  const whyMissed = (at: number) => rejected.filter((x) => x.at <= at).at(-1)?.why;
  const errors: string[] = [];
  const r: ArticleResult = {
    id: a.id, negative: a.labels.negative, mentions, errors,
    figures: { tp: 0, fp: 0, fn: 0 }, remarks: { tp: 0, fp: 0, fn: 0 },
    statusAgree: 0, statusTotal: 0, verdictAgree: 0, verdictTotal: 0, unsure: 0, flaggedInNegative: 0,
  };
  if (a.labels.negative) r.flaggedInNegative = mentions.filter((m) => m.flagged).length;
  for (const m of mentions.filter((m) => m.flagged && a.labels.negative)) errors.push(`negative page flagged ${m.kind} "${m.text.slice(0, 80)}"`);

  // Figures about Japan's Treasury holdings.
  const predicted = mentions.filter((m) => m.kind === 'figure' && m.subject === 'japan_treasury_holdings');
  const used = new Set<Mention>();
  for (const label of a.labels.figures.filter((f) => f.subject === 'japan_treasury_holdings')) {
    const at = nthIndex(text, label.text, label.nth);
    if (at < 0) {
      errors.push(`label text not found: "${label.text}" #${label.nth}`);
      r.figures.fn++;
      continue;
    }
    const span = { start: at, end: at + label.text.length };
    const hit = predicted.find((m) => !used.has(m) && overlaps(m, span));
    if (hit && hit.kind === 'figure') {
      used.add(hit);
      r.figures.tp++;
      if (label.status) {
        r.statusTotal++;
        // A yen conversion is shown with the status of the dollar figure it converts.
        const got = hit.verdict ? effectiveStatus(hit.verdict) : undefined;
        const same = got === label.status;
        if (same) r.statusAgree++;
        else errors.push(`status of "${label.text}": expected ${label.status}, got ${got}`);
      }
    } else {
      r.figures.fn++;
      const other = mentions.find((m) => overlaps(m, span));
      errors.push(`missed figure "${label.text}"${other?.kind === 'figure' ? ` (got subject ${other.subject})` : ''}`);
    }
  }
  for (const m of predicted) {
    if (used.has(m)) continue;
    r.figures.fp++;
    errors.push(`extra figure "${m.text}" as japan_treasury_holdings`);
  }

  // Remarks (LABELS.md): each labelled statement must be found with the statement it reports. A mention the
  // engine marks unsure names no statement: a miss, never an error. A sentence labelled as another thing he
  // said counts neither way when typed as the statement of the same event, and is an error otherwise.
  const predictedRemarks = mentions.filter((m): m is RemarkMention => m.kind === 'remark');
  const spanOf = (label: RemarkLabel) => {
    const at = text.indexOf(label.contains);
    return at < 0 ? undefined : { start: at, end: at + label.contains.length };
  };
  const settled = new Set<RemarkMention>();
  for (const label of a.labels.remarks) {
    const span = spanOf(label);
    if (!span) {
      errors.push(`remark anchor not found: "${label.contains}"`);
      if (label.remark !== 'other_statement') r.remarks.fn++;
      continue;
    }
    const hits = predictedRemarks.filter((m) => overlaps(m, span));
    if (label.remark === 'other_statement') {
      const eventKind = label.event ? ds.events.get(label.event)?.kind : undefined;
      for (const m of hits) {
        if (m.unsure || !eventKind || EVENT_KIND_OF_REMARK[m.remark] === eventKind) settled.add(m);
      }
      continue;
    }
    const hit = hits.find((m) => !m.unsure && m.remark === label.remark);
    if (hit) {
      settled.add(hit);
      r.remarks.tp++;
      if (label.verdict) {
        r.verdictTotal++;
        if (hit.verdict.status === label.verdict) r.verdictAgree++;
        else errors.push(`remark verdict of "${label.contains}": expected ${label.verdict}, got ${hit.verdict.status}`);
      }
    } else {
      r.remarks.fn++;
      const got = hits[0];
      const why = got ? '' : whyMissed(span.start);
      errors.push(`missed ${label.remark} "${label.contains}"${got ? ` (got ${got.unsure ? `unsure ${got.remark}/${got.alternative}` : got.remark})` : why ? ` (passed over: ${why})` : ''}`);
    }
  }
  for (const m of predictedRemarks) {
    if (settled.has(m)) continue;
    if (m.unsure) {
      r.unsure++;
      // Unsure on a labelled sentence was already counted as its miss; elsewhere it is still a highlight.
      if (a.labels.remarks.some((l) => { const sp = spanOf(l); return sp && overlaps(m, sp); })) continue;
    }
    // Another label on the same sentence (a two-statement sentence) settles a mention of that statement.
    r.remarks.fp++;
    errors.push(`extra ${m.unsure ? 'unsure ' : ''}${m.remark}: "${m.text.slice(0, 90)}"`);
  }
  return r;
}

export function scoreCorpus(ds: Dataset, articles = loadCorpus()) {
  const results = articles.map((a) => scoreArticle(ds, a));
  const sum = (f: (r: ArticleResult) => { tp: number; fp: number; fn: number }) =>
    score(...(['tp', 'fp', 'fn'] as const).map((k) => results.reduce((n, r) => n + f(r)[k], 0)) as [number, number, number]);
  return {
    results,
    figures: sum((r) => r.figures),
    remarks: sum((r) => r.remarks),
    flaggedInNegatives: results.reduce((n, r) => n + r.flaggedInNegative, 0),
    statusAgreement: {
      agree: results.reduce((n, r) => n + r.statusAgree, 0),
      total: results.reduce((n, r) => n + r.statusTotal, 0),
    },
    remarkVerdicts: {
      agree: results.reduce((n, r) => n + r.verdictAgree, 0),
      total: results.reduce((n, r) => n + r.verdictTotal, 0),
    },
    unsure: results.reduce((n, r) => n + r.unsure, 0),
    articles: results.length,
    negatives: results.filter((r) => r.negative).length,
  };
}
