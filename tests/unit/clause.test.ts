/** compromise's reading of English candidate sentences: negation scope and pluperfect speech. */
import { describe, expect, test } from 'vitest';
import { englishFacts } from '../../src/engine/clause';

describe('negated verbs, not negation words', () => {
  test.each([
    ['Japan is not considering selling Treasuries as a means of negotiation, Kato said.', true],
    ['Japan does not plan to use the sale of Treasuries as a bargaining tool.', true],
    ["They weren't meant to suggest selling.", true],
    ['There is no plan to sell.', true],
    ['We will never sell our Treasuries.', true],
    // "or not", "not only", a negated noun phrase: no verb is negated
    ['It does exist as a card, but whether we use it or not is a separate decision, he said.', false],
    ['Not only did he mention the card, he also noted the liquidity.', false],
    ['He was answering a question about not selling.', false],
  ])('%s → %s', (sentence, negated) => {
    expect(englishFacts(sentence).negatedVerb).toBe(negated);
  });
});

describe('a speech verb in the pluperfect', () => {
  test.each([
    ['Kato had said on Friday that the holdings could be a card.', true],
    ['In a television interview on Friday, Kato had described the holdings as a potential card.', true],
    ['Kato said on Sunday that Japan had no plan to sell.', false],
    // "previously" places it before, as the pluperfect does.
    ['Kato has previously said Japan manages its holdings to prepare for currency intervention.', true],
    ['Japan previously held more Treasuries than it does now, Kato said.', false],
  ])('%s → %s', (sentence, pluperfect) => {
    expect(englishFacts(sentence).pluperfectSpeech).toBe(pluperfect);
  });
});
