import { describe, expect, test } from 'vitest';
import { analyze, type FigureMention } from '../../src/engine/analyze';
import { realDataset } from '../support/dataset';
import { effectiveStatus } from '../../src/engine/verdict';

const ds = realDataset();
const figures = (text: string, published = '2025-05-03') =>
  analyze(ds, text, { published }).filter((m): m is FigureMention => m.kind === 'figure');
const one = (text: string, needle: string, published?: string) => {
  const f = figures(text, published).find((m) => m.text.includes(needle));
  if (!f) throw new Error(`no figure "${needle}" in: ${text}`);
  return f;
};

describe('subject: decided by the clause, not the page', () => {
  test.each([
    ['Japan, the largest foreign holder of U.S. Treasuries, held $1.13 trillion as of end-February.', '$1.13 trillion', 'japan_treasury_holdings'],
    ['Japan holds $1.13 trillion in Treasuries, China $784.3 billion and Britain $750.3 billion.', '$784.3 billion', 'china_treasury_holdings'],
    // A change that names the holding itself, in a story about the holdings; 「…と大幅に買い増し」.
    ['日本は3月に米国債の保有を49億ドル増やした。2月には466億ドルと大幅に買い増しており、3カ月連続で保有残高を増やした。', '466億ドル', 'japan_treasury_holdings'],
    ["Japan's Treasury holdings rose again in October. Holdings rose by $10.7 billion to $1,200.0 billion.", '$10.7 billion', 'japan_treasury_holdings'],
    // The dollars of a yen figure are the size of what the yen figure is: here a pension fund's bonds.
    ["Foreign bonds, mostly U.S. Treasuries, gained. Japan's pension fund's foreign bond allocation is worth roughly ¥62 trillion, or about $430 billion.", '$430 billion', 'other'],
    ['日本の米国債保有額は163兆円（1兆1259億ドル）に上る。', '1兆1259億ドル', 'japan_treasury_holdings'],
    // A holder named only as the one passed is not what "its" refers to next.
    ['Japan has been the largest foreign holder of Treasuries since mid-2019, when it passed China. Its total is close to $1.2 trillion.', '$1.2 trillion', 'japan_treasury_holdings'],
    ['Japan holds $1.13 trillion in Treasuries, China $784.3 billion and Britain $750.3 billion.', '$750.3 billion', 'other'],
    ['Japan holds roughly $1.27 trillion in foreign reserves, mostly U.S. Treasuries, analysts say.', '$1.27 trillion', 'japan_fx_reserves'],
    ['Japan, which holds $1.27 trillion of US Treasuries, has not said it would sell.', '$1.27 trillion', 'japan_treasury_holdings'],
    ['Foreign holdings of Treasuries rose to $8.82 trillion in February, data showed.', '$8.82 trillion', 'other'],
    // A month's change is about the holdings too (LABELS.md); it is judged against the series' own change.
    ["Japan's holdings of U.S. Treasuries rose $4.9 billion to $1,130.8 billion in March.", '$4.9 billion', 'japan_treasury_holdings'],
    ["China's Treasury holdings fell $19 billion in March.", '$19 billion', 'china_treasury_holdings'],
    ['Total foreign holdings of Treasuries rose $23.5 billion in February.', '$23.5 billion', 'other'],
    ["Japan's holdings of U.S. Treasuries rose $4.9 billion to $1,130.8 billion in March.", '$1,130.8 billion', 'japan_treasury_holdings'],
    ['Congress passed a $1.1 trillion spending bill while Japan watched its Treasuries.', '$1.1 trillion', 'other'],
    ['Japan pledged $550 billion of investment in the U.S. under the trade deal on Treasuries day.', '$550 billion', 'other'],
    ['日本の米国債保有額は2月末時点で1兆1259億ドル（約163兆円）だった。', '1兆1259億ドル', 'japan_treasury_holdings'],
    // A Japanese amount that modifies the holder after it is that holder's, compared or not.
    ['日本の米国債保有高は、8000億ドル規模の中国を大きく上回る1兆1000億ドル余りに達している。', '8000億ドル', 'china_treasury_holdings'],
    ['日本の米国債保有高は、8000億ドル規模の中国を大きく上回る1兆1000億ドル余りに達している。', '1兆1000億ドル', 'japan_treasury_holdings'],
    ['日本の米国債の保有額は1兆1259億ドルで、7843億ドルの中国を上回った。', '7843億ドル', 'china_treasury_holdings'],
    // Japan's finance minister by name makes "the country" Japan.
    ["Finance Minister Katsunobu Kato said the country's holdings of US Treasury securities, valued at over $1 trillion, could be a card.", '$1 trillion', 'japan_treasury_holdings'],
    ["Japan's Treasury pile stood at 1.13tn dollars in February.", '1.13tn dollars', 'japan_treasury_holdings'],
    ['日本の米国債保有額は2月末時点で1兆1259億ドル（約163兆円）だった。', '約163兆円', 'japan_treasury_holdings'],
    ['中国の米国債保有額は7843億ドルだった。', '7843億ドル', 'china_treasury_holdings'],
    ['日本の外貨準備高は1兆2725億ドルで、その多くが米国債とみられる。', '1兆2725億ドル', 'japan_fx_reserves'],
    ['Japan was the largest foreign holder of Treasuries, ahead of China with $784.3 billion.', '$784.3 billion', 'china_treasury_holdings'],
    ['Japan holds more U.S. Treasuries than China, with $1.13 trillion.', '$1.13 trillion', 'japan_treasury_holdings'],
    ['外貨準備は約1兆2700億ドルだが、うち証券は約9400億ドルだ。', '約9400億ドル', 'other'],
    ['Japan remained the top holder of U.S. government debt, ahead of China, which held about $784 billion at the end of February.', '$784 billion', 'china_treasury_holdings'],
  ])('%s → "%s" is %s', (text, needle, subject) => {
    expect(one(text, needle).subject).toBe(subject);
  });
});

