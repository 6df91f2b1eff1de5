import { mkdtempSync, cpSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test, expect } from 'vitest';
import { DEFAULT_DATA_DIR, readDataFiles, readDataset } from '../../src/data/load-node';
import type { HoldingsObservation, HoldingsSeries, RawDataset } from '../../src/data/schema';
import { DataError, formatPath, validateDataset, type DataFileKey } from '../../src/data/validate';
import { VOCABULARY_GROUPS } from '../../src/data/kinds';

/** zod's message for a name outside the known vocabulary groups. */
const UNKNOWN_GROUP = `Invalid option: expected one of ${VOCABULARY_GROUPS.map((g) => `"${g}"`).join('|')}`;

const real = readDataFiles();
const dataset = readDataset();

/** The raw JSON of every file, deep-copied so a test can break one thing. */
type Files = Record<DataFileKey, any>;
const copy = (): Files => structuredClone(real.files) as Files;

function problemsOf(files: Files): string[] {
  try {
    validateDataset(files);
    return [];
  } catch (error) {
    if (error instanceof DataError) return [...error.problems];
    throw error;
  }
}

const series = (d: RawDataset, id: string) => d.holdings.series.find((s) => s.id === id) as HoldingsSeries;
const month = (s: HoldingsSeries, m: string) => s.observations.find((o) => o.month === m) as HoldingsObservation;
const event = (id: string) => dataset.events.events.find((e) => e.id === id)!;
const indexOf = <T>(list: T[], pred: (x: T) => boolean) => {
  const i = list.findIndex(pred);
  if (i < 0) throw new Error('fixture lookup failed');
  return i;
};

