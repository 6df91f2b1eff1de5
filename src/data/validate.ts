/**
 * Checks the dataset: each file against its zod schema, then the links between files (source ids,
 * event ids, evidence, reference points) and the arithmetic the sources promise (reserve components,
 * shares, month order). Pure: takes parsed JSON, so the build, the CLI and the tests share it.
 *
 * Every problem is one line "data/<file>: <path>: <what is wrong>", all problems at once.
 */
import type { z } from 'zod';
import { DATA_FILES, type HoldingsSeries, type RawDataset } from './schema';

export type DataFileKey = keyof typeof DATA_FILES;

export class DataError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`The dataset has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n${problems.join('\n')}`);
    this.name = 'DataError';
    this.problems = problems;
  }
}

/** How the files are named in messages. */
export const fileLabel = (key: DataFileKey) => `data/${DATA_FILES[key].file}`;

/** "series[0].observations[12].value" */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(top level)';
}

/**
 * securitiesSharePct is printed to one decimal, so it can differ from securities/total by 0.05 points;
 * 0.06 leaves room for the binary representation and nothing more. (The R1 rows differ by at most 0.049.)
 */
export const SHARE_TOLERANCE_PCT = 0.06;

/**
 * total minus (securities + deposits + gold + IMF and SDRs) is MOF's "other reserve assets", which the
 * dataset does not transcribe. In 2024-01..2026-08 it ran between 1.03% and 1.25% of the total
 * ($13.2-16.4 bn). A missing component or a slipped digit in one moves it far outside [0, 1.5%].
 */
export const OTHER_RESERVES_MAX_SHARE = 0.015;

export function validateDataset(files: Record<DataFileKey, unknown>): RawDataset {
  const problems: string[] = [];
  const parsed: Partial<RawDataset> = {};

  for (const key of Object.keys(DATA_FILES) as DataFileKey[]) {
    const schema: z.ZodType = DATA_FILES[key].schema;
    const result = schema.safeParse(files[key]);
    if (result.success) (parsed as Record<string, unknown>)[key] = result.data;
    else for (const issue of result.error.issues) problems.push(`${fileLabel(key)}: ${formatPath(issue.path)}: ${issue.message}`);
  }

  crossChecks(parsed, (key, path, message) => problems.push(`${fileLabel(key)}: ${formatPath(path)}: ${message}`));

  if (problems.length) throw new DataError(problems);
  return parsed as RawDataset;
}

type Report = (key: DataFileKey, path: readonly PropertyKey[], message: string) => void;

/** Runs every check whose files parsed; a file that failed its schema has already been reported. */
function crossChecks(d: Partial<RawDataset>, report: Report): void {
  const sourceIds = d.sources ? checkSources(d.sources, report) : undefined;
  if (sourceIds) {
    const used = new Set<string>();
    for (const key of ['holdings', 'reserves', 'events', 'claims'] as const) {
      const file = d[key];
      if (file) checkSourceRefs(file, [], key, sourceIds, used, report);
    }
    if (d.holdings && d.reserves && d.events && d.claims) {
      d.sources!.sources.forEach((s, i) => {
        if (!used.has(s.id)) report('sources', ['sources', i, 'id'], `source "${s.id}" is not cited by any file`);
      });
    }
  }
  if (d.holdings) checkHoldings(d.holdings, report);
  if (d.reserves) checkReserves(d.reserves, report);
  if (d.events) checkEvents(d.events, report);
  if (d.claims) checkClaims(d, report);
  if (d.vocabulary) {
    const vocab = d.vocabulary;
    const anchors = vocab.detectorAnchors.map((a) => a.toLowerCase());
    vocab.trigger.forEach((g, i) => {
      // The schema admits only known groups (src/data/kinds.ts), so every trigger names one.
      const group = vocab.groups[g];
      // The detector only runs the full expression when an anchor is present: every term needs one.
      for (const lang of ['en', 'ja'] as const) {
        group[lang].forEach((term, j) => {
          if (!anchors.some((a) => term.toLowerCase().includes(a))) {
            report('vocabulary', ['groups', g, lang, j], `trigger term "${term}" contains none of detectorAnchors, so the detector would miss it`);
          }
        });
      }
    });
  }
  if (d.meta && d.holdings) {
    const japan = d.holdings.series.find((s) => s.id === 'japan');
    const last = japan?.observations.at(-1)?.month;
    if (!japan) report('holdings', ['series'], 'there is no "japan" series');
    else if (d.meta.latestHoldingsMonth !== last) {
      report('meta', ['latestHoldingsMonth'], `is ${d.meta.latestHoldingsMonth} but the last month of the japan series in data/holdings.json is ${last}`);
    }
  }
}

