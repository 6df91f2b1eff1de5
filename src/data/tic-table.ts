/**
 * Parses the U.S. Treasury's text tables of major foreign holders of Treasury securities:
 * - Table 5 (`slt_table5.txt`): tab-separated, one header line "Country<TAB>2026-04<TAB>2026-03…",
 *   13 monthly columns, newest first, no date printed;
 * - the history file (`mfhhis01.txt`) and the old `mfh.txt`: one block per year, the header split over
 *   two lines (month names above "Country 2025 2025…", or years above "Country Jan Dec…"), labels
 *   in quotes or with footnote markers ("United Kingdom 2/"), "n.a." cells, duplicate month columns at
 *   series breaks (the second one is the old series, printed "for comparison only"), and a footer date
 *   ("5/18/2026", "March 15, 2023");
 * - the same tables with space-aligned columns or headers like "Apr 2026".
 * Pure: text in, table out. Values stay in USD billions as printed.
 */

export interface TicRow {
  /** Label as printed, without quotes, footnote markers or repeated spaces ("China, Mainland"). */
  label: string;
  /** One value per entry of `months`; null where the file prints "n.a." or has no cell. */
  values: (number | null)[];
}

export interface TicTable {
  /** Column months (YYYY-MM) in the order the file prints them, each once. */
  months: string[];
  rows: TicRow[];
  /** The date the file prints as its own (footer or "Released:" line), as YYYY-MM-DD. */
  released?: string;
  /** 'table5' for a single block of columns, 'history' for a file with one block per year. */
  format: 'table5' | 'history';
  /** Things skipped on purpose or that looked wrong, one line each, with the line number. */
  warnings: string[];
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function monthIndex(word: string): number | undefined {
  const m = /^([a-z]{3})[a-z]*\.?$/i.exec(word.trim());
  if (!m) return undefined;
  const i = MONTHS.indexOf(m[1]!.toLowerCase());
  return i < 0 ? undefined : i + 1;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const isYear = (cell: string) => /^(19|20)\d{2}$/.test(cell);

/** A single cell naming a month: "2026-04", "Apr 2026", "Apr-2026", "April 2026". */
function cellMonth(cell: string): string | undefined {
  const iso = /^(\d{4})-(\d{1,2})$/.exec(cell);
  if (iso) {
    const m = Number(iso[2]);
    return m >= 1 && m <= 12 ? `${iso[1]}-${pad2(m)}` : undefined;
  }
  const named = /^([A-Za-z]+\.?)[\s-]+(\d{4})$/.exec(cell);
  if (named) {
    const m = monthIndex(named[1]!);
    return m ? `${named[2]}-${pad2(m)}` : undefined;
  }
  return undefined;
}

/** "1,209.9" → 1209.9; "n.a.", "*", "-" → null; anything else → undefined (not a value cell). */
function cellValue(cell: string): number | null | undefined {
  if (/^-?[\d,]*\d(\.\d+)?$/.test(cell)) return Number(cell.replace(/,/g, ''));
  // "*" is "less than $50 million" in the history file: a value too small to print, so no number.
  if (/^(n\.?a\.?|\*|-|—|–)$/i.test(cell)) return null;
  return undefined;
}

export function normalizeLabel(label: string): string {
  return label
    .replace(/^"+|"+$/g, '')
    .replace(/\s+\d+\/\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const MONTH_NAMES = 'January|February|March|April|May|June|July|August|September|October|November|December';
const DATE_PATTERNS: [RegExp, (m: RegExpExecArray) => string | undefined][] = [
  [/^(\d{4})-(\d{2})-(\d{2})\b/, (m) => `${m[1]}-${m[2]}-${m[3]}`],
  [/^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})\b/, (m) => `${m[3]!.length === 2 ? `20${m[3]}` : m[3]}-${pad2(Number(m[1]))}-${pad2(Number(m[2]))}`],
  [
    new RegExp(`^(${MONTH_NAMES}|[A-Z][a-z]{2}\\.?)\\s+(\\d{1,2}),\\s*(\\d{4})\\b`),
    (m) => {
      const month = monthIndex(m[1]!);
      return month ? `${m[3]}-${pad2(month)}-${pad2(Number(m[2]))}` : undefined;
    },
  ],
];

/** The file's own date: a line that is only a date, or "Released: <date>" / "Release date: <date>". */
function lineDate(text: string): string | undefined {
  const t = text.replace(/^"+|"+$/g, '').trim();
  const labelled = /^(?:released|release date|updated)\s*:?\s*(.+)$/i.exec(t);
  const candidate = labelled ? labelled[1]!.trim() : t;
  for (const [re, toIso] of DATE_PATTERNS) {
    const m = re.exec(candidate);
    if (!m) continue;
    // Unlabelled, the date must be the whole line: "(2025 revised May 18, 2026)" is not the file's date.
    if (!labelled && m[0].length !== candidate.length) continue;
    const iso = toIso(m);
    if (iso && !Number.isNaN(Date.parse(iso))) return iso;
  }
  return undefined;
}

/** Label and cells of a line: tab-separated if it has tabs, else whitespace-aligned. */
function splitLine(line: string): { label: string; cells: string[] } {
  if (line.includes('\t')) {
    const parts = line.split('\t').map((c) => c.trim().replace(/^"+|"+$/g, '').trim());
    while (parts.length > 1 && parts.at(-1) === '') parts.pop();
    return { label: parts[0] ?? '', cells: parts.slice(1) };
  }
  // Space-aligned: the cells are the longest run of value-like tokens at the end of the line.
  const tokens = line.trim().split(/\s+/).filter(Boolean);
  let start = tokens.length;
  while (start > 0 && isCellToken(tokens[start - 1]!)) start--;
  const label = tokens.slice(0, start).join(' ');
  const rest = tokens.slice(start);
  // Re-pair "Apr 2026" written as two tokens.
  const cells: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const next = rest[i + 1];
    if (monthIndex(rest[i]!) && next && isYear(next) && rest.length % 2 === 0 && rest.every((t, j) => (j % 2 ? isYear(t) : monthIndex(t)))) {
      cells.push(`${rest[i]} ${next}`);
      i++;
    } else cells.push(rest[i]!);
  }
  return { label, cells };
}

function isCellToken(token: string): boolean {
  return cellValue(token) !== undefined || monthIndex(token) !== undefined || cellMonth(token) !== undefined || /^-{3,}$/.test(token);
}

/** A line after which no data rows follow until the next header: notes, footnotes, the footer. */
const END_OF_ROWS = /^(notes?:|\d+\/\s|\*\s|department of the treasury)/i;

export function parseTicTable(text: string): TicTable {
  const lines = text.split(/\r\n|\r|\n/);
  const warnings: string[] = [];
  const months: string[] = [];
  const rows = new Map<string, Map<string, number | null>>();
  const order: string[] = [];
  let released: string | undefined;
  let blocks = 0;

  /** Columns of the current block: month per column, or null for a comparison-only duplicate. */
  let columns: (string | null)[] | undefined;
  let pendingNames: { line: number; values: number[] } | undefined;
  let pendingYears: { line: number; values: string[] } | undefined;

  const startBlock = (cols: string[], lineNo: number) => {
    const seen = new Set<string>();
    columns = cols.map((m) => {
      if (seen.has(m)) {
        warnings.push(`line ${lineNo}: second ${m} column ignored (old series, printed for comparison only)`);
        return null;
      }
      seen.add(m);
      if (!months.includes(m)) months.push(m);
      return m;
    });
    blocks++;
    pendingNames = pendingYears = undefined;
  };

  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    if (!raw.trim()) return;
    const { label, cells } = splitLine(raw);
    const firstText = (label || cells.find((c) => c) || '').trim();

    if (!released) {
      const date = lineDate(raw.split('\t').map((c) => c.trim()).filter(Boolean).join(' '));
      if (date) {
        released = date;
        columns = undefined;
        return;
      }
    }
    if (END_OF_ROWS.test(firstText)) {
      columns = undefined;
      return;
    }
    const filled = cells.filter((c) => c !== '');
    if (filled.length === 0 || filled.every((c) => /^-{3,}$/.test(c))) return;

    const headerLabel = label === '' || /^country$/i.test(label);
    if (headerLabel && filled.length === cells.length) {
      const direct = cells.map(cellMonth);
      if (direct.every((m): m is string => m !== undefined)) return startBlock(direct, lineNo);
      const names = cells.map(monthIndex);
      if (names.every((m): m is number => m !== undefined)) {
        pendingNames = { line: lineNo, values: names };
        if (pendingYears && pendingYears.values.length === names.length) {
          const years = pendingYears.values;
          return startBlock(names.map((m, i) => `${years[i]}-${pad2(m)}`), lineNo);
        }
        return;
      }
      if (cells.every(isYear)) {
        pendingYears = { line: lineNo, values: cells };
        if (pendingNames && pendingNames.values.length === cells.length) {
          const names = pendingNames.values;
          return startBlock(cells.map((y, i) => `${y}-${pad2(names[i]!)}`), lineNo);
        }
        return;
      }
    }

    if (!label) return;
    // An empty cell inside a row is a missing value; the line still counts as a row.
    const values = cells.map((c) => (c === '' ? null : cellValue(c)));
    // A row is a label followed by value cells only ("n.a." counts: a row may be all "n.a.").
    if (values.some((v) => v === undefined)) return;
    if (!columns) {
      warnings.push(`line ${lineNo}: "${normalizeLabel(label)}" has values but no header above it; skipped`);
      return;
    }
    if (values.length !== columns.length) {
      warnings.push(`line ${lineNo}: "${normalizeLabel(label)}" has ${values.length} values for ${columns.length} columns; skipped`);
      return;
    }
    const key = normalizeLabel(label);
    const row = rows.get(key) ?? new Map<string, number | null>();
    if (!rows.has(key)) {
      rows.set(key, row);
      order.push(key);
    }
    columns.forEach((month, i) => {
      if (month === null) return;
      const value = values[i] as number | null;
      const before = row.get(month);
      if (before !== undefined && before !== value) {
        warnings.push(`line ${lineNo}: "${key}" ${month} is printed twice (${before} and ${value}); the first is kept`);
        return;
      }
      row.set(month, value);
    });
  });

  if (blocks === 0) throw new Error('no table header found (expected a "Country" line with month columns)');
  return {
    months,
    rows: order.map((label) => ({ label, values: months.map((m) => rows.get(label)!.get(m) ?? null) })),
    ...(released ? { released } : {}),
    format: blocks > 1 ? 'history' : 'table5',
    warnings,
  };
}

/** The row for a TIC label, compared without quotes, footnote markers, spacing or case. */
export function findRow(table: TicTable, label: string): TicRow | undefined {
  const key = normalizeLabel(label).toLowerCase();
  return table.rows.find((r) => r.label.toLowerCase() === key);
}