describe('the real dataset', () => {
  test('reads without problems and passes every check', () => {
    expect(real.problems).toEqual([]);
    expect(() => validateDataset(real.files)).not.toThrow();
  });

  test('carries Japan and China monthly from 2000-03 to 2026-04, and nothing after', () => {
    for (const id of ['japan', 'china']) {
      const obs = series(dataset, id).observations;
      expect(obs[0]!.month).toBe('2000-03');
      expect(obs.at(-1)!.month).toBe('2026-04');
      expect(obs).toHaveLength(314);
    }
    expect(dataset.meta.latestHoldingsMonth).toBe('2026-04');
    // The 2026-05..07 values exist only in an unofficial fixture: left out, and said so.
    expect(dataset.meta.leftOut.some((l) => l.item.includes('2026-05'))).toBe(true);
  });

  test.each([
    ['japan', '2025-02', 1125.9],
    ['japan', '2025-03', 1130.8],
    ['japan', '2021-11', 1325.5],
    ['japan', '2021-07', 1310.2],
    ['japan', '2019-06', 1122.8],
    ['japan', '2001-09', 292.9],
    ['japan', '2026-04', 1209.9],
    ['china', '2013-11', 1316.7],
    ['china', '2026-04', 651.1],
    ['united_kingdom', '2025-03', 779.3],
    ['united_kingdom', '2026-04', 937.5],
    ['foreign_total', '2025-12', 9267.2],
  ])('%s %s = %d', (id, m, value) => {
    expect(month(series(dataset, id), m).value).toBe(value);
  });

  test.each([
    ['japan', '2024-06', 1117.7, '2024-08-15', 'first_reported'],
    ['japan', '2024-01', 1153, '2024-03-15', 'first_reported'],
    ['japan', '2024-11', 1099, '2025-01-17', 'first_reported'],
    ['japan', '2024-11', 1087, '2025-02-18', 'restated'],
    ['japan', '2019-06', 1122.9, '2019-08-15', 'first_reported'],
    ['japan', '2023-01', 1104.4, '2023-03-15', 'first_reported'],
    ['foreign_total', '2024-12', 8513, '2025-02-18', 'first_reported'],
  ])('%s %s was published earlier as %d on %s (%s)', (id, m, value, released, kind) => {
    expect(month(series(dataset, id), m).earlier).toContainEqual(expect.objectContaining({ value, released, kind }));
  });

  test('series breaks keep the old-series value', () => {
    expect(month(series(dataset, 'japan'), '2000-03').oldSeries?.value).toBe(325.8);
    expect(month(series(dataset, 'china'), '2011-06').oldSeries?.value).toBe(1165.5);
  });

  test.each([
    ['japan-peak-2021-11', 'peak', '2021-11'],
    ['china-peak-2013-11', 'peak', '2013-11'],
    ['japan-low-2001-09', 'low', '2001-09'],
    ['china-overtakes-japan-2008-09', 'overtaken', '2008-09'],
    ['japan-regains-lead-2019-06', 'regained_lead', '2019-06'],
    ['uk-passes-china-2025-03', 'overtaken', '2025-03'],
    ['latest-official-month', 'latest', '2026-04'],
  ])('reference point %s is a %s in %s', (id, kind, m) => {
    expect(dataset.holdings.referencePoints.find((r) => r.id === id)).toMatchObject({ kind, month: m });
  });

  test('reserves: end-March 2025 is the "$1.27 trillion", and it is not a Treasury figure', () => {
    const mar = dataset.reserves.observations.find((o) => o.month === '2025-03')!;
    expect(mar).toMatchObject({ total: 1272511, securities: 943250, securitiesSharePct: 74.1 });
    expect(dataset.reserves.observations[0]!.month).toBe('2024-01');
    expect(dataset.reserves.observations.at(-1)!.month).toBe('2026-08');
    expect(dataset.reserves.definition.en).toMatch(/not Treasury holdings/);
    expect(dataset.reserves.definition.ja).toMatch(/米国債の保有額ではない/);
  });

  test('the April Diet answer carries the Japanese original', () => {
    const e = event('2025-04-09-diet-dismissal');
    expect(e.kind).toBe('dismissal');
    expect(e.quotes).toContainEqual(expect.objectContaining({ lang: 'ja', form: 'verbatim', text: '米国との関係で売却できないということはない' }));
    expect(e.quotes.some((q) => q.lang === 'en' && q.form === 'translation')).toBe(true);
  });

  test('the TV Tokyo remark: wire renderings in English, Kato\'s own words in Japanese, clarified in Milan', () => {
    const e = event('2025-05-02-tv-tokyo-card-remark');
    expect(e).toMatchObject({ kind: 'remark', clarifiedBy: '2025-05-04-milan-clarification', inSummary: true });
    const outlets = e.quotes.filter((q) => q.lang === 'en').map((q) => q.outlet);
    expect(outlets).toEqual(expect.arrayContaining(['Reuters', 'Bloomberg', 'Associated Press', 'The Japan News (Yomiuri)']));
    expect(e.quotes.filter((q) => q.lang === 'en').every((q) => q.form === 'translation')).toBe(true);
    expect(e.quotes).toContainEqual(expect.objectContaining({ lang: 'ja', form: 'verbatim', text: '(交渉の)カードとしてはある' }));
    expect(e.quotes).toContainEqual(expect.objectContaining({ lang: 'en', text: expect.stringContaining('It does exist as a card') }));
    // Not attested as Kato's wording: a back-translation.
    expect(e.quotes.some((q) => q.text.includes('カードとしては存在する'))).toBe(false);
  });

  test('the Milan clarification points back at the remark', () => {
    const e = event('2025-05-04-milan-clarification');
    expect(e).toMatchObject({ kind: 'clarification', clarifies: '2025-05-02-tv-tokyo-card-remark' });
    expect(e.quotes).toContainEqual(expect.objectContaining({ lang: 'ja', text: '(日本が)保有する米国債の売却に言及したものではない' }));
    expect(e.quotes).toContainEqual(expect.objectContaining({ lang: 'en', text: "The comments weren't meant to suggest selling Treasury holdings." }));
  });

  test.each([
    ['reserves-as-treasuries', 'false'],
    ['japan-threatened-to-sell', 'false'],
    ['holdings-1-13tn', 'true_rounded'],
    ['nhk-not-tv-tokyo', 'false'],
    ['cooperate-with-china-dump', 'false'],
    ['largest-creditor', 'misleading'],
    ['government-holding', 'misleading'],
    ['china-second-largest', 'outdated'],
    ['record-june-2025', 'false'],
    ['april-mistranslation', 'mistranslation'],
    ['sharp-reversal', 'partly_true'],
    ['hashimoto-crash', 'partly_true'],
    ['share-of-foreign-13pct', 'true'],
  ])('claim %s is %s', (id, verdict) => {
    const claim = dataset.claims.claims.find((c) => c.id === id);
    expect(claim?.verdict).toBe(verdict);
    expect(claim?.lastChecked).toBe('2026-11-22');
  });

  test('the claims the engine detects name their detector', () => {
    const byId = new Map(dataset.claims.claims.map((c) => [c.id, c]));
    expect(byId.get('reserves-as-treasuries')?.detect).toEqual({
      type: 'figure_confusion',
      subject: 'japan_treasury_holdings',
      matchesSeries: 'japan_reserves_total',
    });
    expect(byId.get('japan-threatened-to-sell')?.detect).toEqual({ type: 'remark_framing', remark: 'card_remark', vocabulary: 'threat' });
    expect(byId.get('reserves-as-treasuries')?.correction.en).toMatch(/60%.*no source/);
  });
});

