import { describe, expect, test } from 'vitest';
import { EVENT_KIND_OF_REMARK, REMARK_KINDS, REMARK_OF_EVENT_KIND, SERIES_BY_NAME, SERIES_SUBJECTS, SUBJECT_SERIES } from '../../src/data/kinds';
import { realDataset } from '../support/dataset';

const ds = realDataset();

describe('kinds: each written once, the rest derived', () => {
  test.each(SERIES_SUBJECTS)('the series of %s is in the data, under its holder', (subject) => {
    const { kind, holder, series } = SUBJECT_SERIES[subject];
    if (kind === 'reserves') expect(ds.reserves.length).toBeGreaterThan(0);
    else expect(ds.holdings.get(holder)?.length ?? 0).toBeGreaterThan(0);
    expect(SERIES_BY_NAME[series]).toBe(SUBJECT_SERIES[subject]);
  });

  test('the event kind of each statement leads back to it, and the timeline has one event of each', () => {
    for (const remark of REMARK_KINDS) {
      expect(REMARK_OF_EVENT_KIND[EVENT_KIND_OF_REMARK[remark]]).toBe(remark);
      expect(ds.raw.events.events.some((e) => e.kind === EVENT_KIND_OF_REMARK[remark])).toBe(true);
    }
  });
});
