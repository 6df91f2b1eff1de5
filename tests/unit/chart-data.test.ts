import { describe, expect, test } from 'vitest';
import { readDataset } from '@/src/data/load-node';
import { chartData, CHART_FROM } from '@/src/ui/chart-data';

describe('the chart data cut from the dataset', () => {
  const data = chartData(readDataset());

  test('months from CHART_FROM, one value (or null) per month for each series, each with its source', () => {
    expect(data.months[0]).toBe(CHART_FROM);
    expect([...data.months].sort()).toEqual(data.months);
    for (const id of ['japan', 'china', 'reserves'] as const) {
      expect(data.series[id]).toHaveLength(data.months.length);
      data.series[id].forEach((v, i) => {
        const at = data.sourceAt[id][i];
        if (v === null) expect(at).toBeNull();
        else expect(data.sources[id][at!]).toEqual(expect.any(String));
      });
    }
  });

  test('March 2025: $1.27 trillion is the reserves line, not the holdings line', () => {
    const i = data.months.indexOf('2025-03');
    expect(data.series.reserves[i]).toBeCloseTo(1272.5, 0);
    expect(data.series.japan[i]).toBeCloseTo(1130.8, 0);
    expect(data.series.china[i]!).toBeLessThan(data.series.japan[i]!);
  });
});