describe('a month\'s change, judged against the series\' own change', () => {
  const ds = realDataset();
  const change = (text: string, needle: string, published = '2025-05-20') =>
    analyze(ds, text, { published }).find((m): m is FigureMention => m.kind === 'figure' && m.text === needle)!;
  // The dataset says what the change was; the test reads it from there.
  const level = (month: string) => ds.holdingByMonth.get('japan')!.get(month)!.value;

  test('the change the series shows is consistent, and the card gets the official change', () => {
    const diff = Math.round((level('2025-03') - level('2025-02')) * 10) / 10;
    const m = change(`Japan's holdings of U.S. Treasuries rose $${diff} billion to $1,130.8 billion in March.`, `$${diff} billion`);
    expect(m.change).toBe(true);
    expect(m.verdict?.measure).toBe('change');
    expect(m.verdict?.status).toBe('consistent');
    expect(m.verdict?.official.valueUsd).toBeCloseTo((level('2025-03') - level('2025-02')) * 1e9, -6);
  });

  test('a change the series does not show is not called consistent', () => {
    const m = change("Japan's holdings of U.S. Treasuries rose $41 billion to $1,130.8 billion in March.", '$41 billion');
    expect(m.verdict?.status).not.toBe('consistent');
  });

  test('table rows under a unit header are amounts; a signed column is a change', () => {
    const text = 'Japan held $1,125.9 billion of Treasuries at the end of February.\n\nMajor foreign holders (in billions of dollars)\nJapan ........ 1,125.9\nChina ........ 784.3\n\nChange from January (in billions of dollars)\nJapan ........ +46.6';
    const figures = analyze(ds, text, { published: '2025-04-20' }).filter((m): m is FigureMention => m.kind === 'figure');
    expect(figures.map((f) => [f.text, f.subject, f.change ?? false])).toEqual([
      ['$1,125.9 billion', 'japan_treasury_holdings', false],
      ['1,125.9', 'japan_treasury_holdings', false],
      ['784.3', 'china_treasury_holdings', false],
      ['+46.6', 'japan_treasury_holdings', true],
    ]);
  });
});