function checkSources(file: RawDataset['sources'], report: Report): Set<string> {
  const seen = new Map<string, number>();
  file.sources.forEach((s, i) => {
    const first = seen.get(s.id);
    if (first !== undefined) report('sources', ['sources', i, 'id'], `duplicate source id "${s.id}" (also sources[${first}])`);
    else seen.set(s.id, i);
    if (s.retrieved && s.retrieved < s.date) report('sources', ['sources', i, 'retrieved'], `retrieved ${s.retrieved} is before the source's own date ${s.date}`);
    if (s.retrieved && !s.archiveUrl) report('sources', ['sources', i, 'retrieved'], 'a retrieval date needs the archiveUrl of the copy that was read');
  });
  return new Set(seen.keys());
}

/** Walks a file and checks every `sources` list it finds, wherever it is nested. */
function checkSourceRefs(node: unknown, path: PropertyKey[], key: DataFileKey, ids: Set<string>, used: Set<string>, report: Report): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => checkSourceRefs(item, [...path, i], key, ids, used, report));
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [k, v] of Object.entries(node)) {
    if (k === 'sources' && Array.isArray(v)) {
      v.forEach((id, i) => {
        if (typeof id !== 'string') return;
        used.add(id);
        if (!ids.has(id)) report(key, [...path, k, i], `unknown source "${id}" (not in data/sources.json)`);
      });
      const dupe = v.find((id, i) => v.indexOf(id) !== i);
      if (dupe !== undefined) report(key, [...path, k], `source "${String(dupe)}" is listed twice`);
    } else {
      checkSourceRefs(v, [...path, k], key, ids, used, report);
    }
  }
}

const nextMonth = (m: string) => {
  const [y, mo] = m.split('-').map(Number) as [number, number];
  return mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
};
/** A value for a month can only be released after the month has ended. */
const releasedAfterMonth = (month: string, released: string) => released.slice(0, 7) > month;

function checkMonths(months: readonly string[], list: string, report: (i: number, message: string) => void): void {
  const seen = new Map<string, number>();
  months.forEach((m, i) => {
    const first = seen.get(m);
    if (first !== undefined) report(i, `duplicate month ${m} (also ${list}[${first}])`);
    else seen.set(m, i);
    const prev = months[i - 1];
    if (prev !== undefined && prev !== m && m < prev) report(i, `months must be in ascending order: ${m} comes after ${prev}`);
  });
}

