import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { serve, type Served } from '../../src/cli/serve';
import { main } from '../../src/cli/data-update';
import { DEFAULT_DATA_DIR, readDataset } from '../../src/data/load-node';
import { MofFormatError, parseMofReservesCsv } from '../../src/data/mof-reserves';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const TODAY = '2026-10-15';

/** Every data file's text, to tell whether anything was written. */
const snapshot = (dir: string) => Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));

describe('parseMofReservesCsv', () => {
  test('reads the monthly rows of the official layout: era years, month cells, IMF position plus SDRs', () => {
    const rows = parseMofReservesCsv(readFileSync(join(FIXTURES, 'update/historical.csv'), 'utf8'));
    expect(rows.map((r) => r.month)).toEqual(['2026-06', '2026-07', '2026-08', '2026-09']);
    expect(rows[1]).toEqual({ month: '2026-07', total: 1287099, securities: 927332, deposits: 162285, gold: 109520, imfAndSdr: 72105 });
  });

  test.each([
    ['no title', 'a,b\n,1月,,Jan,1,1,1,,1,,,,,,1,1,1', /not the MOF reserves file/],
    ['a month before any year', '外貨準備等の状況\n,1月,,Jan,1,1,1,,1,,,,,,1,1,1', /line 2: a month row before any year/],
    ['a cell that is not a number', '外貨準備等の状況\n令和8年,1月,,Jan,1,1,x,,1,,,,,,1,1,1', /line 2 \(2026-01\): column 7 \(securities\) is "x", not a whole number/],
    ['months out of order', '外貨準備等の状況\n令和8年,2月,,Feb,9,9,5,,1,,,,,,1,1,1\n,1月,,Jan,9,9,5,,1,,,,,,1,1,1', /line 3: 2026-01 does not follow 2026-02/],
  ])('%s: a MofFormatError naming the line', (_name, text, message) => {
    expect(() => parseMofReservesCsv(text)).toThrow(MofFormatError);
    expect(() => parseMofReservesCsv(text)).toThrow(message);
  });
});

describe('npm run data:update against a local server with files in the official formats', () => {
  let server: Served;
  let dataDir: string;
  let log: string[];
  let errors: string[];
  const out = { log: (l: string) => log.push(l), error: (l: string) => errors.push(l) };
  const url = (file: string) => new URL(file, server.url).href;
  const run = (mof: string, ...extra: string[]) =>
    main(['--data-dir', dataDir, '--tic-url', url('tic/slt_table5-sample.txt'), '--mof-url', url(mof), ...extra], out, TODAY);

  beforeAll(async () => {
    server = await serve({ root: FIXTURES });
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'data-update-'));
    cpSync(DEFAULT_DATA_DIR, dataDir, { recursive: true });
    log = [];
    errors = [];
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  test('merges both files, keeps revised values as earlier ones with their release dates, and reports it', async () => {
    expect(await run('update/historical.csv'), errors.join('\n')).toBe(0);
    const after = readDataset(dataDir);
    const japan = after.holdings.series.find((s) => s.id === 'japan')!;
    expect(japan.observations.at(-1)).toMatchObject({ month: '2026-05', value: 1222.2 });
    expect(after.meta.latestHoldingsMonth).toBe('2026-05');

    const reserves = after.reserves.observations;
    expect(reserves.at(-1)).toMatchObject({ month: '2026-09', total: 1210000, securitiesSharePct: 69.6, sources: [`mof-reserves-historical-${TODAY}`] });
    expect(reserves.find((o) => o.month === '2026-08')).toMatchObject({
      total: 1208000,
      earlier: [{ total: 1207524, released: '2026-09-13', sources: ['mof-reserves-historical-2026-09-13'] }],
    });
    // Unchanged months stay exactly as they were, sources included.
    const before = readDataset(DEFAULT_DATA_DIR).reserves.observations;
    expect(reserves.find((o) => o.month === '2026-07')).toEqual(before.find((o) => o.month === '2026-07'));
    expect(after.sources.sources.map((s) => s.id)).toContain(`mof-reserves-historical-${TODAY}`);

    const report = log.join('\n');
    expect(report).toContain('reserves 2026-09: added 1210000');
    expect(report).toContain('reserves 2026-08: revised 1207524 -> 1208000 (1207524 kept in earlier, released 2026-09-13)');
    expect(report).toContain('japan 2026-05: added 1222.2');
    expect(report).toContain('Wrote data/holdings.json, data/reserves.json, data/sources.json, data/meta.json.');
    expect(log.length).toBeLessThan(40); // one screen
  });

  test('--dry-run reports the same changes and writes nothing', async () => {
    const before = snapshot(dataDir);
    expect(await run('update/historical.csv', '--dry-run')).toBe(0);
    expect(log.join('\n')).toContain('reserves 2026-09: added 1210000');
    expect(log.at(-1)).toBe('Dry run: nothing written.');
    expect(snapshot(dataDir)).toEqual(before);
  });

  test('a malformed reserves file: one clear error, and nothing written (the holdings file was fine)', async () => {
    const before = snapshot(dataDir);
    expect(await run('update/historical-malformed.csv')).toBe(1);
    expect(errors).toEqual([expect.stringMatching(/^data:update failed, nothing written: .*historical-malformed\.csv: line \d+ \(2026-09\): column 17 \(gold\) is "-"/)]);
    expect(snapshot(dataDir)).toEqual(before);
  });

  test('a file that is not there: the URL and the HTTP status, and nothing written', async () => {
    const before = snapshot(dataDir);
    expect(await run('update/missing.csv')).toBe(1);
    expect(errors).toEqual([expect.stringMatching(/could not fetch .*missing\.csv: HTTP 404/)]);
    expect(snapshot(dataDir)).toEqual(before);
  });
});