describe('tables: units and months from the header and the column heads', () => {
  const cells = (text: string, published: string) =>
    analyze(ds, text, { published }).filter((m): m is FigureMention => m.kind === 'figure').map((f) => [f.text, f.subject, f.asOf ?? null]);

  test('a line of column heads is read past, and each column gives its cells their month', () => {
    const text = 'Japan led the foreign holders of U.S. Treasuries again.\n\nMajor foreign holders (in billions of dollars)\nHolder      Feb 2025   Mar 2025\nJapan        1,125.9    1,130.8\nChina          784.3      765.4';
    expect(cells(text, '2025-05-20')).toEqual([
      ['1,125.9', 'japan_treasury_holdings', '2025-02'],
      ['1,130.8', 'japan_treasury_holdings', '2025-03'],
      ['784.3', 'china_treasury_holdings', '2025-02'],
      ['765.4', 'china_treasury_holdings', '2025-03'],
    ]);
  });

  test('"…, end-February, $bn:" and （2025年2月末、億ドル） state the unit and the month', () => {
    expect(cells('Foreign holdings of US Treasuries, end-February, $bn:\nJapan 1,125.9\nChina 784.3', '2025-05-04')[0]).toEqual(['1,125.9', 'japan_treasury_holdings', '2025-02']);
    expect(cells('米国債の主な保有国（2025年2月末、億ドル）\n日本　11259\n中国　7843', '2025-05-09')[0]).toEqual(['11259', 'japan_treasury_holdings', '2025-02']);
  });

  test('a table of months: each row\'s label is its month ("Dec-24 ..... 1,060")', () => {
    const text = "Japan's Treasury holdings (in billions of dollars), TIC data:\nDec-24 ..... 1,060\nJan-25 ..... 1,079.3\nFeb-25 ..... 1,125.9";
    const found = analyze(ds, text, { published: '2025-05-05' }).filter((m): m is FigureMention => m.kind === 'figure');
    expect(found.map((f) => [f.text, f.subject, f.verdict?.status])).toEqual([
      ['1,060', 'japan_treasury_holdings', 'consistent'],
      ['1,079.3', 'japan_treasury_holdings', 'consistent'],
      ['1,125.9', 'japan_treasury_holdings', 'consistent'],
    ]);
  });

  test('a bracketed change after the level is a change of that row: 日本　11,308（+49）', () => {
    const text = '米国債の国・地域別保有額（2025年3月末、単位：億ドル）\n日本　11,308（+49）\n中国　 7,654（-189）';
    const found = analyze(ds, text, { published: '2025-05-20' }).filter((m): m is FigureMention => m.kind === 'figure');
    expect(found.map((f) => [f.text, f.subject, f.change ?? false])).toEqual([
      ['11,308', 'japan_treasury_holdings', false],
      ['+49', 'japan_treasury_holdings', true],
      ['7,654', 'china_treasury_holdings', false],
      ['-189', 'china_treasury_holdings', true],
    ]);
  });
});

