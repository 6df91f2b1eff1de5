import { describe, expect, test } from 'vitest';
import { formatDate, formatMonth, formatUsd } from '../../src/page/format';

describe('formatUsd: the precision official tables print', () => {
  test.each([
    [1125.9e9, '$1,125.9 billion', '1兆1259億ドル'],
    [1130.8e9, '$1,130.8 billion', '1兆1308億ドル'],
    [1061.5e9, '$1,061.5 billion', '1兆615億ドル'],
    [1099e9, '$1,099.0 billion', '1兆990億ドル'],
    [1272511e6, '$1,272.5 billion', '1兆2725億ドル'],
    [937.5e9, '$937.5 billion', '9375億ドル'],
    [8817e9, '$8,817.0 billion', '8兆8170億ドル'],
    [2e12, '$2,000.0 billion', '2兆ドル'],
    [4.9e9, '$4.9 billion', '49億ドル'],
    [550e6, '$550 million', '5億5000万ドル'],
  ])('%d → %s / %s', (value, en, ja) => {
    expect(formatUsd('en', value)).toBe(en);
    expect(formatUsd('ja', value)).toBe(ja);
  });
});


describe('months and dates', () => {
  test.each([
    ['2025-02', 'end-February 2025', 'Feb 2025', '2025年2月末', '2025年2月'],
    ['2024-12', 'end-December 2024', 'Dec 2024', '2024年12月末', '2024年12月'],
    ['2026-04', 'end-April 2026', 'Apr 2026', '2026年4月末', '2026年4月'],
  ])('month %s', (month, en, enShort, ja, jaShort) => {
    expect(formatMonth('en', month)).toBe(en);
    expect(formatMonth('en', month, { short: true })).toBe(enShort);
    expect(formatMonth('ja', month)).toBe(ja);
    expect(formatMonth('ja', month, { short: true })).toBe(jaShort);
  });

  test.each([
    ['2025-05-04', '4 May 2025', '2025年5月4日'],
    ['2025-04-09', '9 April 2025', '2025年4月9日'],
    ['2026-11-22', '22 November 2026', '2026年11月22日'],
  ])('date %s', (date, en, ja) => {
    expect(formatDate('en', date)).toBe(en);
    expect(formatDate('ja', date)).toBe(ja);
  });

  test('a date known only to the month', () => {
    expect(formatDate('en', '2025-07-01', { precision: 'month' })).toBe('July 2025');
    expect(formatDate('ja', '2025-07-01', { precision: 'month' })).toBe('2025年7月');
  });

  test('malformed input is returned as it came', () => {
    expect(formatMonth('en', 'soon')).toBe('soon');
    expect(formatDate('ja', '2025-13-01')).toBe('2025-13-01');
  });
});
