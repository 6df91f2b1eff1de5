/**
 * The popup's chart: Japan's monthly Treasury holdings, China's beside them, and Japan's total reserves as a
 * separate line, so "$1.27 trillion" is seen to be the reserves line. Events are marked on the time axis,
 * and the page's claimed figure where it has one. Plain SVG made with DOM APIs (no library: 0 kB beyond
 * this file); colours from CSS variables, so it follows light and dark. Keyboard: the chart is one focus
 * stop, arrow keys move through the months; the value and source of the month under the pointer or the
 * cursor are read out in a live line; the table behind it is in a <details> for screen readers and anyone.
 */
import type { Lang } from '../page/i18n';
import { formatMonth, formatUsd } from '../page/format';
import type { ChartData, ChartSeriesId } from './chart-data';
import { el } from './dom';
import type { Strings } from './strings';

const SVG = 'http://www.w3.org/2000/svg';
const W = 388;
const H = 170;
const PAD = { left: 40, right: 8, top: 10, bottom: 22 };
export const CHART_SERIES: readonly ChartSeriesId[] = ['reserves', 'japan', 'china'];

export type ChartMarker = { month: string; label: string; kind: 'event' | 'published' };
export type ChartClaim = { month: string; usdBillion: number; label: string };

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, children: Node[] = []): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  node.append(...children);
  return node;
}

const billion = (lang: Lang, v: number) => formatUsd(lang, v * 1e9);

