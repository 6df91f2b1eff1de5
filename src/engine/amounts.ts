/**
 * Finds money amounts in text, English and Japanese, with UTF-16 offsets and parsed values.
 * Pure and linear: every pattern is anchored on a digit run or a currency sign and has bounded
 * repetition, so long runs of digits, commas or kanji cannot make it backtrack. The grammar of an amount
 * (signs, digits, scale and bound words) is code; the words of a change table's header are the
 * vocabulary's ("change_header").
 */
import { expression, type Dataset } from './dataset';
import { MONTH_NAME, MONTHS, statedMonths, type StatedMonth } from './months';

export type Currency = 'USD' | 'JPY';
export type Bound = 'over' | 'under' | 'about' | 'nearly';

export type Amount = {
  start: number;
  end: number;
  text: string;
  currency: Currency;
  /** The amount in units of the currency (dollars or yen). */
  value: number;
  /** Half the unit of the last digit written, in the same units: "$1.13 trillion" → 5e9. */
  halfUnit: number;
  bound?: Bound;
  /** The span of a bound word written before the amount ("over", "more than"), not included in start/end. */
  boundStart?: number;
  /** Set when the written scale is implausible and a typo was assumed ("$1,125.9 trillion" → billion). */
  typo?: { written: number; note: string };
  /** A table row under a header that says the column is a change ("Change from January"), or a signed number. */
  change?: true;
  /** A table cell: the month its header or its column gives ("end-February 2025", "Jan 2026   Dec 2025"). */
  tableMonth?: Pick<StatedMonth, 'month' | 'year'>;
};

const SCALE: Record<string, number> = {
  trillion: 1e12, tn: 1e12, tln: 1e12, trn: 1e12, trln: 1e12, t: 1e12,
  billion: 1e9, bn: 1e9, bln: 1e9, bil: 1e9, b: 1e9,
  million: 1e6, mn: 1e6, mln: 1e6, m: 1e6,
};

