/**
 * npm run data:import-tic -- FILE [--released YYYY-MM-DD] [--dry-run] [--data-dir DIR] [--source-id ID]
 *
 * Merges a TIC "Major Foreign Holders" text table (slt_table5.txt, or the mfhhis01.txt history file)
 * into data/holdings.json for Japan, China and the United Kingdom, adds the table to data/sources.json,
 * moves meta.latestHoldingsMonth, validates the whole dataset and only then writes it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatJson } from '../data/json-format';
import { DEFAULT_DATA_DIR, readDataFiles } from '../data/load-node';
import { DATA_FILES, type RawDataset } from '../data/schema';
import { importTicTable, type ImportResult } from '../data/tic-merge';
import { parseTicTable } from '../data/tic-table';
import { DataError, validateDataset } from '../data/validate';
import { invokedDirectly } from './invoked';

const USAGE = 'usage: npm run data:import-tic -- FILE [--released YYYY-MM-DD] [--dry-run] [--data-dir DIR] [--source-id ID]';

export interface Output {
  log(line: string): void;
  error(line: string): void;
}

/** Runs the import; returns the process exit code. */
export function main(argv: readonly string[], out: Output = console): number {
  let args;
  try {
    args = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        released: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        'data-dir': { type: 'string' },
        'source-id': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    out.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = args;
  if (values.help) {
    out.log(USAGE);
    return 0;
  }
  const file = positionals[0];
  if (!file || positionals.length > 1) {
    out.error(USAGE);
    return 2;
  }
  if (values.released !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.released)) {
    out.error(`--released must be a date as YYYY-MM-DD, not "${values.released}"`);
    return 2;
  }
  const dataDir = values['data-dir'] ?? DEFAULT_DATA_DIR;

  try {
    const table = parseTicTable(readFileSync(file, 'utf8'));
    if (table.released && values.released && table.released !== values.released) {
      out.error(`${file} prints the release date ${table.released}, but --released says ${values.released}`);
      return 2;
    }
    const released = table.released ?? values.released;
    if (!released) {
      out.error(`${file} prints no release date; pass --released YYYY-MM-DD`);
      return 2;
    }

    const { files, problems } = readDataFiles(dataDir);
    if (problems.length) throw new DataError(problems);
    const dataset = validateDataset(files);
    const result = importTicTable(dataset, table, {
      released,
      ...(values['source-id'] ? { sourceId: values['source-id'] } : {}),
      fileName: basename(file),
      releasedGiven: !table.released,
    });
    // The merged dataset must pass the same checks as the build before anything is written.
    validateDataset(result.dataset as Record<keyof RawDataset, unknown>);

    for (const line of summary(file, table.months, released, !!table.released, table.warnings, result)) out.log(line);
    if (values['dry-run']) {
      out.log('Dry run: nothing written.');
      return 0;
    }
    const written = writeChanged(dataDir, dataset, result.dataset);
    out.log(written.length ? `Wrote ${written.join(', ')}.` : 'Nothing to write: the dataset already has these values.');
    return 0;
  } catch (error) {
    out.error(error instanceof DataError ? error.message : `import failed: ${(error as Error).message}`);
    return 1;
  }
}

export function summary(file: string, months: string[], released: string, printed: boolean, warnings: string[], r: ImportResult): string[] {
  const sorted = [...months].sort();
  const lines = [
    `${basename(file)}: ${months.length} months (${sorted[0]} to ${sorted.at(-1)}), released ${released} (${printed ? 'printed in the file' : 'from --released'})`,
  ];
  for (const w of warnings) lines.push(`  note: ${w}`);
  for (const c of r.changes) {
    if (c.type === 'added') lines.push(`  ${c.series} ${c.month}: added ${c.value}`);
    else if (c.type === 'revised') lines.push(`  ${c.series} ${c.month}: revised ${c.previous.value} -> ${c.value} (${c.previous.value} kept in earlier, released ${c.previous.released})`);
    else lines.push(`  ${c.series} ${c.month}: ${c.value} added to earlier (older than the current ${c.current.value}, released ${c.current.released})`);
  }
  for (const m of r.missing) lines.push(`  ${m}: no row for it in the table`);
  lines.push(`  unchanged: ${r.unchanged} month values`);
  if (r.sourceAdded) lines.push(`  source added: ${r.sourceId}`);
  if (r.latestMonth.after !== r.latestMonth.before) lines.push(`  latest month: ${r.latestMonth.before} -> ${r.latestMonth.after}`);
  return lines;
}

/** Writes the files whose content changed; returns their names. */
export function writeChanged(dir: string, before: RawDataset, after: RawDataset): string[] {
  const written: string[] = [];
  for (const key of ['holdings', 'reserves', 'sources', 'meta'] as const) {
    const text = formatJson(after[key]);
    if (text === formatJson(before[key])) continue;
    writeFileSync(join(dir, DATA_FILES[key].file), text);
    written.push(`data/${DATA_FILES[key].file}`);
  }
  return written;
}

if (invokedDirectly(import.meta.url)) process.exitCode = main(process.argv.slice(2));
