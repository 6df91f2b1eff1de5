/**
 * The error classes seen in published articles (the accuracy issue's list), one table row per pattern,
 * in our own words. The sets in tests/fixtures/real hold the same patterns inside whole articles.
 */
import { describe, expect, test } from 'vitest';
import { analyze, type FigureMention, type Mention, type RemarkMention } from '../../src/engine/analyze';
import { realDataset } from '../support/dataset';

const ds = realDataset();
// A line before the sentence names the minister and the holdings, as every article about the episode does.
const CONTEXT = 'Finance Minister Katsunobu Kato and Japan’s U.S. Treasury holdings.\n';
const read = (text: string, published: string): Mention[] => analyze(ds, CONTEXT + text, { published }).filter((m) => m.start >= CONTEXT.length);
const said = (ms: Mention[]) => ms.filter((m): m is RemarkMention => m.kind === 'remark').map((m) => (m.unsure ? `unsure ${m.remark}/${m.alternative}` : m.remark));

describe('which statement a sentence reports, decided by its event', () => {
  test.each([
    // the interview's own lines are the remark, whatever words they share with the walk-back
    ['On Friday Kato clarified that seeing the Treasury holdings as a tool does not mean Japan will use them.', '2025-05-02', ['card_remark']],
    ['加藤財務相は2日のテレビ番組で、保有する米国債について「カードとしてはある」と述べた。', '2025-05-02', ['card_remark']],
    // the April Diet answer is the dismissal, not the clarification
    ['Kato said on Wednesday that Japan would not use its Treasury holdings as a countermeasure against U.S. tariffs.', '2025-04-10', ['earlier_dismissal']],
    ['Finance Minister Katsunobu Kato ruled out on Wednesday selling U.S. Treasuries to counter tariffs, telling lawmakers the holdings are kept for intervention.', '2025-04-10', ['earlier_dismissal']],
    ['Last month, in the Diet, Kato had ruled out using the holdings as a countermeasure.', '2025-05-03', ['earlier_dismissal']],
    // reported speech inside another clause reports both statements
    ['Kato, walking back earlier comments that hinted the bonds could be leverage, said Japan was not considering selling them.', '2025-05-05', ['clarification', 'card_remark', 'clarification']],
    // the author's own commentary is not a remark
    ['This marks a shift from his remarks last month, when he ruled out using Treasuries in the talks.', '2025-05-03', []],
    ['Although he made no threat, his words about Japan’s Treasury pile rattled bond traders.', '2025-05-03', []],
    // a pluperfect recap in a Milan story is the earlier statement
    ['In a television interview on Friday, Kato had said the holdings could be a card in the talks.', '2025-05-04', ['card_remark']],
  ])('%s (%s)', (text, published, kinds) => {
    expect(said(read(text, published))).toEqual(kinds);
  });
});

describe('headlines and short forms', () => {
  test.each([
    ['‘Among the cards’: Tokyo signals Treasury pile could figure in U.S. trade talks', '2025-05-02', 'card_remark'],
    ['Kato walks back Treasury comments', '2025-05-05', 'clarification'],
    ['Japan backtracks on Treasuries talk after Friday remark', '2025-05-05', 'clarification'],
    ['Japan floats $1 trillion Treasury pile as tariff leverage', '2025-05-02', 'card_remark'],
    ['Japan Eyes Its $1.1 Trillion Treasury Holdings as a Card in Tariff Talks', '2025-05-02', 'card_remark'],
    ['加藤財務相、米国債売却「交渉手段と考えず」', '2025-05-05', 'clarification'],
    ['米国債売却は交渉材料とせずと明言　加藤財務相', '2025-05-05', 'clarification'],
    ['加藤財務相の米国債「カード」発言', '2025-05-03', 'card_remark'],
  ])('%s', (text, published, kind) => {
    expect(said(read(text, published))).toEqual([kind]);
  });

  test('Title Case headline figures are read', () => {
    const [f] = read('Japan Eyes Its $1.1 Trillion Treasury Holdings as a Card in Tariff Talks', '2025-05-02').filter((m): m is FigureMention => m.kind === 'figure');
    expect([f?.text, f?.subject, f?.verdict?.status]).toEqual(['$1.1 Trillion', 'japan_treasury_holdings', 'consistent']);
  });
});

