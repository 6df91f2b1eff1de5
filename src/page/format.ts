/**
 * Money, months and dates as the card writes them, in English and Japanese. Pure string work: no
 * `Intl` locale data is needed, so the output is the same in every browser and in Node.
 *
 * English follows wire style ("$1,125.9 billion", "end-February 2025", "4 May 2025"); Japanese
 * follows Japanese newspapers (「1兆1259億ドル」「2025年2月末」「2025年5月4日」).
 */
import type { Lang } from './i18n';

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const EN_MONTHS_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Groups an integer's digits in threes: 1234567 → "1,234,567". */
function group(int: number): string {
  const digits = String(Math.abs(int));
  const out: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) out.unshift(digits.slice(Math.max(0, end - 3), end));
  return (int < 0 ? '-' : '') + out.join(',');
}

/** A non-negative number with exactly `decimals` decimals and grouped thousands. */
function fixed(value: number, decimals: number): string {
  const scaled = Math.round(value * 10 ** decimals);
  const int = Math.trunc(scaled / 10 ** decimals);
  if (decimals === 0) return group(int);
  const frac = String(Math.abs(scaled) % 10 ** decimals).padStart(decimals, '0');
  return `${group(int)}.${frac}`;
}

/**
 * An amount in Japanese units (cho 10^12, oku 10^8, man 10^4), rounded to `step` (a power of ten
 * ≥ 10^4): 1125.9e9 → "1兆1259億". Counted in whole man so the arithmetic stays exact.
 */
function jaUnits(value: number, step: number): string {
  const man = Math.round(value / step) * (step / 1e4);
  if (man === 0) return '0';
  const cho = Math.floor(man / 1e8);
  const oku = Math.floor((man % 1e8) / 1e4);
  const rest = man % 1e4;
  return `${cho ? `${cho}兆` : ''}${oku ? `${oku}億` : ''}${rest ? `${rest}万` : ''}`;
}

/**
 * A dollar amount at the precision official tables print: billions with one decimal in English
 * ("$1,125.9 billion"), oku (10^8) in Japanese (「1兆1259億ドル」). Smaller amounts keep their
 * millions ("$550 million", 「5億5000万ドル」).
 */
export function formatUsd(lang: Lang, usd: number): string {
  if (lang === 'ja') return `${jaUnits(usd, usd >= 1e10 ? 1e8 : 1e6)}ドル`;
  if (usd >= 1e9) return `$${fixed(usd / 1e9, 1)} billion`;
  return `$${fixed(usd / 1e6, 0)} million`;
}


function parseYm(month: string): { year: number; month: number } | undefined {
  const m = /^(\d{4})-(\d{2})/.exec(month);
  if (!m) return undefined;
  const mm = Number(m[2]);
  return mm >= 1 && mm <= 12 ? { year: Number(m[1]), month: mm } : undefined;
}

/**
 * A month-end as official series are dated: "end-February 2025" / 「2025年2月末」. `short` gives
 * "Feb 2025" / 「2025年2月」 for ranges.
 */
export function formatMonth(lang: Lang, month: string, opts: { short?: boolean; abbreviated?: boolean } = {}): string {
  const ym = parseYm(month);
  if (!ym) return month;
  if (lang === 'ja') return `${ym.year}年${ym.month}月${opts.short ? '' : '末'}`;
  if (opts.short) return `${EN_MONTHS_SHORT[ym.month - 1]} ${ym.year}`;
  // The month's end, in fewer letters: "end-Feb 2025" (the compact card's one line).
  return `end-${(opts.abbreviated ? EN_MONTHS_SHORT : EN_MONTHS)[ym.month - 1]} ${ym.year}`;
}

/**
 * A calendar date: "4 May 2025" / 「2025年5月4日」. With `precision: 'month'` (events dated only to
 * the month): "May 2025" / 「2025年5月」.
 */
export function formatDate(lang: Lang, iso: string, opts: { precision?: 'day' | 'month' } = {}): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  const ym = parseYm(iso);
  if (!m || !ym) return iso;
  const day = Number(m[3]);
  if (lang === 'ja') return opts.precision === 'month' ? `${ym.year}年${ym.month}月` : `${ym.year}年${ym.month}月${day}日`;
  const monthName = EN_MONTHS[ym.month - 1];
  return opts.precision === 'month' ? `${monthName} ${ym.year}` : `${day} ${monthName} ${ym.year}`;
}
