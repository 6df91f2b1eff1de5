/**
 * npm run data:update -- [--dry-run] [--released YYYY-MM-DD] [--data-dir DIR] [--tic-url URL] [--mof-url URL]
 *
 * The monthly data update: fetches the U.S. Treasury's Major Foreign Holders table (slt_table5.txt) and the
 * Ministry of Finance's reserves file (historical.csv) from their published URLs, merges them into
 * data/holdings.json (the TIC import of data:import-tic) and data/reserves.json (the MOF import, same rules:
 * revisions keep the earlier value with its release date), validates the whole dataset and only then writes
 * it. Prints a one-screen report of what changed. Any file that cannot be fetched or read stops the update
 * with one line saying which and why, and nothing is written.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_DATA_DIR, readDataFiles } from '../data/load-node';
import { importMofReserves, MOF_RESERVES_URL, parseMofReservesCsv, type ReservesImportResult } from '../data/mof-reserves';
import type { RawDataset } from '../data/schema';
import { importTicTable, TIC_URLS } from '../data/tic-merge';
import { parseTicTable } from '../data/tic-table';
import { DataError, validateDataset } from '../data/validate';
import { summary, writeChanged, type Output } from './import-tic';
import { invokedDirectly } from './invoked';

const USAGE = 'usage: npm run data:update -- [--dry-run] [--released YYYY-MM-DD] [--data-dir DIR] [--tic-url URL] [--mof-url URL]';
const FETCH_TIMEOUT_MS = 60_000;

async function download(url: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  } catch (error) {
    throw new Error(`could not fetch ${url}: ${(error as Error).message}`);
  }
  if (!response.ok) throw new Error(`could not fetch ${url}: HTTP ${response.status}`);
  return response.text();
}

function reservesSummary(url: string, r: ReservesImportResult, months: string[]): string[] {
  const lines = [`${url.split('/').pop()}: ${months.length} months (${months[0]} to ${months.at(-1)})`];
  for (const c of r.changes) {
    if (c.type === 'added') lines.push(`  reserves ${c.month}: added ${c.total}`);
    else lines.push(`  reserves ${c.month}: revised ${c.previous.total} -> ${c.total} (${c.previous.total} kept in earlier, released ${c.previous.released})`);
  }
  lines.push(`  unchanged: ${r.unchanged} months`);
  if (r.sourceAdded) lines.push(`  source added: ${r.sourceId}`);
  return lines;
}

/** Runs the update; returns the process exit code. */
export async function main(argv: readonly string[], out: Output = console, today = new Date().toISOString().slice(0, 10)): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        'dry-run': { type: 'boolean', default: false },
        released: { type: 'string' },
        'data-dir': { type: 'string' },
        'tic-url': { type: 'string', default: TIC_URLS.table5 },
        'mof-url': { type: 'string', default: MOF_RESERVES_URL },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    out.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    out.log(USAGE);
    return 0;
  }
  const released = values.released ?? today;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(released)) {
    out.error(`--released must be a date as YYYY-MM-DD, not "${released}"`);
    return 2;
  }
  const dataDir = values['data-dir'] ?? DEFAULT_DATA_DIR;
  const ticUrl = values['tic-url'];
  const mofUrl = values['mof-url'];

  try {
    const [ticText, mofText] = await Promise.all([download(ticUrl), download(mofUrl)]);
    const table = parseTicTable(ticText);
    if (!table.months.length) throw new Error(`${ticUrl}: not a TIC Major Foreign Holders table (no month columns)`);
    let mofRows;
    try {
      mofRows = parseMofReservesCsv(mofText);
    } catch (error) {
      throw new Error(`${mofUrl}: ${(error as Error).message}`);
    }

    const { files, problems } = readDataFiles(dataDir);
    if (problems.length) throw new DataError(problems);
    const before: RawDataset = validateDataset(files);
    const tic = importTicTable(before, table, { released: table.released ?? released, fileName: ticUrl.split('/').pop(), releasedGiven: !table.released });
    const mof = importMofReserves(tic.dataset, mofRows, { released });
    // The merged dataset must pass the same checks as the build before anything is written.
    validateDataset(mof.dataset as Record<keyof RawDataset, unknown>);

    out.log(`data:update, ${released}${values['dry-run'] ? ' (dry run)' : ''}`);
    for (const line of summary(ticUrl.split('/').pop()!, table.months, table.released ?? released, !!table.released, table.warnings, tic)) out.log(line);
    for (const line of reservesSummary(mofUrl, mof, mofRows.map((r) => r.month))) out.log(line);
    if (values['dry-run']) {
      out.log('Dry run: nothing written.');
      return 0;
    }
    const written = writeChanged(dataDir, before, mof.dataset);
    out.log(written.length ? `Wrote ${written.join(', ')}. Run npm test next.` : 'Nothing to write: the dataset already has these values.');
    return 0;
  } catch (error) {
    out.error(error instanceof DataError ? error.message : `data:update failed, nothing written: ${(error as Error).message}`);
    return 1;
  }
}

if (invokedDirectly(import.meta.url)) process.exitCode = await main(process.argv.slice(2));