function checkHoldings(file: RawDataset['holdings'], report: Report): void {
  const ids = new Map<string, number>();
  file.series.forEach((series, si) => {
    const at = (...p: PropertyKey[]) => ['series', si, ...p];
    if (ids.has(series.id)) report('holdings', at('id'), `duplicate series id "${series.id}"`);
    ids.set(series.id, si);
    const obs = series.observations;
    checkMonths(obs.map((o) => o.month), 'observations', (i, msg) => report('holdings', at('observations', i, 'month'), msg));
    obs.forEach((o, i) => {
      const prev = obs[i - 1];
      if (series.frequency === 'monthly' && prev && prev.month < o.month && nextMonth(prev.month) !== o.month) {
        report('holdings', at('observations', i, 'month'), `a monthly series has no gaps: ${o.month} follows ${prev.month}`);
      }
      if (series.frequency === 'year_end' && !o.month.endsWith('-12')) {
        report('holdings', at('observations', i, 'month'), `a year_end series holds December values only, not ${o.month}`);
      }
      if (!releasedAfterMonth(o.month, o.released)) {
        report('holdings', at('observations', i, 'released'), `released ${o.released} before the end of ${o.month}`);
      }
      (o.earlier ?? []).forEach((v, vi) => {
        const p = at('observations', i, 'earlier', vi, 'released');
        if (!releasedAfterMonth(o.month, v.released)) report('holdings', p, `released ${v.released} before the end of ${o.month}`);
        if (v.released > o.released) report('holdings', p, `an earlier vintage (${v.released}) cannot be newer than the current value (${o.released})`);
        const before = o.earlier?.[vi - 1];
        if (before && v.released < before.released) report('holdings', p, `earlier vintages go oldest first: ${v.released} comes after ${before.released}`);
      });
    });
  });
  checkReferencePoints(file, report);
}

function checkReferencePoints(file: RawDataset['holdings'], report: Report): void {
  const series = new Map(file.series.map((s) => [s.id, s] as const));
  const valueAt = (s: HoldingsSeries, month: string) => s.observations.find((o) => o.month === month)?.value;
  const seen = new Set<string>();
  file.referencePoints.forEach((rp, ri) => {
    const at = (...p: PropertyKey[]) => ['referencePoints', ri, ...p];
    if (seen.has(rp.id)) report('holdings', at('id'), `duplicate reference point id "${rp.id}"`);
    seen.add(rp.id);
    const members: HoldingsSeries[] = [];
    rp.series.forEach((id, i) => {
      const s = series.get(id);
      if (!s) report('holdings', at('series', i), `unknown series "${id}"`);
      else if (valueAt(s, rp.month) === undefined) report('holdings', at('month'), `series "${id}" has no month ${rp.month}`);
      else members.push(s);
    });
    if (members.length !== rp.series.length) return;
    const [a, b] = members as [HoldingsSeries, HoldingsSeries | undefined];
    const values = a.observations.map((o) => o.value);
    const v = valueAt(a, rp.month)!;
    switch (rp.kind) {
      case 'peak':
        if (v < Math.max(...values)) report('holdings', at('month'), `${rp.month} is not the highest month of "${a.id}"`);
        break;
      case 'low':
        if (v > Math.min(...values)) report('holdings', at('month'), `${rp.month} is not the lowest month of "${a.id}"`);
        break;
      case 'latest':
        for (const s of members) {
          if (s.observations.at(-1)?.month !== rp.month) report('holdings', at('month'), `${rp.month} is not the last month of "${s.id}"`);
        }
        break;
      case 'overtaken':
      case 'regained_lead': {
        // series[0] passes series[1] in this month: ahead now, not ahead the month before.
        if (!b) {
          report('holdings', at('series'), `"${rp.kind}" compares two series`);
          break;
        }
        const prev = a.observations[a.observations.findIndex((o) => o.month === rp.month) - 1]?.month;
        const before = prev === undefined ? undefined : [valueAt(a, prev), valueAt(b, prev)];
        if (!(v > valueAt(b, rp.month)!)) report('holdings', at('month'), `"${a.id}" is not above "${b.id}" in ${rp.month}`);
        else if (!before || before[0] === undefined || before[1] === undefined || before[0] > before[1]) {
          report('holdings', at('month'), `"${a.id}" was not behind "${b.id}" in the month before ${rp.month}`);
        }
        break;
      }
    }
  });
}