describe('figures in every written form', () => {
  test.each([
    ['Japan holds $ 1.1 TN of Treasuries.', '$ 1.1 TN'],
    ['Japan holds USD1.1 trillion of Treasuries.', 'USD1.1 trillion'],
    ['日本の米国債保有額は1兆1千億ドル超だ。', '1兆1千億ドル超'],
    ['日本の米国債保有残高は外国勢で最大です。米財務省のデータによると、その規模は1兆ドル超に達しています。', '1兆ドル超'],
    // the country named earlier in the sentence
    ['Japan’s finance minister said on Friday that the country’s holdings of US Treasury securities, valued at over $1 trillion, could be a card.', 'over $1 trillion'],
  ])('%s → %s', (text, needle) => {
    const f = read(text, '2025-05-03').find((m): m is FigureMention => m.kind === 'figure' && needle.includes(m.text));
    expect(f?.subject).toBe('japan_treasury_holdings');
  });
});

describe('remark verdicts', () => {
  test.each([
    ['“It does exist as a card,” Finance Minister Katsunobu Kato said of the Treasury holdings on Friday.', '2025-05-03', 'on_record'],
    ['Finance Minister Katsunobu Kato said on Friday that the holdings were a card: “Washington should know we will not sit still.”', '2025-05-03', 'not_in_record'],
    ['In April, Finance Minister Katsunobu Kato said on TV Tokyo that Japan’s Treasury holdings could be a card.', '2025-05-06', 'misdated'],
    ['Japan threatens to dump U.S. Treasuries, Finance Minister Kato signals', '2025-05-03', 'false_threat'],
    // Straight single quotes, and a two-word fragment of his recorded words.
    ["Japan's Kato says Treasury holdings 'exist as a card' in U.S. tariff talks", '2025-05-02', 'on_record'],
    ['Finance Minister Katsunobu Kato said the holdings could serve as "a card" in the talks with Washington.', '2025-05-03', 'on_record'],
    // A translation that differs in word endings ("consider selling" for "considering the sale").
    ['Finance Minister Katsunobu Kato said in Milan: "We do not consider selling US treasuries as the means of Japan-US negotiation."', '2025-05-05', 'on_record'],
    // A fragment in other little words ("among the cards" for "among such cards").
    ["Finance Minister Katsunobu Kato said on Friday that Japan's Treasury holdings could be 'among the cards' in the talks.", '2025-05-03', 'on_record'],
    // His Japanese in other endings and particles, negated as he said it; the topic word alone is no match.
    ['加藤勝信財務相は4日、ミラノで米国債売却について「交渉手段と考えず」と述べた。', '2025-05-05', 'on_record'],
    ['加藤勝信財務相は4日、ミラノで「売却を交渉手段にするつもりはない」と説明した。', '2025-05-05', 'on_record'],
  ])('%s → %s', (text, published, status) => {
    const [m] = read(text, published).filter((x): x is RemarkMention => x.kind === 'remark');
    expect(m?.verdict.status).toBe(status);
  });

  test('Japanese words of the record with the negation dropped are not his words on record', () => {
    const [m] = read('加藤勝信財務相は4日、ミラノで「米国債の売却を交渉手段にする」と述べた。', '2025-05-05').filter((x): x is RemarkMention => x.kind === 'remark');
    expect(m?.verdict.status).not.toBe('on_record');
  });

  test('a quotation the sentence splitter cut in two is still compared with the record, and never called not in it', () => {
    const text = 'Finance Minister Katsunobu Kato on TV Tokyo: "We obviously need to put all cards on the table in negotiations. It could be among such cards."';
    const found = read(text, '2025-05-02').filter((x): x is RemarkMention => x.kind === 'remark');
    expect(found[0]?.verdict.status).toBe('on_record');
    expect(found.map((m) => m.verdict.status)).not.toContain('not_in_record');
  });

  test('a New York page at 22:00 on 1 May reads the 2 May remark as made that day in Tokyo, not misdated', () => {
    const text = 'Finance Minister Katsunobu Kato said on Friday on TV Tokyo that Japan’s Treasury holdings could be a card.';
    const [m] = analyze(ds, CONTEXT + text, { published: '2025-05-01T22:00:00-04:00' }).filter((x): x is RemarkMention => x.kind === 'remark' && x.start >= CONTEXT.length);
    expect([m?.remark, m?.verdict.status]).toEqual(['card_remark', 'reported']);
  });
});