describe('the kind of an amount', () => {
  test('a kind word inside an aside describes the noun it comments on, not the amount', () => {
    for (const text of [
      'Japan reported its foreign reserves. Foreign securities — a category that includes U.S. Treasuries and other debt — rose to $943.25 billion.',
      'Japan reported its foreign reserves. Foreign securities (mostly U.S. Treasuries) rose to $943.25 billion.',
    ]) expect(one(text, '$943.25 billion', '2025-04-08').subject, text).toBe('japan_fx_reserves');
  });

  test('a figure read from the U.S. Treasury\'s statistics is of the holdings, whatever the text was about before', () => {
    for (const [text, amount] of [
      ['日本の外貨準備高は1兆2725億ドルだった。一方、米財務省の統計では、日本の保有額は2月末で1兆1259億ドルとなっている。', '1兆1259億ドル'],
      ["Japan's foreign reserves were $1,272.5 billion in March. TIC data put Japan's holdings at $1,125.9bn at the end of February.", '$1,125.9bn'],
    ] as const) expect(one(text, amount, '2025-05-05').subject, text).toBe('japan_treasury_holdings');
  });

  test('a kind named as part of something else ("securities, including U.S. government bonds") is not what the text is about', () => {
    const text = "Japan's foreign reserves rose to $1,298.2 billion. The rise reflected gains in foreign securities, including U.S. government bonds.\n\nSecurities, the largest component, rose to $961.0 billion.";
    expect(one(text, '$961.0 billion', '2025-05-09').subject).toBe('japan_fx_reserves');
  });

  test('"Treasurys", the U.S. house spelling, is the holdings', () => {
    expect(one('Japan remained the largest foreign owner of US Treasurys, with $1.131TN in July.', '$1.131TN', '2019-09-18').subject).toBe('japan_treasury_holdings');
  });

  test('a yen figure converts the latest dollar figure it can at a plausible rate: "That is roughly ¥162tn"', () => {
    const text = 'Japan held $1,125.9bn of U.S. Treasuries at the end of February, about 12.8% of the $8.817tn held by all foreigners. That is roughly ¥162tn.';
    const f = one(text, '¥162tn', '2025-05-05');
    expect([f.subject, f.verdict?.conversionOf?.start]).toEqual(['japan_treasury_holdings', text.indexOf('$1,125.9bn')]);
  });

  test.each([
    ['Japan\'s $1.1T "Card" And Why I\'m Not Selling My Bond Fund', '$1.1T'],
    ["Japan's $1.27 trillion Treasury card: a few thoughts for treasury teams", '$1.27 trillion'],
  ])('an amount named as the card is the holdings: %s', (headline, amount) => {
    const text = `${headline}\n\nThe finance minister spoke about U.S. Treasuries on TV Tokyo.`;
    expect(one(text, amount, '2025-05-05').subject).toBe('japan_treasury_holdings');
  });

  test('"1.1tn in Treasuries": a scaled number followed by what it is of is dollars', () => {
    // (A thread that gives dollar figures elsewhere, as threads do.)
    const thread = "Tariffs could cost Toyota $9 billion.\n\nDoesn't matter, Japan's 1.1tn in Treasuries is the biggest stick anyone has.";
    const found = analyze(ds, thread, { published: '2025-05-02' }).filter((m): m is FigureMention => m.kind === 'figure' && m.text === '1.1tn');
    expect(found.map((f) => [f.subject, f.valueUsd])).toEqual([['japan_treasury_holdings', 1.1e12]]);
    expect(analyze(ds, 'Tariffs could cost Toyota $9 billion. Japan holds 1.1tn. Treasuries are Treasuries.', { published: '2025-05-02' }).filter((m) => m.text === '1.1tn')).toEqual([]);
  });

  test('a fund\'s gains are no holding: "cumulative gains of more than ¥150 trillion"', () => {
    const text = "Japan held $1.13 trillion of U.S. Treasuries. Since it began investing in markets in 2001, the fund has generated cumulative gains of more than ¥150 trillion.";
    expect(one(text, '¥150 trillion', '2025-07-04').subject).toBe('other');
  });

  test('"Japan\'s reserves stood at …; it does not say how much is in Treasuries" is the reserves', () => {
    const text = "Japan's reserves stood at $1,272.5 billion at the end of March, the ministry said; it does not disclose how much of that is in Treasuries.";
    expect(one(text, '$1,272.5 billion', '2025-04-14').subject).toBe('japan_fx_reserves');
  });
});

