import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, test, expect } from 'vitest';
import { main } from '../../src/cli/import-tic';
import { DEFAULT_DATA_DIR, readDataset } from '../../src/data/load-node';
import type { HoldingsSeries, RawDataset } from '../../src/data/schema';
import { importTicTable } from '../../src/data/tic-merge';
import { findRow, parseTicTable, type TicTable } from '../../src/data/tic-table';
import { validateDataset } from '../../src/data/validate';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = join(ROOT, 'tests/fixtures/tic/slt_table5-sample.txt');
const fixtureText = readFileSync(FIXTURE, 'utf8');
const dataset = readDataset();

const series = (d: RawDataset, id: string) => d.holdings.series.find((s) => s.id === id) as HoldingsSeries;
const obs = (d: RawDataset, id: string, month: string) => series(d, id).observations.find((o) => o.month === month);

describe('parseTicTable', () => {
  test('reads the Table 5 fixture', () => {
    const table = parseTicTable(fixtureText);
    expect(table.format).toBe('table5');
    expect(table.months).toHaveLength(13);
    expect(table.months[0]).toBe('2026-05');
    expect(table.months.at(-1)).toBe('2025-05');
    expect(table.released).toBe('2026-07-17');
    expect(findRow(table, 'Japan')?.values.slice(0, 3)).toEqual([1222.2, 1209.9, 1193]);
    expect(findRow(table, 'China, Mainland')?.values[0]).toBe(644.4);
    expect(findRow(table, 'Canada')?.values[0]).toBeNull();
    expect(table.rows.map((r) => r.label)).toContain('Of Which: Foreign Official');
    expect(table.warnings).toEqual([]);
  });

  const T = '\t';
  test.each<[string, string, Partial<TicTable>, Record<string, (number | null)[]>]>([
    [
      'history file: month names above years, quoted labels, footnote markers, a series break, footer date',
      [
        `${T}${T}MAJOR FOREIGN HOLDERS OF TREASURY SECURITIES${T}${T}`,
        `${T}${T}${T}Series 6/${T}Series${T}`,
        `${T}Apr${T}Mar${T}Mar${T}${T}`,
        `Country${T}2000${T}2000${T}2000${T}${T}`,
        `${T}------${T}------${T}------${T}`,
        `Japan${T}322.4${T}307.6${T}325.8${T}${T}`,
        `"China, Mainland"${T}71.7${T}71.4${T}59.4${T}`,
        `United Kingdom 2/${T}77.7${T}78.6${T}235.7${T}`,
        `Luxembourg${T}n.a.${T}n.a.${T}n.a.`,
        `Department of the Treasury/Federal Reserve Board${T}${T}`,
        `5/18/2026${T}${T}`,
        `"(2025 revised May 18, 2026)"${T}${T}`,
        `6/   Denotes series break.  Series II for March 2000 through May 2002 are based on the end-March 2000 survey 2000`,
      ].join('\n'),
      { months: ['2000-04', '2000-03'], released: '2026-05-18', format: 'table5' },
      { Japan: [322.4, 307.6], 'China, Mainland': [71.7, 71.4], 'United Kingdom': [77.7, 78.6], Luxembourg: [null, null] },
    ],
    [
      'old mfh.txt: years above "Country Jan Dec", space-aligned, commas, "Month D, YYYY" footer',
      [
        '                MAJOR FOREIGN HOLDERS OF TREASURY SECURITIES',
        '                        (in billions of dollars)',
        '                    2023      2022      2022',
        ' Country             Jan       Dec       Nov',
        '                   ------    ------    ------',
        ' Japan            1,104.4   1,076.3   1,082.3',
        ' China, Mainland    859.4     867.1     870.2',
        ' Korea, South       105.8     102.6       n.a.',
        '',
        ' Department of the Treasury/Federal Reserve Board',
        ' March 15, 2023',
      ].join('\n'),
      { months: ['2023-01', '2022-12', '2022-11'], released: '2023-03-15' },
      { Japan: [1104.4, 1076.3, 1082.3], 'China, Mainland': [859.4, 867.1, 870.2], 'Korea, South': [105.8, 102.6, null] },
    ],
    [
      'Table 5 with "Apr 2026" headers and no date',
      [`Country${T}Apr 2026${T}Mar 2026`, `Japan${T}1209.9${T}1191.6`, `Grand Total${T}9352.6${T}9348.7`].join('\n'),
      { months: ['2026-04', '2026-03'], format: 'table5' },
      { Japan: [1209.9, 1191.6], 'Grand Total': [9352.6, 9348.7] },
    ],
    [
      'space-aligned "Country  Apr 2026  Mar 2026" header, two-digit-year footer',
      ['Country          Apr 2026   Mar 2026', 'Japan             1,209.9    1,191.6', 'United Kingdom      937.5      926.9', '', '3/18/26'].join('\n'),
      { months: ['2026-04', '2026-03'], released: '2026-03-18' },
      { Japan: [1209.9, 1191.6], 'United Kingdom': [937.5, 926.9] },
    ],
    [
      'two year blocks merge into one history table',
      [
        `${T}Feb${T}Jan`,
        `Country${T}2025${T}2025`,
        `Japan${T}1125.9${T}1079.3`,
        '',
        `${T}Dec${T}Nov`,
        `Country${T}2024${T}2024`,
        `Japan${T}1061.5${T}1087.1`,
        `Bahamas${T}43.8${T}39.3`,
      ].join('\n'),
      { months: ['2025-02', '2025-01', '2024-12', '2024-11'], format: 'history' },
      { Japan: [1125.9, 1079.3, 1061.5, 1087.1], Bahamas: [null, null, 43.8, 39.3] },
    ],
  ])('%s', (_, text, expected, rows) => {
    const table = parseTicTable(text);
    expect(table).toMatchObject(expected);
    if (!('released' in expected)) expect(table.released).toBeUndefined();
    for (const [label, values] of Object.entries(rows)) expect(findRow(table, label)?.values).toEqual(values);
  });

  test('the comparison-only column at a series break is skipped with a note', () => {
    const table = parseTicTable(['\tJun\tJun\tMay', 'Country\t2002\t2002\t2002', 'Japan\t349.2\t335.8\t317.8'].join('\n'));
    expect(table.months).toEqual(['2002-06', '2002-05']);
    expect(findRow(table, 'Japan')?.values).toEqual([349.2, 317.8]);
    expect(table.warnings).toEqual(['line 2: second 2002-06 column ignored (old series, printed for comparison only)']);
  });

  test('a row with the wrong number of values is reported, not guessed', () => {
    const table = parseTicTable(['Country\t2026-04\t2026-03', 'Japan\t1209.9\t1191.6', 'Canada\t397.1'].join('\n'));
    expect(findRow(table, 'Canada')).toBeUndefined();
    expect(table.warnings).toEqual(['line 3: "Canada" has 1 values for 2 columns; skipped']);
  });

  test('text without a header is an error', () => {
    expect(() => parseTicTable('Japan\t1209.9\n')).toThrow(/no table header/);
  });
});

