/**
 * Month arithmetic and the month a figure says it refers to ("as of end-February", "2月末時点").
 */

export type MonthStr = string; // "YYYY-MM"

export const monthOf = (year: number, month: number): MonthStr => `${year}-${String(month).padStart(2, '0')}`;
export const parseMonth = (m: MonthStr) => ({ year: Number(m.slice(0, 4)), month: Number(m.slice(5, 7)) });
export function addMonths(m: MonthStr, n: number): MonthStr {
  const { year, month } = parseMonth(m);
  const i = year * 12 + (month - 1) + n;
  return monthOf(Math.floor(i / 12), (i % 12) + 1);
}

// The calendar's words, written once: the engine's other modules read month and weekday names from here.

/** English month names, January first. */
export const MONTH_NAMES_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;
/** Abbreviations copy prints, and their months (May has none). */
const MONTH_ABBREVIATIONS: ReadonlyArray<readonly [string, number]> = [
  ['Jan', 1], ['Feb', 2], ['Mar', 3], ['Apr', 4], ['Jun', 6], ['Jul', 7], ['Aug', 8], ['Sept', 9], ['Sep', 9], ['Oct', 10], ['Nov', 11], ['Dec', 12],
];
/** English month names and abbreviations, lower case, to their numbers. */
export const MONTHS: Record<string, number> = Object.fromEntries([
  ...MONTH_NAMES_EN.map((name, i) => [name.toLowerCase(), i + 1] as const),
  ...MONTH_ABBREVIATIONS.map(([abbr, month]) => [abbr.toLowerCase(), month] as const),
]);
/** An English month name or abbreviation, captured (its dot left out). */
export const MONTH_NAME = `(${[...MONTH_NAMES_EN, ...MONTH_ABBREVIATIONS.map(([abbr]) => abbr)].join('|')})\\.?`;
/** English weekday names, Sunday first (the order of Date's getUTCDay). */
export const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
/** The Japanese weekday characters (日曜, 月曜, …), Sunday first. */
export const WEEKDAYS_JA = '日月火水木金土';
/** Words for the month before the page's date ("last month", 先月, 前月の国会). */
export const PREVIOUS_MONTH = { en: ['last month', 'a month ago', 'a month earlier', 'weeks ago', 'weeks earlier'], ja: ['先月', '前月の国会'] } as const;

// "as of end-February", "at the end of February 2025", "end-March", "as of February", "February data",
// "in February", "for January". Found by the month name, then the words just before it are read: a
// leading optional group would make the expression try every position of the text.
const EN_MONTH = new RegExp(`\\b${MONTH_NAME}(?:,?\\s+((?:19|20)\\d{2}))?(\\s+data|\\s+figures)?`, 'gu');
const EN_LEAD = /(end[- ](?:of\s+)?|as of\s+|in\s+|for\s+|since\s+|by\s+|through\s+|until\s+)(?:the\s+)?$/i;
const JA_STATED = /(?:((?:19|20|２０)[0-9０-９]{2})年)?([0-9０-９]{1,2})月(末|時点|末時点|中)?/gu;

const toAscii = (s: string) => s.replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/**
 * `attributive`: the month describes the words after it, not a figure before it: a Japanese month followed
 * by の (「1月の1兆793億ドル」) or 以来, an English one after "since" or "until".
 */
export type StatedMonth = { month: number; year?: number; at: number; strength: 'explicit' | 'weak'; attributive?: true };

/**
 * Months written near a figure. `explicit` ones say the figure is "as of"/"end of" a month or are
 * labelled "data"; a bare "in February" is `weak` and only used when it sits right by the figure.
 */
const ANY_MONTH = new RegExp(`\\b(?:${MONTH_NAMES_EN.map((name) => name.slice(0, 3)).join('|')})[a-z]*\\b|月`);

export function statedMonths(text: string, from: number, to: number): StatedMonth[] {
  const slice = text.slice(from, to);
  const out: StatedMonth[] = [];
  if (!ANY_MONTH.test(slice)) return out;
  for (const m of slice.matchAll(EN_MONTH)) {
    const [, name = '', year, dataWord] = m;
    const lead = EN_LEAD.exec(slice.slice(Math.max(0, m.index - 16), m.index))?.[1];
    // "May" is also a modal verb: only count it with a lead-in or a year.
    if (/^may$/i.test(name) && !lead && !year) continue;
    const month = MONTHS[name.toLowerCase().replace(/\.$/, '')];
    if (!month) continue;
    // "end-February", "as of March", "February data", or a month with its year ("by October 2022").
    const explicit = Boolean(dataWord) || Boolean(lead && /end|as of/i.test(lead)) || Boolean(year);
    if (!explicit && !lead) continue;
    // "…$1,117.7 billion, the lowest since October last year": a point of comparison for what came before,
    // though it may be the month of what follows ("since October 2016, when it stood at $1.132 trillion").
    const comparison = /since|until/i.test(lead ?? '');
    out.push({ month, ...(year ? { year: Number(year) } : {}), at: from + m.index, strength: explicit ? 'explicit' : 'weak', ...(comparison ? { attributive: true as const } : {}) });
  }
  for (const m of slice.matchAll(JA_STATED)) {
    const [, year, mon = '', suffix] = m;
    const month = Number(toAscii(mon));
    if (month < 1 || month > 12) continue;
    out.push({
      month,
      ...(year ? { year: Number(toAscii(year)) } : {}),
      at: from + m.index,
      strength: suffix === '末' || suffix === '時点' || suffix === '末時点' ? 'explicit' : 'weak',
      // (「…、2022年7月以来の高水準」 compares with it.)
      ...(slice[m.index + m[0].length] === 'の' || slice.startsWith('以来', m.index + m[0].length) ? { attributive: true as const } : {}),
    });
  }
  return out;
}

/**
 * The year of a month written without one: the latest such month that ends before the publication
 * date (data describe the past), else the episode's year.
 */
export function resolveYear(month: number, published: string | undefined, fallbackYear: number): number {
  if (!published) return fallbackYear;
  const pub = parseMonth(published.slice(0, 7));
  return month < pub.month ? pub.year : pub.year - 1;
}
