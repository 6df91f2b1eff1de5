/**
 * The numbers behind the popup's chart, cut from the dataset at build time (wxt.config.ts) so the popup
 * does not carry the whole holdings file: Japan's and China's monthly Treasury holdings (TIC) and Japan's
 * total reserves (MOF), in billions of dollars, from CHART_FROM to the last month either series has.
 */
import type { RawDataset } from '../data/schema';

export const CHART_FROM = '2024-01';

export type ChartSeriesId = 'japan' | 'china' | 'reserves';
export type ChartData = {
  months: string[];
  series: Record<ChartSeriesId, Array<number | null>>;
  /** Each series' sources (ids in data/sources.json), and for each month the index of its value's source. */
  sources: Record<ChartSeriesId, string[]>;
  sourceAt: Record<ChartSeriesId, Array<number | null>>;
};

export function chartData(ds: Pick<RawDataset, 'holdings' | 'reserves'>, from = CHART_FROM): ChartData {
  const holder = (id: string) => ds.holdings.series.find((s) => s.id === id)?.observations.filter((o) => o.month >= from) ?? [];
  const japan = holder('japan');
  const china = holder('china');
  const reserves = ds.reserves.observations.filter((o) => o.month >= from);
  const months = [...new Set([...japan, ...china, ...reserves].map((o) => o.month))].sort();
  const at = <T extends { month: string }>(list: T[], value: (o: T) => number) => months.map((m) => {
    const o = list.find((x) => x.month === m);
    return o ? Math.round(value(o) * 10) / 10 : null;
  });
  const sourcesOf = (list: Array<{ sources: string[] }>) => [...new Set(list.map((o) => o.sources[0]!))];
  const sourceAt = (list: Array<{ month: string; sources: string[] }>) => {
    const ids = sourcesOf(list);
    return months.map((m) => {
      const o = list.find((x) => x.month === m);
      return o ? ids.indexOf(o.sources[0]!) : null;
    });
  };
  return {
    months,
    series: { japan: at(japan, (o) => o.value), china: at(china, (o) => o.value), reserves: at(reserves, (o) => o.total / 1000) },
    sources: { japan: sourcesOf(japan), china: sourcesOf(china), reserves: sourcesOf(reserves) },
    sourceAt: { japan: sourceAt(japan), china: sourceAt(china), reserves: sourceAt(reserves) },
  };
}