export function renderChart(data: ChartData, { lang, t }: Strings, opts: { markers: ChartMarker[]; claims: ChartClaim[]; sourceTitle: (id: string) => string }): HTMLElement {
  const n = data.months.length;
  const values = CHART_SERIES.flatMap((id) => data.series[id]).filter((v): v is number => v !== null).concat(opts.claims.map((c) => c.usdBillion));
  const lo = Math.floor((Math.min(...values) - 40) / 200) * 200;
  const hi = Math.ceil((Math.max(...values) + 20) / 200) * 200;
  const x = (i: number) => PAD.left + (i * (W - PAD.left - PAD.right)) / Math.max(1, n - 1);
  const y = (v: number) => PAD.top + ((hi - v) * (H - PAD.top - PAD.bottom)) / (hi - lo);
  const monthIndex = (month: string) => data.months.indexOf(month.slice(0, 7));

  const grid: SVGElement[] = [];
  for (let v = lo; v <= hi; v += 200) {
    grid.push(svg('line', { x1: PAD.left, x2: W - PAD.right, y1: y(v), y2: y(v), class: 'grid' }));
    grid.push(svg('text', { x: PAD.left - 4, y: y(v) + 3, 'text-anchor': 'end', class: 'tick' }, [document.createTextNode(lang === 'ja' ? `${(v / 1000).toFixed(1)}兆` : `$${(v / 1000).toFixed(1)}T`)]));
  }
  data.months.forEach((m, i) => {
    if (!m.endsWith('-01')) return;
    grid.push(svg('line', { x1: x(i), x2: x(i), y1: H - PAD.bottom, y2: H - PAD.bottom + 3, class: 'axis' }));
    grid.push(svg('text', { x: x(i), y: H - 6, 'text-anchor': 'middle', class: 'tick' }, [document.createTextNode(m.slice(0, 4))]));
  });
  const lines = CHART_SERIES.map((id) => {
    const points = data.series[id].map((v, i) => (v === null ? undefined : `${x(i).toFixed(1)},${y(v).toFixed(1)}`)).filter(Boolean);
    return svg('polyline', { points: points.join(' '), class: `line line-${id}`, fill: 'none' });
  });
  const markers = opts.markers
    .map((mk) => ({ mk, i: monthIndex(mk.month) }))
    .filter(({ i }) => i >= 0)
    .map(({ mk, i }) => svg('line', { x1: x(i), x2: x(i), y1: PAD.top, y2: H - PAD.bottom, class: `marker marker-${mk.kind}` }, [svg('title', {}, [document.createTextNode(mk.label)])]));
  // One short label per kind of marker, at the top of its first line.
  const labelled = new Set<string>();
  const markerLabels = opts.markers.flatMap((mk) => {
    const i = monthIndex(mk.month);
    if (i < 0 || labelled.has(mk.kind)) return [];
    labelled.add(mk.kind);
    const text = mk.kind === 'event' ? t('chartEventsMark') : t('chartClaimPage');
    return [svg('text', { x: x(i) - 3, y: PAD.top + (mk.kind === 'event' ? 7 : 17), 'text-anchor': 'end', class: `marker-label marker-label-${mk.kind}` }, [document.createTextNode(text)])];
  });
  const claims = opts.claims
    .map((c) => ({ c, i: monthIndex(c.month) }))
    .filter(({ i }) => i >= 0)
    .map(({ c, i }) => svg('path', { d: `M${x(i)},${y(c.usdBillion) - 5}l5,5l-5,5l-5,-5z`, class: 'claim' }, [svg('title', {}, [document.createTextNode(c.label)])]));
  const cursor = svg('line', { x1: 0, x2: 0, y1: PAD.top, y2: H - PAD.bottom, class: 'cursor', visibility: 'hidden' });
  const chart = svg('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', tabindex: 0, 'aria-label': t('chartLabel'), class: 'chart-svg' }, [...grid, ...markers, ...markerLabels, ...lines, ...claims, cursor]);

  const readout = el('p', { className: 'chart-readout', attrs: { 'aria-live': 'polite' } });
  const name = (id: ChartSeriesId) => t(`chartSeries_${id}` as Parameters<typeof t>[0]);
  let at = -1;
  const show = (i: number) => {
    at = Math.max(0, Math.min(n - 1, i));
    cursor.setAttribute('x1', String(x(at)));
    cursor.setAttribute('x2', String(x(at)));
    cursor.setAttribute('visibility', 'visible');
    const parts = CHART_SERIES.map((id) => {
      const v = data.series[id][at];
      return v === null || v === undefined ? undefined : `${name(id)} ${billion(lang, v)}`;
    }).filter(Boolean);
    const source = [...new Set(CHART_SERIES.flatMap((id) => {
      const i = data.sourceAt[id][at];
      return i === null || i === undefined ? [] : [data.sources[id][i]!];
    }))].map(opts.sourceTitle).join('; ');
    const [colon, comma, stop] = lang === 'ja' ? ['：', '、', '。'] : [': ', ', ', '. '];
    readout.textContent = `${formatMonth(lang, data.months[at]!)}${colon}${parts.join(comma)}${stop}${t('popupSources')}${colon}${source}`;
    chart.setAttribute('data-month', data.months[at]!);
  };
  chart.addEventListener('pointermove', (e) => {
    const box = chart.getBoundingClientRect();
    const px = ((e.clientX - box.left) * W) / box.width;
    show(Math.round(((px - PAD.left) * (n - 1)) / (W - PAD.left - PAD.right)));
  });
  chart.addEventListener('focus', () => show(at < 0 ? n - 1 : at));
  chart.addEventListener('keydown', (e) => {
    const step = { ArrowLeft: -1, ArrowRight: 1, Home: -n, End: n }[e.key];
    if (step === undefined) return;
    e.preventDefault();
    show((at < 0 ? n - 1 : at) + step);
  });

  const legend = el(
    'ul',
    { className: 'chart-legend' },
    [...CHART_SERIES.map((id) => el('li', {}, [el('span', { className: `key key-${id}`, attrs: { 'aria-hidden': 'true' } }), name(id)])), ...(opts.claims.length ? [el('li', {}, [el('span', { className: 'key key-claim', attrs: { 'aria-hidden': 'true' } }), t('chartClaim')])] : [])],
  );
  const head = el('tr', {}, [el('th', { text: t('chartMonth'), attrs: { scope: 'col' } }), ...CHART_SERIES.map((id) => el('th', { text: name(id), attrs: { scope: 'col' } }))]);
  const rows = data.months.map((m, i) => el('tr', {}, [el('th', { text: formatMonth(lang, m, { short: true }), attrs: { scope: 'row' } }), ...CHART_SERIES.map((id) => el('td', { text: data.series[id][i] === null ? '—' : billion(lang, data.series[id][i]!) }))]));
  const table = el('details', { className: 'chart-table' }, [el('summary', { text: t('chartTable') }), el('table', {}, [el('caption', { text: t('chartLabel') }), el('thead', {}, [head]), el('tbody', {}, rows)])]);
  return el('figure', { className: 'chart' }, [chart, legend, readout, table]);
}
