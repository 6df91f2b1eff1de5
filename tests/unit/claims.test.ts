/**
 * Every known claim in data/claims.json can be found on a page: each has a detector, and each detector
 * attaches its claim to the mention it is about. Context claims never flag a page on their own.
 */
import { describe, expect, test } from 'vitest';
import { analyze, type Mention } from '../../src/engine/analyze';
import { realDataset } from '../support/dataset';

const ds = realDataset();
const claimsOn = (text: string, published = '2025-05-05') =>
  analyze(ds, text, { published }).flatMap((m: Mention) => (m.claims ?? []).map((id) => [m.kind, id] as const));

const LEDE = 'Finance Minister Katsunobu Kato said on Friday on TV Tokyo that Japan’s Treasury holdings could be a card in the tariff talks.';

describe('each known claim is detected where a page makes it', () => {
  test('every claim in the data has a detector', () => {
    expect(ds.claims.filter((c) => !c.detect).map((c) => c.id)).toEqual([]);
  });

  test.each([
    ['reserves-as-treasuries', 'Japan holds $1.27 trillion of U.S. Treasuries.', 'figure'],
    ['japan-threatened-to-sell', 'Finance Minister Katsunobu Kato threatened to sell U.S. Treasuries if the tariff talks fail.', 'remark'],
    ['holdings-1-13tn', `${LEDE}\nJapan held $1.13 trillion of Treasuries at the end of February.`, 'figure'],
    ['nhk-not-tv-tokyo', 'Speaking on public broadcaster NHK on Friday, Finance Minister Katsunobu Kato said Japan’s Treasury holdings could be a card.', 'remark'],
    ['cooperate-with-china-dump', `${LEDE}\nJapan could dump its $1.13 trillion of Treasuries together with China, one blog claimed.`, 'figure'],
    ['largest-creditor', `${LEDE}\nJapan, the largest foreign creditor of the United States, holds $1.13 trillion of Treasuries.`, 'figure'],
    ['government-holding', `${LEDE}\nThe Japanese government holds $1.13 trillion of U.S. Treasuries.`, 'figure'],
    ['china-second-largest', `${LEDE}\nJapan holds $1.13 trillion of Treasuries, ahead of China, the second-largest holder.`, 'figure'],
    ['record-june-2025', `${LEDE}\nJapan’s Treasury holdings hit a record $1.147 trillion in June 2025.`, 'figure'],
    ['april-mistranslation', `${LEDE}\nIn April he had told the Diet that Japan won’t sell its U.S. Treasuries because of its relations with Washington.`, 'remark'],
    ['sharp-reversal', `${LEDE} The comments mark a sharp reversal from last month.`, 'remark'],
    ['remark-during-second-round', 'Finance Minister Katsunobu Kato said on TV Tokyo on Friday, during the second round of tariff talks, that the Treasury holdings could be a card.', 'remark'],
    ['hashimoto-crash', 'Finance Minister Katsunobu Kato said on TV Tokyo on Friday that Japan’s Treasury holdings could be a card, recalling Hashimoto’s 1997 quip.', 'remark'],
    ['share-of-foreign-13pct', `${LEDE}\nJapan holds $1.13 trillion of Treasuries, 13% of all foreign holdings.`, 'figure'],
  ])('%s', (id, text, kind) => {
    expect(claimsOn(text, id === 'record-june-2025' ? '2025-08-20' : '2025-05-05')).toContainEqual([kind, id]);
  });
});

describe('claims never flag a page by themselves', () => {
  test.each([
    ['China, the second-largest foreign holder of Treasuries, cut its holdings to $765.4 billion.'],
    ['In 1997 Prime Minister Ryutaro Hashimoto mused about selling Treasuries; the Dow fell 192 points the next day.'],
    ['Japan is the largest creditor nation in the world, with net external assets of ¥533 trillion.'],
    ['The Japanese government holds a record ¥1,100 trillion of its own debt, counting JGBs and bills.'],
  ])('%s', (text) => {
    expect(analyze(ds, text, { published: '2025-05-05' }).filter((m) => m.flagged)).toEqual([]);
  });

  test('a context claim goes only with a mention in its own sentence', () => {
    const text = `${LEDE}\nChina, the second-largest holder, has been trimming its pile for years.`;
    expect(claimsOn(text).map(([, id]) => id)).not.toContain('china-second-largest');
  });
});