describe('importTicTable (pure merge)', () => {
  const table = parseTicTable(fixtureText);
  const result = importTicTable(dataset, table, { released: table.released!, fileName: 'slt_table5-sample.txt' });
  const merged = result.dataset;

  test('the merged dataset passes validation and the input is untouched', () => {
    expect(() => validateDataset(merged as Record<keyof RawDataset, unknown>)).not.toThrow();
    expect(dataset).toEqual(readDataset());
    expect(series(dataset, 'japan').observations.at(-1)!.month).toBe('2026-04');
  });

  test.each([
    ['japan', 1222.2],
    ['china', 644.4],
    ['united_kingdom', 944.4],
  ])('a new month is appended: %s 2026-05 = %d', (id, value) => {
    const last = series(merged, id).observations.at(-1);
    expect(last).toEqual({
      month: '2026-05',
      value,
      released: '2026-07-17',
      kind: 'first_reported',
      sources: ['tic-slt-table5-2026-07-17'],
      confidence: 'high',
    });
  });

  test('a revised month takes the new value and keeps the old one in earlier', () => {
    const before = obs(dataset, 'japan', '2026-03')!;
    const after = obs(merged, 'japan', '2026-03')!;
    expect(after).toMatchObject({ value: 1193, released: '2026-07-17', kind: 'restated', sources: ['tic-slt-table5-2026-07-17'] });
    expect(after.earlier?.at(-1)).toEqual({
      value: before.value,
      released: before.released,
      kind: before.kind,
      sources: before.sources,
      note: before.note,
    });
    expect(result.changes).toContainEqual({
      type: 'revised',
      series: 'japan',
      month: '2026-03',
      value: 1193,
      previous: { value: 1191.6, released: '2026-06-18' },
    });
  });

  test('unchanged months are left exactly as they were', () => {
    for (const id of ['japan', 'china', 'united_kingdom']) {
      for (const o of series(dataset, id).observations) {
        if (id === 'japan' && o.month === '2026-03') continue;
        expect(obs(merged, id, o.month)).toEqual(o);
      }
    }
    expect(series(merged, 'foreign_total')).toEqual(series(dataset, 'foreign_total'));
    expect(result.unchanged).toBe(35);
    expect(result.changes).toHaveLength(4);
  });

  test('the table becomes a source, and the latest month moves', () => {
    expect(result.sourceAdded).toBe(true);
    expect(merged.sources.sources.at(-1)).toMatchObject({ id: 'tic-slt-table5-2026-07-17', date: '2026-07-17', kind: 'official' });
    expect(merged.meta.latestHoldingsMonth).toBe('2026-05');
    expect(merged.holdings.referencePoints.find((r) => r.kind === 'latest')?.month).toBe('2026-05');
    expect(result.latestMonth).toEqual({ before: '2026-04', after: '2026-05' });
  });

  test('importing the same table again changes nothing', () => {
    const again = importTicTable(merged, table, { released: table.released! });
    expect(again.changes).toEqual([]);
    expect(again.sourceAdded).toBe(false);
    expect(again.dataset).toEqual(merged);
  });

  test('a later table that only repeats known values adds nothing, not even a source', () => {
    const repeat: TicTable = { months: ['2026-04'], rows: [{ label: 'Japan', values: [1209.9] }], format: 'table5', warnings: [] };
    const r = importTicTable(dataset, repeat, { released: '2026-07-01' });
    expect(r.changes).toEqual([]);
    expect(r.sourceAdded).toBe(false);
    expect(r.dataset).toEqual(dataset);
    expect(() => validateDataset(r.dataset as Record<keyof RawDataset, unknown>)).not.toThrow();
  });

  test('an older table adds an earlier vintage instead of overwriting', () => {
    const older: TicTable = { months: ['2026-03'], rows: [{ label: 'Japan', values: [1190] }], format: 'table5', warnings: [] };
    const r = importTicTable(dataset, older, { released: '2026-05-20', sourceId: 'tic-test-older' });
    const o = obs(r.dataset, 'japan', '2026-03')!;
    expect(o.value).toBe(1191.6);
    expect(o.earlier).toEqual([{ value: 1190, released: '2026-05-20', kind: 'first_reported', sources: ['tic-test-older'] }]);
    expect(r.missing).toEqual(['china', 'united_kingdom']);
  });

  test('a different value for the same release is a conflict', () => {
    const same: TicTable = { months: ['2026-04'], rows: [{ label: 'Japan', values: [1200] }], format: 'table5', warnings: [] };
    expect(() => importTicTable(dataset, same, { released: '2026-06-18' })).toThrow(/japan 2026-04: the dataset has 1209.9 .* same release/);
  });
});