type Breaker = (f: Files) => string;
const japanIndex = (f: Files) => indexOf(f.holdings.series, (s: HoldingsSeries) => s.id === 'japan');
const eventIndex = (f: Files, id: string) => indexOf(f.events.events, (e: { id: string }) => e.id === id);
const reservesIndex = (f: Files, m: string) => indexOf(f.reserves.observations, (o: { month: string }) => o.month === m);

describe('a broken copy fails with the file, the path and the problem', () => {
  test.each<[string, Breaker]>([
    [
      'a source removed from sources.json',
      (f) => {
        f.sources.sources = f.sources.sources.filter((s: { id: string }) => s.id !== 'tic-mfh-2023-03-15');
        const j = japanIndex(f);
        const i = indexOf(f.holdings.series[j].observations, (o: HoldingsObservation) => o.month === '2022-11');
        return `data/holdings.json: series[${j}].observations[${i}].earlier[0].sources[0]: unknown source "tic-mfh-2023-03-15" (not in data/sources.json)`;
      },
    ],
    [
      'an unknown source id',
      (f) => {
        const i = eventIndex(f, '2025-05-04-milan-clarification');
        f.events.events[i].sources[0] = 'foo';
        return `data/events.json: events[${i}].sources[0]: unknown source "foo" (not in data/sources.json)`;
      },
    ],
    [
      'an unknown source id in a quote',
      (f) => {
        const i = eventIndex(f, '2025-04-09-diet-dismissal');
        f.events.events[i].quotes[2].sources = ['tbs-typo'];
        return `data/events.json: events[${i}].quotes[2].sources[0]: unknown source "tbs-typo" (not in data/sources.json)`;
      },
    ],
    [
      'a fact with no source',
      (f) => {
        f.reserves.observations[3].sources = [];
        return 'data/reserves.json: observations[3].sources: every fact needs at least one source';
      },
    ],
    [
      'a source without a url',
      (f) => {
        delete f.sources.sources[0].url;
        return 'data/sources.json: sources[0].url: Invalid input: expected string, received undefined';
      },
    ],
    [
      'a malformed date',
      (f) => {
        const i = eventIndex(f, '2025-05-02-tv-tokyo-card-remark');
        f.events.events[i].date = '2025-5-2';
        return `data/events.json: events[${i}].date: expected a date as YYYY-MM-DD`;
      },
    ],
    [
      'a malformed month',
      (f) => {
        f.holdings.series[0].observations[5].month = '2000-13';
        return 'data/holdings.json: series[0].observations[5].month: expected a month as YYYY-MM';
      },
    ],
    [
      'a negative value',
      (f) => {
        f.holdings.series[0].observations[12].value = -1;
        return 'data/holdings.json: series[0].observations[12].value: a holding cannot be negative';
      },
    ],
    [
      'a duplicate month',
      (f) => {
        const obs = f.holdings.series[0].observations;
        obs[13].month = obs[12].month;
        return `data/holdings.json: series[0].observations[13].month: duplicate month ${obs[12].month} (also observations[12])`;
      },
    ],
    [
      'months out of order',
      (f) => {
        const obs = f.reserves.observations;
        [obs[4], obs[5]] = [obs[5], obs[4]];
        return `data/reserves.json: observations[5].month: months must be in ascending order: ${obs[5].month} comes after ${obs[4].month}`;
      },
    ],
    [
      'a gap in a monthly series',
      (f) => {
        const obs = f.holdings.series[1].observations;
        obs.splice(40, 1);
        return `data/holdings.json: series[1].observations[40].month: a monthly series has no gaps: ${obs[40].month} follows ${obs[39].month}`;
      },
    ],
    [
      'an earlier vintage newer than the current value',
      (f) => {
        const j = japanIndex(f);
        const i = indexOf(f.holdings.series[j].observations, (o: HoldingsObservation) => o.month === '2024-06');
        f.holdings.series[j].observations[i].earlier[0].released = '2026-06-01';
        return `data/holdings.json: series[${j}].observations[${i}].earlier[0].released: an earlier vintage (2026-06-01) cannot be newer than the current value (2026-05-18)`;
      },
    ],
    [
      'a dangling clarifiedBy',
      (f) => {
        const i = eventIndex(f, '2025-05-02-tv-tokyo-card-remark');
        f.events.events[i].clarifiedBy = '2025-05-05-nowhere';
        return `data/events.json: events[${i}].clarifiedBy: unknown event "2025-05-05-nowhere" (not in data/events.json)`;
      },
    ],
    [
      'a clarification that does not point back',
      (f) => {
        const i = eventIndex(f, '2025-05-04-milan-clarification');
        delete f.events.events[i].clarifies;
        const r = eventIndex(f, '2025-05-02-tv-tokyo-card-remark');
        return `data/events.json: events[${r}].clarifiedBy: "2025-05-04-milan-clarification" does not point back with clarifies: "2025-05-02-tv-tokyo-card-remark"`;
      },
    ],
    [
      'a duplicate event id',
      (f) => {
        const i = eventIndex(f, '2025-05-23-third-tariff-round');
        f.events.events.push(structuredClone(f.events.events[i]));
        return `data/events.json: events[${f.events.events.length - 1}].id: duplicate event id "2025-05-23-third-tariff-round" (also events[${i}])`;
      },
    ],
    [
      'a bad securities share',
      (f) => {
        const i = reservesIndex(f, '2025-03');
        f.reserves.observations[i].securitiesSharePct = 75.1;
        return `data/reserves.json: observations[${i}].securitiesSharePct: 75.1% does not match securities/total = 74.13%`;
      },
    ],
    [
      'reserve components that do not add up',
      (f) => {
        const i = reservesIndex(f, '2025-03');
        f.reserves.observations[i].deposits += 30000;
        return `data/reserves.json: observations[${i}].total: the components add up to 1286870, more than the total 1272511`;
      },
    ],
    [
      'claim evidence for a month the series does not have',
      (f) => {
        const c = indexOf(f.claims.claims, (x: { id: string }) => x.id === 'holdings-1-13tn');
        f.claims.claims[c].evidence[0] = { type: 'holdings', series: 'japan', month: '2026-05' };
        return `data/claims.json: claims[${c}].evidence[0].month: series "japan" has no month 2026-05 in data/holdings.json`;
      },
    ],
    [
      'claim evidence for an unknown event',
      (f) => {
        const c = indexOf(f.claims.claims, (x: { id: string }) => x.id === 'nhk-not-tv-tokyo');
        f.claims.claims[c].evidence[0] = { type: 'event', id: '2025-05-02-nhk' };
        return `data/claims.json: claims[${c}].evidence[0].id: unknown event "2025-05-02-nhk" (not in data/events.json)`;
      },
    ],
    [
      'a claim detector naming an unknown vocabulary group',
      (f) => {
        const c = indexOf(f.claims.claims, (x: { id: string }) => x.id === 'japan-threatened-to-sell');
        f.claims.claims[c].detect.vocabulary = 'threats';
        return `data/claims.json: claims[${c}].detect.vocabulary: ${UNKNOWN_GROUP}`;
      },
    ],
    [
      'a trigger naming an unknown group',
      (f) => {
        f.vocabulary.trigger.push('treasury');
        return `data/vocabulary.json: trigger[${f.vocabulary.trigger.length - 1}]: ${UNKNOWN_GROUP}`;
      },
    ],
    [
      'a vocabulary group the code does not know',
      (f) => {
        f.vocabulary.groups.treasury = f.vocabulary.groups.treasuries;
        return 'data/vocabulary.json: groups: Unrecognized key: "treasury"';
      },
    ],
    [
      'a peak that is not the highest month',
      (f) => {
        const r = indexOf(f.holdings.referencePoints, (x: { id: string }) => x.id === 'japan-peak-2021-11');
        f.holdings.referencePoints[r].month = '2021-12';
        return `data/holdings.json: referencePoints[${r}].month: 2021-12 is not the highest month of "japan"`;
      },
    ],
    [
      'meta.latestHoldingsMonth behind the data',
      (f) => {
        f.meta.latestHoldingsMonth = '2026-03';
        return 'data/meta.json: latestHoldingsMonth: is 2026-03 but the last month of the japan series in data/holdings.json is 2026-04';
      },
    ],
  ])('%s', (_, breakIt) => {
    const files = copy();
    const expected = breakIt(files);
    const problems = problemsOf(files);
    expect(problems).toContain(expected);
  });

  test('the DataError message lists every problem on its own line', () => {
    const files = copy();
    files.holdings.series[0].observations[12].value = -1;
    files.events.events[0].sources[0] = 'foo';
    try {
      validateDataset(files);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DataError);
      const lines = (error as Error).message.split('\n');
      expect(lines[0]).toBe('The dataset has 2 problems:');
      expect(lines.slice(1).every((l) => /^data\/[a-z]+\.json: \S+: /.test(l))).toBe(true);
    }
  });
});

