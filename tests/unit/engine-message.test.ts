import { describe, expect, test } from 'vitest';
import { analyzeRequest } from '../../src/background/engine';
import { EngineRequest, parseMessage, senderMay } from '../../src/messages';
import { readFileSync } from 'node:fs';
import { loadCorpus } from '../support/corpus';

// The annotator asks the background's engine over a message: what comes back must survive the trip
// (Chrome sends messages as JSON), so a Map, a Set, a Date or a class instance in a mention would be lost.
describe('the engine over a message', () => {
  const articles = loadCorpus()
    .filter((a) => a.file.endsWith('.txt'))
    .map((a) => ({ ...a, text: readFileSync(a.file, 'utf8') }));

  test.each(articles.map((a) => [a.file, a] as const))('mentions survive JSON: %s', (_file, a) => {
    const request = parseMessage({ type: 'engine:analyze', text: a.text, lang: a.labels.lang ?? '', ...(a.labels.published ? { published: a.labels.published } : {}) });
    expect(request?.type).toBe('engine:analyze');
    const mentions = analyzeRequest(request as EngineRequest);
    expect(JSON.parse(JSON.stringify(mentions))).toEqual(mentions);
  });

  test('only a content script in a tab may ask', () => {
    const origin = 'chrome-extension://abc/';
    expect(senderMay('engine:analyze', { tab: { id: 3, url: 'https://news.example/a' }, url: 'https://news.example/a' }, origin)).toBe(true);
    expect(senderMay('engine:analyze', { url: `${origin}popup.html` }, origin)).toBe(false);
  });
});