// Full-width digits and separators (common in Japanese copy) are read as ASCII.
function normalizeDigits(s: string): string {
  return s.replace(/[０-９．，]/g, (c) => (c === '．' ? '.' : c === '，' ? ',' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

/**
 * `decimals` is the precision written: 2 for "1.13"; for a whole number, minus its trailing zeros
 * ("1,130" → -1, "2700" → -2), since copy rounds "$1,130.8 billion" to "$1,130 billion".
 */
function parseNumber(raw: string): { n: number; decimals: number } | undefined {
  const s = normalizeDigits(raw).replace(/,/g, '');
  if (!/^\d+(?:\.\d+)?$/.test(s)) return undefined;
  const dot = s.indexOf('.');
  if (dot >= 0) return { n: Number(s), decimals: s.length - dot - 1 };
  const zeros = /0*$/.exec(s)![0].length;
  return { n: Number(s), decimals: -Math.min(zeros, s.length - 1, 3) };
}

const D = '[0-9０-９]';
const NUM = `${D}{1,3}(?:[,，]${D}{3}){1,4}(?:[.．]${D}{1,4})?|${D}{1,6}(?:[.．]${D}{1,4})?`;

// English: "$1.13 trillion", "US$1.13tn", "USD 1.13 trillion", "$1.13T", "¥163 trillion", "$1 trillion-plus",
// and unit-after forms: "1.13 trillion dollars", "1.13tn dollars", "163 trillion yen", "1,125.9 billion U.S. dollars",
// "1.17 trillion USD" (machine translation).
const EN_PREFIX = String.raw`(US\s?\$|U\.S\.\s?\$|USD\s?|\$|JPY\s?|¥|￥)`;
// Headlines write "Trillion" and tickers "TN": the scale words in every case they are printed in.
const EN_SCALE = String.raw`([Tt]rillion|TRILLION|[Bb]illion|BILLION|[Mm]illion|MILLION|[Tt]n|TN|[Tt]rn|TRN|[Tt]rln|TRLN|tln|[Bb]n|BN|bln|bil|[Mm]n|MN|mln)\b|(T|B|M)(?![\p{L}\p{N}])`;
const EN_SYMBOL = new RegExp(
  `${EN_PREFIX}\\s?(${NUM})(?:(?:\\s|-)?(?:${EN_SCALE}))?(-plus|\\+)?`,
  'gu',
);
const EN_UNIT_AFTER = new RegExp(
  `(?<![\\p{L}\\p{N}$¥.,])(${NUM})(?:\\s(trillion|billion|million)|\\s?(tn|trn|bn|bln))(?:\\s(${NUM})\\s(billion|million))?\\s(?:(U\\.S\\.|US|American)\\s)?(dollars|yen|USD|JPY)\\b`,
  'giu',
);
const EN_BARE_SCALED = new RegExp(`(?<![\\p{L}\\p{N}$¥.,])(${NUM})\\s?(trillion|tn|trn|billion|bn)(?=\\s+(?:in|of|worth of)\\s)`, 'giu');
// Japanese: 1兆1259億ドル, 1兆1千億ドル, 1.1兆ドル, 7843億ドル, 163兆円, 約1.1兆ドル, 1兆ドル超, 1兆ドルを超える, １兆１２５９億ドル.
const JA_AMOUNT = new RegExp(
  `(約|およそ|ほぼ|推定)?(?:(${NUM})兆(?:(${NUM})(千)?億)?|(${NUM})億)(?:(${NUM})万)?(米ドル|ドル|円)(超|強|弱|余り|余|近く|を超える|を上回る|以上|未満|程度|前後)?`,
  'gu',
);

const EN_BOUND_BEFORE: Array<[RegExp, Bound]> = [
  [/(?:more than|over|above|exceeding|in excess of|upwards? of|north of|at least|just over|well over|some\s+more\s+than)\s+$/i, 'over'],
  [/(?:nearly|almost|close to|just under|approaching|shy of)\s+$/i, 'nearly'],
  [/(?:less than|under|below|fewer than)\s+$/i, 'under'],
  [/(?:about|around|roughly|approximately|some|an estimated|estimated|circa|~)\s*$/i, 'about'],
];
const JA_BOUND: Record<string, Bound> = {
  超: 'over', 強: 'over', 余り: 'over', 余: 'over', を超える: 'over', を上回る: 'over', 以上: 'over',
  弱: 'nearly', 近く: 'nearly', 未満: 'under', 約: 'about', およそ: 'about', ほぼ: 'about', 程度: 'about', 前後: 'about', 推定: 'about',
};

/** Amounts larger than this are almost certainly a scale typo (no holding is a quadrillion dollars). */
const TYPO_THRESHOLD_USD = 1e14;

export function boundBefore(text: string, start: number): { bound: Bound; at: number } | undefined {
  const windowStart = Math.max(0, start - 24);
  const before = text.slice(windowStart, start);
  for (const [re, bound] of EN_BOUND_BEFORE) {
    const m = re.exec(before);
    if (m) return { bound, at: windowStart + m.index };
  }
  return undefined;
}

function scaleOf(word: string | undefined): number {
  if (!word) return 1;
  return SCALE[word.toLowerCase()] ?? 1;
}

function withTypoCheck(a: Amount): Amount {
  if (a.currency === 'USD' && a.value >= TYPO_THRESHOLD_USD) {
    // "$1,125.9 trillion" in wire copy meant billion: read it one scale down and say so.
    const written = a.value;
    return {
      ...a,
      value: a.value / 1000,
      halfUnit: a.halfUnit / 1000,
      typo: { written, note: 'scale_typo' },
    };
  }
  return a;
}

// A table states its unit once, in its header: "(in billions of dollars)", "($ billions)", "…, $bn:", 単位：億ドル,
// （億ドル）, （2025年2月末、億ドル）.
const TABLE_UNIT =
  /\(?in (billions|millions) of (?:U\.S\. |US )?dollars\)?|\(\s*(?:US)?\$\s?(billions|millions|bn|mn)\s*\)|[,(]\s*(?:US)?\$\s?(bn|mn)\b\s*\)?:?(?=[^\S\n]*(?:\n|$))|単位[：:]\s*(10億|億|百万)ドル|[（(](?:[^（）()\n]{1,24}[、，,]\s*)?(10億|億|百万)ドル[）)]/gi;
const TABLE_UNIT_SCALE: Record<string, number> = { billions: 1e9, bn: 1e9, millions: 1e6, mn: 1e6, '10億': 1e9, 億: 1e8, 百万: 1e6 };
// A line of column heads between the header and the rows: words and months, no number but a year
// ("Country   Jan 2026   Dec 2025", "Holder  Feb 2025  Mar 2025").
const COLUMN_HEADS = /^(?:[^\d\n]|(?:19|20)\d{2}(?!\d))*$/;
/** Lines of column heads read past at the most before the first row. */
const COLUMN_HEAD_LINES_MAX = 2;
// A row: a label, dot leaders or spaces, then one to three numbers ending the line.
// A row's label is words, or a month (2月, 2025年2月) in a table of months.
// (English months as labels: "Dec-24", "Feb 2025", "March '25".)
const MONTH_LABEL = String.raw`${MONTH_NAME}[^\S\n]?[-'’/]?[^\S\n]?(\d{4}|\d{2})(?!\d)`;
const ROW_MONTH = new RegExp(String.raw`^[^\S\n]*${MONTH_LABEL}`, 'i');
const TABLE_ROW = new RegExp(
  String.raw`^[^\S\n]*(?:${MONTH_LABEL.replace(/\((?!\?)/g, '(?:')}|[\p{L}][^\d\n]{0,40}?|(?:\d{4}年)?\d{1,2}月)(?:[^\S\n]|\.|…|:|：|、|，)+((?:[（(]?[+\-−±]?\d[\d,]*(?:\.\d+)?[）)]?(?:[^\S\n]|、|，)*){1,3})$`,
  'iu',
);
const TABLE_NUMBER = /([+\-−±]?)(\d[\d,]*(?:\.\d+)?)/g;
const CHANGE_HEADER = expression((v) => new RegExp(v.words('change_header'), 'i'));
/** Rows read under one header at the most; a table ends earlier at its first line that is not a row. */
export const TABLE_ROWS_MAX = 40;

/** The month a header line states, if it states exactly one. */
function headerMonth(text: string, from: number, to: number): Pick<StatedMonth, 'month' | 'year'> | undefined {
  const months = statedMonths(text, from, to);
  return months.length === 1 ? { month: months[0]!.month, ...(months[0]!.year ? { year: months[0]!.year } : {}) } : undefined;
}

/**
 * Bare numbers in the rows of a table whose header gave the unit ("Japan ...... 1,125.9"). Each cell takes
 * the month of its column when a line of column heads names one per number, else the header's month.
 */
function tableAmounts(ds: Dataset, text: string): Amount[] {
  const out: Amount[] = [];
  for (const h of text.matchAll(TABLE_UNIT)) {
    const unit = TABLE_UNIT_SCALE[(h[1] ?? h[2] ?? h[3] ?? h[4] ?? h[5] ?? '').toLowerCase()];
    if (!unit) continue;
    const headerStart = text.lastIndexOf('\n', h.index) + 1;
    const headerEnd = text.indexOf('\n', h.index);
    const change = CHANGE_HEADER(ds).test(text.slice(headerStart, h.index + h[0].length));
    const month = headerMonth(text, headerStart, headerEnd < 0 ? text.length : headerEnd);
    let columns: StatedMonth[] = [];
    let heads = 0;
    let at = headerEnd;
    for (let rows = 0, lines = 0; at >= 0 && lines < TABLE_ROWS_MAX; lines++) {
      const next = text.indexOf('\n', at + 1);
      const line = text.slice(at + 1, next < 0 ? text.length : next);
      if (!line.trim()) {
        if (rows) break;
        at = next;
        continue;
      }
      const row = TABLE_ROW.exec(line);
      if (!row) {
        if (rows || heads >= COLUMN_HEAD_LINES_MAX || !COLUMN_HEADS.test(line)) break;
        heads++;
        columns = statedMonths(text, at + 1, at + 1 + line.length);
        at = next;
        continue;
      }
      rows++;
      const numbersAt = at + 1 + line.length - row[1]!.length;
      // A table of months ("Dec-24 ..... 1,060", 2月 …… 11,259): each row's label is its month.
      const label = ROW_MONTH.exec(line);
      const rowMonth = label ? { month: MONTHS[label[1]!.toLowerCase()]!, year: Number(label[2]!.length === 2 ? `20${label[2]}` : label[2]) } : headerMonth(text, at + 1, numbersAt);
      const numbers = [...row[1]!.matchAll(TABLE_NUMBER)];
      numbers.forEach((n, i) => {
        const parsed = parseNumber(n[2]!);
        if (!parsed) return;
        const start = numbersAt + n.index;
        const column = columns.length === numbers.length ? columns[i] : undefined;
        const cellMonth = column ? { month: column.month, ...(column.year ? { year: column.year } : {}) } : (rowMonth ?? month);
        out.push({
          start, end: start + n[0].length, text: n[0], currency: 'USD',
          value: parsed.n * unit, halfUnit: (0.5 * unit) / 10 ** parsed.decimals,
          // A signed number is a change; so is a lone column under a header that says change.
          ...(n[1] || (change && numbers.length === 1) ? { change: true as const } : {}),
          ...(cellMonth ? { tableMonth: cellMonth } : {}),
        });
      });
      at = next;
    }
  }
  return out;
}

/** An amount written as a number and a scale word ("1.13 trillion", "1 trillion 125.9 billion"), with the bound before it. */
function scaledAmount(text: string, start: number, whole: string, currency: Currency, num: string, scaleWord: string, num2?: string, scaleWord2?: string): Amount | undefined {
  const parsed = parseNumber(num);
  if (!parsed) return undefined;
  const scale = scaleOf(scaleWord);
  const second = num2 ? parseNumber(num2) : undefined;
  const scale2 = scaleOf(scaleWord2);
  const b = boundBefore(text, start);
  return {
    start, end: start + whole.length, text: whole, currency,
    value: parsed.n * scale + (second ? second.n * scale2 : 0),
    halfUnit: second ? (0.5 * scale2) / 10 ** second.decimals : (0.5 * scale) / 10 ** parsed.decimals,
    ...(b ? { bound: b.bound, boundStart: b.at } : {}),
  };
}

export function findAmounts(ds: Dataset, text: string): Amount[] {
  const out: Amount[] = [];
  const taken = (start: number, end: number) => out.some((a) => start < a.end && end > a.start);

  for (const m of text.matchAll(EN_SYMBOL)) {
    const [whole, prefix = '', num = '', wordScale, letterScale, plus] = m;
    const parsed = parseNumber(num);
    if (!parsed) continue;
    const currency: Currency = /¥|￥|JPY/.test(prefix) ? 'JPY' : 'USD';
    const scale = scaleOf(wordScale ?? letterScale);
    // A bare "$5" or "¥100" is not a holding; only scaled amounts or amounts with thousands separators count.
    if (scale === 1 && !num.includes(',') && !num.includes('，')) continue;
    const start = m.index;
    const end = start + whole.length;
    let bound: Bound | undefined = plus ? 'over' : undefined;
    let boundStart: number | undefined;
    if (!bound) {
      const b = boundBefore(text, start);
      if (b) ({ bound, at: boundStart } = b);
    }
    out.push(
      withTypoCheck({
        start, end, text: whole, currency,
        value: parsed.n * scale,
        halfUnit: (0.5 * scale) / 10 ** parsed.decimals,
        ...(bound ? { bound } : {}),
        ...(boundStart !== undefined ? { boundStart } : {}),
      }),
    );
  }

  for (const m of text.matchAll(EN_UNIT_AFTER)) {
    // "1 trillion 125.9 billion dollars" (a literal rendering of 1兆1259億ドル) adds up both parts.
    const [whole, num = '', word, abbreviation, num2, scaleWord2, , unit = ''] = m;
    const currency = unit.toLowerCase() === 'yen' || unit.toLowerCase() === 'jpy' ? 'JPY' : 'USD';
    const a = scaledAmount(text, m.index, whole, currency, num, word ?? abbreviation ?? '', num2, scaleWord2);
    if (a && !taken(a.start, a.end)) out.push(withTypoCheck(a));
  }

  // "1.1tn in Treasuries", "1.12 trillion of US debt": a scaled number with no currency, followed by what it
  // is of, is dollars (threads and tickers drop the sign). A bare "1.1tn" with nothing after is not read.
  for (const m of text.matchAll(EN_BARE_SCALED)) {
    const a = scaledAmount(text, m.index, m[0], 'USD', m[1] ?? '', m[2] ?? '');
    if (a && !taken(a.start, a.end)) out.push(a);
  }

  for (const m of text.matchAll(JA_AMOUNT)) {
    const [whole, pre, cho, okuAfterCho, sen, okuOnly, man, unit = '', post] = m;
    const start = m.index;
    const end = start + whole.length;
    if (taken(start, end)) continue;
    let value = 0;
    let halfUnit = 0;
    const add = (raw: string | undefined, scale: number) => {
      if (!raw) return;
      const p = parseNumber(raw);
      if (!p) return;
      value += p.n * scale;
      halfUnit = (0.5 * scale) / 10 ** p.decimals;
    };
    add(cho, 1e12);
    // 1兆1千億ドル: a thousand 億 written with 千.
    add(okuAfterCho ?? okuOnly, sen ? 1e11 : 1e8);
    add(man, 1e4);
    if (!value) continue;
    const bound = (post && JA_BOUND[post]) || (pre && JA_BOUND[pre]) || undefined;
    out.push(
      withTypoCheck({
        start, end, text: whole,
        currency: unit === '円' ? 'JPY' : 'USD',
        value, halfUnit,
        ...(bound ? { bound } : {}),
      }),
    );
  }

  if (text.search(TABLE_UNIT) >= 0) for (const a of tableAmounts(ds, text)) if (!taken(a.start, a.end)) out.push(a);
  return out.sort((a, b) => a.start - b.start);
}