describe('reading from disk', () => {
  test('defaults to the repository data folder', () => {
    expect(DEFAULT_DATA_DIR.replace(/\\/g, '/')).toMatch(/\/data\/?$/);
  });

  test.each([
    ['a JSON syntax error', 'holdings.json', '{ "unit": "usd_billion", }', /^data\/holdings\.json: invalid JSON: /],
    ['a missing file', 'events.json', null, /^data\/events\.json: cannot read .*events\.json: ENOENT$/],
  ])('%s is reported with the file name', (_, file, content, expected) => {
    const dir = mkdtempSync(join(tmpdir(), 'tl-data-'));
    try {
      cpSync(DEFAULT_DATA_DIR, dir, { recursive: true });
      if (content === null) rmSync(join(dir, file));
      else writeFileSync(join(dir, file), content);
      expect(() => readDataset(dir)).toThrow(DataError);
      try {
        readDataset(dir);
      } catch (error) {
        expect((error as DataError).problems).toEqual([expect.stringMatching(expected)]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

test.each([
  [['series', 0, 'observations', 12, 'value'], 'series[0].observations[12].value'],
  [['trigger', 3], 'trigger[3]'],
  [[], '(top level)'],
])('formatPath(%j) = %s', (path, expected) => {
  expect(formatPath(path)).toBe(expected);
});

describe('no dead vocabulary', () => {
  test('every vocabulary group is read by the code, a claim detector or the trigger', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = join(import.meta.dirname, '..', '..');
    const sources: string[] = [];
    const walk = (dir: string) => {
      for (const f of readdirSync(dir)) {
        const p = join(dir, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.ts') && !p.endsWith('kinds.ts')) sources.push(readFileSync(p, 'utf8'));
      }
    };
    walk(join(root, 'src'));
    walk(join(root, 'entrypoints'));
    const code = sources.join('\n');
    const raw = JSON.parse(readFileSync(join(root, 'data', 'claims.json'), 'utf8')) as { claims: Array<{ detect?: { vocabulary?: string } }> };
    const vocab = JSON.parse(readFileSync(join(root, 'data', 'vocabulary.json'), 'utf8')) as { trigger: string[]; groups: Record<string, unknown> };
    const used = (g: string) => code.includes(`'${g}'`) || new RegExp(`[{,]\\s*${g}:`).test(code) || raw.claims.some((c) => c.detect?.vocabulary === g) || vocab.trigger.includes(g);
    expect(Object.keys(vocab.groups).filter((g) => !used(g))).toEqual([]);
  });
});