function checkReserves(file: RawDataset['reserves'], report: Report): void {
  checkMonths(file.observations.map((o) => o.month), 'observations', (i, msg) => report('reserves', ['observations', i, 'month'], msg));
  file.observations.forEach((o, i) => {
    const at = (p: string) => ['observations', i, p];
    const share = (100 * o.securities) / o.total;
    if (Math.abs(share - o.securitiesSharePct) > SHARE_TOLERANCE_PCT) {
      report('reserves', at('securitiesSharePct'), `${o.securitiesSharePct}% does not match securities/total = ${share.toFixed(2)}%`);
    }
    const other = o.total - (o.securities + o.deposits + o.gold + o.imfAndSdr);
    if (other < 0) {
      report('reserves', at('total'), `the components add up to ${o.total - other}, more than the total ${o.total}`);
    } else if (other > OTHER_RESERVES_MAX_SHARE * o.total) {
      report('reserves', at('total'), `the components fall ${other} short of the total ${o.total} (over ${OTHER_RESERVES_MAX_SHARE * 100}% left for other reserve assets)`);
    }
    (o.earlier ?? []).forEach((e, ei) => {
      if (!releasedAfterMonth(o.month, e.released)) report('reserves', ['observations', i, 'earlier', ei, 'released'], `released ${e.released} before the end of ${o.month}`);
    });
  });
}

function checkEvents(file: RawDataset['events'], report: Report): void {
  const byId = new Map<string, number>();
  file.events.forEach((e, i) => {
    if (byId.has(e.id)) report('events', ['events', i, 'id'], `duplicate event id "${e.id}" (also events[${byId.get(e.id)}])`);
    else byId.set(e.id, i);
    if (!e.id.startsWith(`${e.date}-`)) report('events', ['events', i, 'id'], `the id must start with the event's date ${e.date}`);
  });
  file.events.forEach((e, i) => {
    for (const [field, back, later] of [['clarifiedBy', 'clarifies', true], ['clarifies', 'clarifiedBy', false]] as const) {
      const target = e[field];
      if (target === undefined) continue;
      const j = byId.get(target);
      if (j === undefined) {
        report('events', ['events', i, field], `unknown event "${target}" (not in data/events.json)`);
        continue;
      }
      const other = file.events[j]!;
      if (other[back] !== e.id) report('events', ['events', i, field], `"${target}" does not point back with ${back}: "${e.id}"`);
      if (later ? other.date < e.date : other.date > e.date) {
        report('events', ['events', i, field], `"${target}" is dated ${other.date}, ${later ? 'before' : 'after'} this event (${e.date})`);
      }
    }
  });
}

function checkClaims(d: Partial<RawDataset>, report: Report): void {
  const claims = d.claims!;
  const seen = new Set<string>();
  const eventIds = d.events ? new Set(d.events.events.map((e) => e.id)) : undefined;
  const reserveMonths = d.reserves ? new Set(d.reserves.observations.map((o) => o.month)) : undefined;
  const refIds = d.holdings ? new Set(d.holdings.referencePoints.map((r) => r.id)) : undefined;
  claims.claims.forEach((c, ci) => {
    if (seen.has(c.id)) report('claims', ['claims', ci, 'id'], `duplicate claim id "${c.id}"`);
    seen.add(c.id);
    c.evidence.forEach((ev, ei) => {
      const at = ['claims', ci, 'evidence', ei];
      switch (ev.type) {
        case 'holdings': {
          if (!d.holdings) return;
          const s = d.holdings.series.find((x) => x.id === ev.series);
          if (!s) report('claims', [...at, 'series'], `unknown series "${ev.series}" (not in data/holdings.json)`);
          else if (!s.observations.some((o) => o.month === ev.month)) report('claims', [...at, 'month'], `series "${ev.series}" has no month ${ev.month} in data/holdings.json`);
          return;
        }
        case 'reserves':
          if (reserveMonths && !reserveMonths.has(ev.month)) report('claims', [...at, 'month'], `no reserves month ${ev.month} in data/reserves.json`);
          return;
        case 'event':
          if (eventIds && !eventIds.has(ev.id)) report('claims', [...at, 'id'], `unknown event "${ev.id}" (not in data/events.json)`);
          return;
        case 'reference_point':
          if (refIds && !refIds.has(ev.id)) report('claims', [...at, 'id'], `unknown reference point "${ev.id}" (not in data/holdings.json)`);
          return;
      }
    });
  });
}