describe('a change names what changed', () => {
  test('"Japan adds $39.8 billion of Treasuries" is a change of the holdings', () => {
    const f = one('Japan adds $39.8 billion of Treasuries in January as foreign holdings edge up', '$39.8 billion', '2026-03-19');
    expect([f.subject, f.change]).toEqual(['japan_treasury_holdings', true]);
  });

  test('"tariffs could add $900 million in costs" in a Treasuries story is no change of the holdings', () => {
    const f = one("Japan's holdings of U.S. Treasuries stood at $1.13 trillion.\n\nApple warns tariffs could add $900 million in costs this quarter", '$900 million');
    expect(f.subject).toBe('other');
  });

  test('a yearly flow is not a holding: "$1 trillion a year in interest"', () => {
    expect(one("If Japan sold its Treasuries, yields would jump. Washington already pays over $1 trillion a year in interest.", '$1 trillion').subject).toBe('other');
  });

  test('scale words as copy writes them: "$1.13 trln", "US$1,125.9bil", "$1.13-trillion"', () => {
    for (const [text, needle] of [
      ["Japan's Treasury holdings stood at $1.13 trln.", '$1.13 trln'],
      ["Japan's Treasury holdings stood at US$1,125.9bil.", 'US$1,125.9bil'],
      ["Japan's $1.13-trillion Treasury pile.", '$1.13-trillion'],
    ] as const) expect(one(text, needle).valueUsd, text).toBeGreaterThan(1.1e12);
  });
});