describe('the CLI', () => {
  const dirs: string[] = [];
  const tempData = () => {
    const dir = mkdtempSync(join(tmpdir(), 'tl-import-'));
    dirs.push(dir);
    cpSync(DEFAULT_DATA_DIR, dir, { recursive: true });
    return dir;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  const capture = () => {
    const lines: string[] = [];
    return { lines, out: { log: (l: string) => lines.push(l), error: (l: string) => lines.push(`ERR ${l}`) } };
  };

  test('run as a script, it writes the merged files into --data-dir and leaves data/ alone', () => {
    const realHoldings = readFileSync(join(DEFAULT_DATA_DIR, 'holdings.json'), 'utf8');
    const dir = tempData();
    const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/import-tic.ts'), FIXTURE, '--data-dir', dir], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('japan 2026-05: added 1222.2');
    expect(run.stdout).toContain('japan 2026-03: revised 1191.6 -> 1193');
    expect(run.stdout).toContain('Wrote data/holdings.json, data/sources.json, data/meta.json.');
    const written = readDataset(dir);
    expect(written.meta.latestHoldingsMonth).toBe('2026-05');
    expect(obs(written, 'japan', '2026-03')?.earlier?.at(-1)?.value).toBe(1191.6);
    expect(readFileSync(join(DEFAULT_DATA_DIR, 'holdings.json'), 'utf8')).toBe(realHoldings);
  }, 30_000);

  test('--dry-run prints the changes and writes nothing', () => {
    const dir = tempData();
    const before = readFileSync(join(dir, 'holdings.json'), 'utf8');
    const { lines, out } = capture();
    expect(main([FIXTURE, '--data-dir', dir, '--dry-run'], out)).toBe(0);
    expect(lines).toContain('  china 2026-05: added 644.4');
    expect(lines.at(-1)).toBe('Dry run: nothing written.');
    expect(readFileSync(join(dir, 'holdings.json'), 'utf8')).toBe(before);
  });

  test('a file without a date needs --released', () => {
    const dir = tempData();
    const undated = join(dir, 'undated.txt');
    writeFileSync(undated, fixtureText.replace(/^Released:.*$/m, ''));
    const first = capture();
    expect(main([undated, '--data-dir', dir], first.out)).toBe(2);
    expect(first.lines).toEqual([`ERR ${undated} prints no release date; pass --released YYYY-MM-DD`]);
    const second = capture();
    expect(main([undated, '--data-dir', dir, '--released', '2026-07-17', '--dry-run'], second.out)).toBe(0);
    expect(second.lines[0]).toContain('released 2026-07-17 (from --released)');
  });

  test('a result that fails validation is not written', () => {
    const dir = tempData();
    // A table that skips 2026-05 would leave a gap in the monthly series.
    const gap = join(dir, 'gap.txt');
    writeFileSync(gap, 'Country\t2026-06\nJapan\t1300.0\nChina, Mainland\t600.0\nUnited Kingdom\t900.0\n');
    const before = readFileSync(join(dir, 'holdings.json'), 'utf8');
    const { lines, out } = capture();
    expect(main([gap, '--data-dir', dir, '--released', '2026-08-17'], out)).toBe(1);
    expect(lines.join('\n')).toMatch(/data\/holdings\.json: series\[0\]\.observations\[314\]\.month: a monthly series has no gaps: 2026-06 follows 2026-04/);
    expect(readFileSync(join(dir, 'holdings.json'), 'utf8')).toBe(before);
  });
});
