/**
 * Merges a parsed TIC table into the dataset, keeping the vintages:
 * - a month the series does not have yet is added;
 * - a month whose value changed takes the new value and release date, and its previous value moves to
 *   `earlier` with its own release date, kind and sources;
 * - an unchanged month is left exactly as it was (its sources still name the release it came from);
 * - a table older than the value already held (an archived file) only adds an `earlier` vintage.
 * Pure: returns a new dataset and a list of changes; the CLI validates and writes it.
 */
import type { HolderIdT, HoldingsObservation, HoldingsSeries, RawDataset, Source, Vintage } from './schema';
import { findRow, type TicTable } from './tic-table';

/** The series an import touches: the ones the extension compares against. */
export const IMPORTED_SERIES: readonly HolderIdT[] = ['japan', 'china', 'united_kingdom'];

export const TIC_URLS = {
  table5: 'https://ticdata.treasury.gov/resource-center/data-chart-center/tic/Documents/slt_table5.txt',
  history: 'https://ticdata.treasury.gov/resource-center/data-chart-center/tic/Documents/mfhhis01.txt',
} as const;

export interface ImportOptions {
  /** Release date of the table (printed in it, or given on the command line). */
  released: string;
  /** Id of the data/sources.json entry for this table; default "tic-slt-table5-<released>" or "tic-mfhhis01-<released>". */
  sourceId?: string;
  /** File name, for the source note. */
  fileName?: string;
  /** True when the release date came from the command line rather than from the file. */
  releasedGiven?: boolean;
}

export type ImportChange =
  | { type: 'added'; series: HolderIdT; month: string; value: number }
  | { type: 'revised'; series: HolderIdT; month: string; value: number; previous: { value: number; released: string } }
  | { type: 'older_vintage'; series: HolderIdT; month: string; value: number; current: { value: number; released: string } };

export interface ImportResult {
  dataset: RawDataset;
  changes: ImportChange[];
  /** Month values identical to what the dataset already holds. */
  unchanged: number;
  /** Series whose TIC label the table does not have. */
  missing: HolderIdT[];
  sourceId: string;
  /** The source entry was added by this import (false: it existed already). */
  sourceAdded: boolean;
  latestMonth: { before: string; after: string };
}

/** TIC prints one decimal; compare at that precision so 1200 and 1200.0 are the same value. */
const same = (a: number, b: number) => Math.round(a * 10) === Math.round(b * 10);

export function defaultSourceId(table: TicTable, released: string): string {
  return `tic-${table.format === 'history' ? 'mfhhis01' : 'slt-table5'}-${released}`;
}

export function sourceFor(table: TicTable, options: ImportOptions & { sourceId: string }): Source {
  const sorted = [...table.months].sort();
  const span = `${sorted[0]} to ${sorted.at(-1)}`;
  const title =
    table.format === 'history'
      ? `Major Foreign Holders of Treasury Securities: history file (mfhhis01.txt), ${span}`
      : `Table 5: Major Foreign Holders of Treasury Securities (slt_table5.txt), ${span}`;
  const notes = [`Imported with data:import-tic${options.fileName ? ` from ${options.fileName}` : ''}.`];
  if (options.releasedGiven) notes.push('The file prints no date; the release date was given on the command line.');
  return {
    id: options.sourceId,
    title,
    publisher: 'U.S. Department of the Treasury / Federal Reserve Board',
    url: table.format === 'history' ? TIC_URLS.history : TIC_URLS.table5,
    date: options.released,
    kind: 'official',
    note: notes.join(' '),
  };
}