describe('verdict: from the dataset', () => {
  test('$1.13 trillion as of end-February 2025 is consistent with the official series', () => {
    const f = one('Japan held $1.13 trillion of U.S. Treasuries as of end-February.', '$1.13 trillion');
    expect(f.asOf).toBe('2025-02');
    expect(f.verdict).toMatchObject({ status: 'consistent', refMonth: '2025-02', refBasis: 'stated' });
    const official = ds.holdingByMonth.get('japan')!.get('2025-02')!;
    expect(f.verdict!.official.valueUsd).toBeCloseTo(official.value * 1e9, -3);
    expect(f.verdict!.sources.length).toBeGreaterThan(0);
  });

  test('「前月の」 and "a month earlier" date a figure the month before the sentence\'s month', () => {
    const ja = '米財務省が18日発表した6月の対米証券投資統計によると、日本の米国債保有額は1兆1479億ドルと、前月の1兆1350億ドルから拡大した。';
    expect(one(ja, '1兆1350億ドル', '2025-08-19').verdict).toMatchObject({ status: 'consistent', refMonth: '2025-05' });
    const en = "Japan's Treasury holdings rose to $1,147.9 billion at the end of June, from $1,135.0 billion a month earlier.";
    expect(one(en, '$1,135.0 billion', '2025-08-19').asOf).toBe('2025-05');
  });

  test('"the lowest since October last year" after a figure is a point of comparison, not its month', () => {
    const text = 'Japan reduced its holding of US Treasury bonds by $10.3 billion in June, and the position was $1,117.7 billion, the lowest since October last year.';
    expect(one(text, '$1,117.7 billion', '2024-08-16').verdict).toMatchObject({ status: 'consistent', refMonth: '2024-06' });
    // Before a figure it can still be that figure's month.
    expect(one("Japan's pile is the largest since October 2016, when it stood at $1.132 trillion of Treasuries.", '$1.132 trillion', '2019-08-16').asOf).toBe('2016-10');
  });

  test('「1月の」 after a figure describes the next figure, not the one before it', () => {
    const text = '米国債の保有額（2月末）で、日本の保有額は1兆1259億ドルで、1月の1兆793億ドルから466億ドル増えた。';
    expect(one(text, '1兆1259億ドル', '2025-04-22').verdict).toMatchObject({ status: 'consistent', refMonth: '2025-02' });
    expect(one(text, '1兆793億ドル', '2025-04-22').asOf).toBe('2025-01');
  });

  test('$1.27 trillion of Treasuries is the known reserves confusion', () => {
    const f = one('Japan holds $1.27 trillion of U.S. Treasuries.', '$1.27 trillion');
    expect(f.verdict).toMatchObject({ status: 'confusion', claim: 'reserves-as-treasuries' });
    expect(f.verdict!.evidence.some((e) => e.type === 'reserves')).toBe(true);
  });

  test('a bound is satisfied, not matched: "over $1 trillion" and "$1 trillion-plus"', () => {
    expect(one('Japan holds over $1 trillion in Treasuries.', '$1 trillion').verdict!.status).toBe('consistent');
    expect(one('Japan has a $1 trillion-plus pile of U.S. Treasuries.', '$1 trillion-plus').verdict!.status).toBe('consistent');
  });

  test('the 2021 peak quoted as current is outdated', () => {
    const f = one('Japan currently holds $1.33 trillion of U.S. Treasuries.', '$1.33 trillion');
    expect(f.verdict).toMatchObject({ status: 'outdated' });
    expect(f.verdict!.matched!.month < '2025-01').toBe(true);
  });

  test('a figure that matches nothing is off', () => {
    expect(one('Japan holds $2.4 trillion of U.S. Treasuries.', '$2.4 trillion').verdict!.status).toBe('off');
  });

  test('the publication date picks the latest released month', () => {
    const f = one('Japan holds $1.13 trillion of U.S. Treasuries.', '$1.13 trillion', '2025-05-03');
    expect(f.verdict).toMatchObject({ refBasis: 'published', refMonth: '2025-02' });
    const late = one('Japan holds $1.2 trillion of U.S. Treasuries.', '$1.2 trillion', '2026-01-20');
    expect(late.verdict).toMatchObject({ refBasis: 'published', refMonth: '2025-11', status: 'consistent' });
  });

  test('inside the release window the month just published counts, and only the figure that matches it', () => {
    // March's figures came out on 16 May 2025, before the usual lag had run out.
    const fresh = one('Japan holds $1,130.8 billion of U.S. Treasuries.', '$1,130.8 billion', '2025-05-17');
    expect(fresh.verdict).toMatchObject({ refMonth: '2025-03', status: 'consistent' });
    expect(fresh.verdict!.notes).toContain('release_window');
    const previous = one('Japan holds $1.13 trillion of U.S. Treasuries.', '$1.13 trillion', '2025-05-17');
    expect(previous.verdict).toMatchObject({ refMonth: '2025-02', status: 'consistent' });
    expect(previous.verdict!.notes).not.toContain('release_window');
    // Before the window opens, the newer month cannot be what the page means.
    const early = one('Japan holds $1,130.8 billion of U.S. Treasuries.', '$1,130.8 billion', '2025-05-10');
    expect(early.verdict).toMatchObject({ refMonth: '2025-02', status: 'off' });
  });

  test('the wire typo "$1,125.9 trillion" resolves to billion with a note', () => {
    const f = one("Japan's holdings of Treasuries stood at $1,125.9 trillion at end-February.", '$1,125.9 trillion');
    expect(f.valueUsd).toBeCloseTo(1.1259e12, -3);
    expect(f.verdict!.status).toBe('consistent');
    expect(f.verdict!.notes).toContain('scale_typo');
  });

  test('a yen conversion follows its dollar figure', () => {
    const f = one('日本の米国債保有額は2月末時点で1兆1259億ドル（約163兆円）だった。', '約163兆円');
    expect(f.valueJpy).toBeCloseTo(163e12, -6);
    expect(f.verdict).toMatchObject({ status: 'conversion', refMonth: '2025-02' });
  });

  test('a yen conversion in the next sentence still follows its dollar figure', () => {
    const text = '日本が保有する米国債は1兆ドルを超える。円換算では約163兆円にのぼる。';
    const f = one(text, '約163兆円');
    expect(f.subject).toBe('japan_treasury_holdings');
    expect(effectiveStatus(f.verdict!)).toBe('consistent');
  });

  test('the yen conversion of the reserves confusion is a confusion too', () => {
    const f = one('日本は約1兆2700億ドル（約180兆円）の米国債を保有しているとの投稿が広がった。', '約180兆円');
    expect(f.verdict!.status).toBe('conversion');
    expect(effectiveStatus(f.verdict!)).toBe('confusion');
  });

  test('the official range covers the months around the reference month', () => {
    const f = one('Japan held $1.13 trillion of U.S. Treasuries as of end-February.', '$1.13 trillion');
    expect(f.verdict!.range.min.valueUsd).toBeLessThanOrEqual(f.verdict!.official.valueUsd);
    expect(f.verdict!.range.max.valueUsd).toBeGreaterThanOrEqual(f.verdict!.official.valueUsd);
  });
});

