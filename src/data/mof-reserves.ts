/**
 * The Ministry of Finance's monthly reserves file (外貨準備等の状況, historical.csv) and its merge into
 * data/reserves.json, with the same rules as the TIC import:
 * - a month the dataset does not have yet is added;
 * - a month whose total changed takes the new figures, and its previous total moves to `earlier` with the
 *   date of the release it came from;
 * - an unchanged month is left exactly as it was.
 * Pure: the CLI (data:update) validates the merged dataset and writes it.
 *
 * The CSV: a block of bilingual header rows, then one row per month: the era year (平成12年, 令和8年) or
 * nothing in column 1, the month (4月) in column 2, the western year (2000) in column 3 in the oldest rows
 * only, the English month in column 4, then in US$ millions: A. official reserve assets (the total),
 * (1) foreign currency reserves, (a) securities, of which issued in Japan, (b) deposits, three kinds of
 * deposit and two "of which" columns, (2) IMF reserve position, (3) SDRs, (4) gold, gold in troy ounces, ...
 */
import type { RawDataset, ReservesObservation, Source } from './schema';

export const MOF_RESERVES_URL = 'https://www.mof.go.jp/policy/international_policy/reference/official_reserve_assets/historical.csv';

/** Zero-based columns of the figures we carry. */
const COL = { total: 4, securities: 6, deposits: 8, imf: 14, sdr: 15, gold: 16 } as const;
const ERAS: Record<string, number> = { 平成: 1988, 令和: 2018 };

export type MofRow = { month: string; total: number; securities: number; deposits: number; gold: number; imfAndSdr: number };

export class MofFormatError extends Error {}

/** One CSV line into cells (quoted cells may hold commas; MOF's cells hold no newlines). */
function cells(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ',' && !quoted) {
      out.push(cell);
      cell = '';
    } else cell += ch;
  }
  out.push(cell);
  return out.map((c) => c.trim());
}

/** Reads every monthly row; throws a MofFormatError naming the line for anything it cannot read. */
export function parseMofReservesCsv(text: string): MofRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (!lines.some((l) => l.includes('外貨準備等の状況') || l.includes('International Reserves/Foreign Currency Liquidity'))) {
    throw new MofFormatError('not the MOF reserves file: no "外貨準備等の状況 / International Reserves/Foreign Currency Liquidity" title');
  }
  const rows: MofRow[] = [];
  let year: number | undefined;
  lines.forEach((line, i) => {
    const c = cells(line);
    const monthCell = /^(\d{1,2})月$/.exec(c[1] ?? '');
    if (!monthCell) return; // a header, blank or note line
    const where = `line ${i + 1}`;
    const era = /^(平成|令和)(\d{1,2}|元)年$/.exec(c[0] ?? '');
    if (/^\d{4}$/.test(c[2] ?? '')) year = Number(c[2]);
    else if (era) year = ERAS[era[1]!]! + (era[2] === '元' ? 1 : Number(era[2]));
    if (year === undefined) throw new MofFormatError(`${where}: a month row before any year`);
    const month = `${year}-${String(Number(monthCell[1])).padStart(2, '0')}`;
    const num = (key: keyof typeof COL) => {
      const raw = (c[COL[key]] ?? '').replace(/,/g, '');
      if (!/^\d+$/.test(raw)) throw new MofFormatError(`${where} (${month}): column ${COL[key] + 1} (${key}) is "${c[COL[key]] ?? ''}", not a whole number of US$ millions`);
      return Number(raw);
    };
    const row: MofRow = { month, total: num('total'), securities: num('securities'), deposits: num('deposits'), gold: num('gold'), imfAndSdr: num('imf') + num('sdr') };
    const previous = rows.at(-1);
    if (previous && previous.month >= month) throw new MofFormatError(`${where}: ${month} does not follow ${previous.month}`);
    rows.push(row);
  });
  if (!rows.length) throw new MofFormatError('no monthly rows found');
  return rows;
}

export type ReservesChange =
  | { type: 'added'; month: string; total: number }
  | { type: 'revised'; month: string; total: number; previous: { total: number; released: string } };

export type ReservesImportResult = {
  dataset: RawDataset;
  changes: ReservesChange[];
  unchanged: number;
  sourceId: string;
  sourceAdded: boolean;
};

const sharePct = (r: MofRow) => Math.round((r.securities / r.total) * 1000) / 10;

/** Merges the rows into the dataset. Months before the series starts (2024-01) are left out, as they are today. */
export function importMofReserves(dataset: RawDataset, rows: readonly MofRow[], { released, sourceId = `mof-reserves-historical-${released}` }: { released: string; sourceId?: string }): ReservesImportResult {
  const next = structuredClone(dataset);
  const observations = next.reserves.observations;
  const first = observations[0]?.month ?? '';
  const sourceDate = new Map(next.sources.sources.map((s) => [s.id, s.date]));
  const changes: ReservesChange[] = [];
  let unchanged = 0;
  for (const row of rows) {
    if (row.month < first) continue;
    const fresh: ReservesObservation = {
      month: row.month,
      total: row.total,
      securities: row.securities,
      deposits: row.deposits,
      gold: row.gold,
      imfAndSdr: row.imfAndSdr,
      securitiesSharePct: sharePct(row),
      sources: [sourceId],
      confidence: 'high',
    };
    const i = observations.findIndex((o) => o.month === row.month);
    const old = observations[i];
    if (!old) {
      observations.push(fresh);
      changes.push({ type: 'added', month: row.month, total: row.total });
      continue;
    }
    const same = old.total === row.total && old.securities === row.securities && old.deposits === row.deposits && old.gold === row.gold && old.imfAndSdr === row.imfAndSdr;
    if (same) {
      unchanged++;
      continue;
    }
    const oldReleased = sourceDate.get(old.sources[0]!) ?? released;
    const earlier = [...(old.earlier ?? [])];
    if (old.total !== row.total) earlier.push({ total: old.total, released: oldReleased, sources: old.sources });
    observations[i] = { ...fresh, ...(earlier.length ? { earlier } : {}), ...(old.note ? { note: old.note } : {}) };
    changes.push({ type: 'revised', month: row.month, total: row.total, previous: { total: old.total, released: oldReleased } });
  }
  observations.sort((a, b) => a.month.localeCompare(b.month));

  const changed = changes.length > 0;
  const sourceAdded = changed && !next.sources.sources.some((s) => s.id === sourceId);
  if (sourceAdded) {
    const months = rows.map((r) => r.month);
    const source: Source = {
      id: sourceId,
      title: `外貨準備等の状況 / International Reserves/Foreign Currency Liquidity: historical data (CSV, ${months[0]} to ${months.at(-1)})`,
      publisher: 'Ministry of Finance, Japan',
      url: MOF_RESERVES_URL,
      date: released,
      kind: 'official',
      note: 'Imported with data:update. The CSV prints no release date; the retrieval date is used.',
    };
    next.sources.sources.push(source);
    if (!next.reserves.sources.includes(sourceId)) next.reserves.sources.push(sourceId);
  }
  return { dataset: next, changes, unchanged, sourceId, sourceAdded };
}