export function importTicTable(dataset: RawDataset, table: TicTable, options: ImportOptions): ImportResult {
  const { released } = options;
  const sourceId = options.sourceId ?? defaultSourceId(table, released);
  const next = structuredClone(dataset);
  const changes: ImportChange[] = [];
  const missing: HolderIdT[] = [];
  let unchanged = 0;

  const existing = next.sources.sources.find((s) => s.id === sourceId);
  if (existing && existing.date !== released) {
    throw new Error(`source "${sourceId}" already exists with date ${existing.date}, not ${released}; pass another --source-id`);
  }

  const newest = [...table.months].sort().at(-1);
  const kindOf = (month: string): Vintage['kind'] => (table.format === 'history' ? 'revised' : month === newest ? 'first_reported' : 'restated');

  for (const id of IMPORTED_SERIES) {
    const series = next.holdings.series.find((s) => s.id === id);
    if (!series) continue;
    const row = findRow(table, series.ticLabel);
    if (!row) {
      missing.push(id);
      continue;
    }
    table.months.forEach((month, i) => {
      const value = row.values[i];
      if (value === null || value === undefined) return;
      const change = mergeMonth(series, { month, value, released, kind: kindOf(month), sources: [sourceId] });
      if (change) changes.push({ ...change, series: id } as ImportChange);
      else unchanged++;
    });
  }

  // A table that changes nothing is not cited anywhere, so it does not become a source either.
  const sourceAdded = !existing && changes.length > 0;
  if (sourceAdded) next.sources.sources.push(sourceFor(table, { ...options, sourceId }));

  const japan = next.holdings.series.find((s) => s.id === 'japan');
  const before = dataset.meta.latestHoldingsMonth;
  const after = japan?.observations.at(-1)?.month ?? before;
  next.meta.latestHoldingsMonth = after;
  if (after !== before) {
    for (const rp of next.holdings.referencePoints) {
      if (rp.kind !== 'latest') continue;
      const lasts = rp.series.map((sid) => next.holdings.series.find((s) => s.id === sid)?.observations.at(-1)?.month);
      // Moved only when every series it names reaches the new month; otherwise validation reports it.
      if (lasts.every((m) => m === after)) {
        rp.month = after;
        rp.sources = [sourceId];
      }
    }
  }

  return { dataset: next, changes, unchanged, missing, sourceId, sourceAdded, latestMonth: { before, after } };
}

type Incoming = { month: string; value: number; released: string; kind: Vintage['kind']; sources: string[] };
type SeriesChange = ImportChange extends infer C ? (C extends ImportChange ? Omit<C, 'series'> : never) : never;

/** Applies one month to a series in place; returns what changed, or undefined when nothing did. */
function mergeMonth(series: HoldingsSeries, incoming: Incoming): SeriesChange | undefined {
  const obs = series.observations;
  const index = obs.findIndex((o) => o.month === incoming.month);
  const current = obs[index];

  if (!current) {
    const added: HoldingsObservation = {
      month: incoming.month,
      value: incoming.value,
      released: incoming.released,
      kind: incoming.kind,
      sources: incoming.sources,
      confidence: 'high',
    };
    const at = obs.findIndex((o) => o.month > incoming.month);
    obs.splice(at < 0 ? obs.length : at, 0, added);
    return { type: 'added', month: incoming.month, value: incoming.value };
  }

  if (same(current.value, incoming.value)) return undefined;

  if (incoming.released < current.released) {
    // An older table: its value is history, not news.
    const earlier = current.earlier ?? [];
    if (earlier.some((v) => v.released === incoming.released && same(v.value, incoming.value))) return undefined;
    const vintage: Vintage = { value: incoming.value, released: incoming.released, kind: incoming.kind, sources: incoming.sources };
    const at = earlier.findIndex((v) => v.released > incoming.released);
    earlier.splice(at < 0 ? earlier.length : at, 0, vintage);
    current.earlier = earlier;
    return { type: 'older_vintage', month: incoming.month, value: incoming.value, current: { value: current.value, released: current.released } };
  }

  if (incoming.released === current.released) {
    throw new Error(
      `${series.id} ${incoming.month}: the dataset has ${current.value} from the release of ${current.released}, the table says ${incoming.value} for the same release`,
    );
  }

  // A revision. The note described the old value's provenance, so it moves with it.
  const previous: Vintage = {
    value: current.value,
    released: current.released,
    kind: current.kind ?? 'restated',
    sources: current.sources,
    ...(current.note ? { note: current.note } : {}),
  };
  const revised: HoldingsObservation = {
    month: current.month,
    value: incoming.value,
    released: incoming.released,
    kind: incoming.kind,
    sources: incoming.sources,
    confidence: 'high',
    earlier: [...(current.earlier ?? []), previous],
    ...(current.oldSeries ? { oldSeries: current.oldSeries } : {}),
  };
  obs[index] = revised;
  return { type: 'revised', month: incoming.month, value: incoming.value, previous: { value: current.value, released: current.released } };
}