describe('history and plausibility', () => {
  test('a four-decimal figure is read whole', () => {
    expect(one("Japan's holdings of U.S. Treasuries stood at $1.1308 trillion at the end of March.", '$1.1308 trillion').verdict!.status).toBe('consistent');
  });
  test('"$36 trillion" in a Treasuries story is the U.S. debt, not a holding', () => {
    expect(one("Japan's Treasury holdings are small beside the $36 trillion of U.S. debt.", '$36 trillion').subject).toBe('other');
  });
  test("a yen amount no exchange rate can turn into Japan's holdings is not them", () => {
    expect(one('A Japanese insurer holds ¥2.1 trillion of U.S. Treasuries.', '¥2.1 trillion')).toMatchObject({ subject: 'other', flagged: false });
  });
  test('a peak is judged against the series peak, a bare year against that year', () => {
    const peak = one('Japan’s holdings of U.S. Treasuries peaked at just over $1.3 trillion in 2021.', '$1.3 trillion');
    expect(peak.verdict).toMatchObject({ status: 'consistent' });
    expect(peak.verdict!.refMonth.startsWith('2021')).toBe(true);
  });
  test('a later story quoting the 2025 "$1.27 trillion" claim is still the reserves confusion', () => {
    const f = one('The viral post said Japan sits on $1.27 trillion of U.S. Treasuries.', '$1.27 trillion', '2026-02-10');
    expect(f.verdict).toMatchObject({ status: 'confusion', claim: 'reserves-as-treasuries' });
  });
  test('a bounded figure is never called a confusion', () => {
    expect(one('日本の米国債保有額は1兆3000億ドル超だった。', '1兆3000億ドル超', '2025-05-03').verdict!.status).not.toBe('confusion');
  });
});

describe('flags: only this episode is highlighted', () => {
  test('a plain reserves report is not flagged', () => {
    const [f] = figures("Japan's foreign reserves rose to $1.30 trillion at the end of April, the finance ministry said.");
    expect(f).toMatchObject({ subject: 'japan_fx_reserves', flagged: false });
  });
  test("China's holdings are not flagged", () => {
    const [f] = figures('China cut its holdings of U.S. Treasuries to $765.4 billion in March.');
    expect(f).toMatchObject({ subject: 'china_treasury_holdings', flagged: false });
  });
});

describe('one figure, one claim, one verdict on a page', () => {
  test('"estimated at over $1.27 trillion" and "Japan’s $1.27 trillion in Treasuries" are the same confusion', () => {
    const ds = realDataset();
    const text =
      'Finance Minister Katsunobu Kato said on TV Tokyo on Friday that Japan’s Treasury holdings could be a card.\n' +
      'The country’s holdings of U.S. Treasuries, estimated at over $1.27 trillion, are the largest in the world.\n' +
      'Analysts note that Japan’s $1.27 trillion in Treasuries dwarfs China’s pile.';
    const figures = analyze(ds, text, { published: '2025-05-03' }).filter((m): m is FigureMention => m.kind === 'figure');
    expect(figures.map((f) => f.verdict && effectiveStatus(f.verdict))).toEqual(['confusion', 'confusion']);
    expect(figures.map((f) => f.claims)).toEqual([['reserves-as-treasuries'], ['reserves-as-treasuries']]);
  });
});
