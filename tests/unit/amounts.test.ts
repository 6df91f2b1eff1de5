import { describe, expect, test } from 'vitest';
import { findAmounts as findAmountsIn } from '../../src/engine/amounts';
import { realDataset } from '../support/dataset';

const ds = realDataset();
const findAmounts = (text: string) => findAmountsIn(ds, text);

/** The forms news copy uses: input, amount text, currency, value, bound. */
const FORMS: Array<[string, string, string, number, string | undefined]> = [
    ['Japan holds $1.13 trillion in Treasuries.', '$1.13 trillion', 'USD', 1.13e12, undefined],
    ['It held US$1.13 trillion.', 'US$1.13 trillion', 'USD', 1.13e12, undefined],
    ['It held USD1.13 trillion.', 'USD1.13 trillion', 'USD', 1.13e12, undefined],
    ['It held USD 1.13 trillion.', 'USD 1.13 trillion', 'USD', 1.13e12, undefined],
    ['Holdings of $1.13tn at end-February.', '$1.13tn', 'USD', 1.13e12, undefined],
    ['Japan ($1.13T) leads.', '$1.13T', 'USD', 1.13e12, undefined],
    ['some 1.13 trillion dollars of debt', '1.13 trillion dollars', 'USD', 1.13e12, 'about'],
    ['stood at $1,130 billion', '$1,130 billion', 'USD', 1.13e12, undefined],
    ['rose to $1,125.9 billion in February', '$1,125.9 billion', 'USD', 1.1259e12, undefined],
    ['rose to 1,125.9 billion dollars', '1,125.9 billion dollars', 'USD', 1.1259e12, undefined],
    ['with about 1.17 trillion USD of US government bonds', '1.17 trillion USD', 'USD', 1.17e12, 'about'],
    ['worth 168 trillion JPY', '168 trillion JPY', 'JPY', 1.68e14, undefined],
    ['a $1 trillion-plus pile', '$1 trillion-plus', 'USD', 1e12, 'over'],
    ['over $1 trillion of bonds', '$1 trillion', 'USD', 1e12, 'over'],
    ['more than $1 trillion of bonds', '$1 trillion', 'USD', 1e12, 'over'],
    ['exceeding $1 trillion', '$1 trillion', 'USD', 1e12, 'over'],
    ['nearly $1.2 trillion', '$1.2 trillion', 'USD', 1.2e12, 'nearly'],
    ['about $1.1 trillion', '$1.1 trillion', 'USD', 1.1e12, 'about'],
    ['roughly $1.1 trillion', '$1.1 trillion', 'USD', 1.1e12, 'about'],
    ['worth ¥163 trillion', '¥163 trillion', 'JPY', 163e12, undefined],
    ['worth 163 trillion yen', '163 trillion yen', 'JPY', 163e12, undefined],
    ['保有額は1兆1300億ドルだった', '1兆1300億ドル', 'USD', 1.13e12, undefined],
    ['保有額は1兆1259億ドル', '1兆1259億ドル', 'USD', 1.1259e12, undefined],
    ['約1.1兆ドルの米国債', '約1.1兆ドル', 'USD', 1.1e12, 'about'],
    ['1兆ドル超の米国債', '1兆ドル超', 'USD', 1e12, 'over'],
    ['1兆ドルを超える米国債', '1兆ドルを超える', 'USD', 1e12, 'over'],
    ['約163兆円に上る', '約163兆円', 'JPY', 163e12, 'about'],
    ['１兆１２５９億ドル（全角）', '１兆１２５９億ドル', 'USD', 1.1259e12, undefined],
    ['中国は7843億ドル', '7843億ドル', 'USD', 7.843e11, undefined],
];

describe('findAmounts: the forms news copy uses', () => {
  test.each(FORMS)('%s → %s', (input, text, currency, value, bound) => {
    const [a, ...rest] = findAmounts(input);
    expect(rest).toHaveLength(0);
    expect(a).toMatchObject({ text, currency });
    expect(a!.value).toBeCloseTo(value, -3);
    expect(a!.bound).toBe(bound);
    expect(input.slice(a!.start, a!.end)).toBe(text);
  });

  // The engine reads amounts only in text with a money sign or currency word of the vocabulary: each form
  // the grammar reads must hold one, or the pre-check would hide it.
  test.each(FORMS.map(([input]) => input))('%s holds a currency word of the vocabulary', (input) => {
    expect(ds.quick.get('currency')!.test(input)).toBe(true);
  });

  test('reads the wire typo "$1,125.9 trillion" as billion and says so', () => {
    const [a] = findAmounts('Japan held $1,125.9 trillion in February.');
    expect(a!.value).toBeCloseTo(1.1259e12, -3);
    expect(a!.typo).toMatchObject({ note: 'scale_typo' });
  });

  test('keeps several amounts apart, in order', () => {
    const text = 'Japan held $1.13 trillion, China $784.3 billion and Britain $750.3 billion.';
    expect(findAmounts(text).map((a) => a.text)).toEqual(['$1.13 trillion', '$784.3 billion', '$750.3 billion']);
  });

  test.each(['$5 coffee', 'in 2025', '¥100 shop', 'card No. 1234', '1,000 people'])('ignores %s', (input) => {
    expect(findAmounts(input)).toEqual([]);
  });

  test('precision follows the digits written', () => {
    expect(findAmounts('$1.13 trillion')[0]!.halfUnit).toBeCloseTo(5e9, -3);
    expect(findAmounts('$1 trillion')[0]!.halfUnit).toBeCloseTo(5e11, -3);
    expect(findAmounts('1兆1259億ドル')[0]!.halfUnit).toBeCloseTo(5e7, -3);
  });
});
