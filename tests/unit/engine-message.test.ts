import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { analyzeRequest, forgetRequests, receivePart } from '../../src/background/engine';
import { analyze } from '../../src/engine/analyze';
import { ENGINE_PART_CHARS, parseMessage, senderMay, type EnginePart, type EngineRequest } from '../../src/messages';
import { loadCorpus } from '../support/corpus';
import { realDataset } from '../support/dataset';

const ds = realDataset();
/** Sends a text as the annotator does (src/page/annotator/remote-engine.ts), each message through the background's parser. */
function ask(tabId: number, id: string, text: string, page: { lang: string; published?: string }, partChars = ENGINE_PART_CHARS) {
  const parts = Math.max(1, Math.ceil(text.length / partChars));
  for (let index = 0; index < parts; index++) {
    const part = parseMessage({ type: 'engine:part', id, index, text: text.slice(index * partChars, (index + 1) * partChars) });
    expect(part?.type).toBe('engine:part');
    receivePart(tabId, 0, part as EnginePart);
  }
  const request = parseMessage({ type: 'engine:analyze', id, parts, ...page });
  expect(request?.type).toBe('engine:analyze');
  return analyzeRequest(tabId, 0, request as EngineRequest);
}

// The annotator asks the background's engine over messages: what comes back must survive the trip
// (Chrome sends messages as JSON), so a Map, a Set, a Date or a class instance in a mention would be lost.
describe('the engine over messages', () => {
  const articles = loadCorpus()
    .filter((a) => a.file.endsWith('.txt'))
    .map((a) => ({ ...a, text: readFileSync(a.file, 'utf8') }));
  const pageOf = (a: (typeof articles)[number]) => ({ lang: a.labels.lang, ...(a.labels.published ? { published: a.labels.published } : {}) });

  test.each(articles.map((a) => [a.id, a] as const))('the same mentions, and they survive JSON: %s', (_id, a) => {
    const mentions = ask(1, `r-${a.id}`, a.text, pageOf(a), 997);
    expect(mentions).toEqual(analyze(ds, a.text, pageOf(a)));
    expect(JSON.parse(JSON.stringify(mentions))).toEqual(mentions);
  });

  test('a part missing, another request, or another tab reads as nothing', () => {
    const a = articles[0]!;
    receivePart(2, 0, { type: 'engine:part', id: 'x', index: 1, text: a.text });
    expect(analyzeRequest(2, 0, { type: 'engine:analyze', id: 'x', parts: 2, lang: 'en' })).toEqual([]);
    receivePart(3, 0, { type: 'engine:part', id: 'y', index: 0, text: a.text });
    expect(analyzeRequest(4, 0, { type: 'engine:analyze', id: 'y', parts: 1, lang: 'en' })).toEqual([]);
    receivePart(3, 0, { type: 'engine:part', id: 'z', index: 0, text: a.text });
    expect(analyzeRequest(3, 0, { type: 'engine:analyze', id: 'y', parts: 1, lang: 'en' })).toEqual([]);
    forgetRequests(3);
  });

  test("a tab's top page and its iframe ask at the same time, and each gets its own mentions", () => {
    const [a, b] = articles;
    receivePart(5, 0, { type: 'engine:part', id: 'top', index: 0, text: a!.text });
    receivePart(5, 7, { type: 'engine:part', id: 'frame', index: 0, text: b!.text });
    expect(analyzeRequest(5, 7, { type: 'engine:analyze', id: 'frame', parts: 1, ...pageOf(b!) })).toEqual(analyze(ds, b!.text, pageOf(b!)));
    expect(analyzeRequest(5, 0, { type: 'engine:analyze', id: 'top', parts: 1, ...pageOf(a!) })).toEqual(analyze(ds, a!.text, pageOf(a!)));
    receivePart(5, 7, { type: 'engine:part', id: 'later', index: 0, text: b!.text });
    forgetRequests(5);
    expect(analyzeRequest(5, 7, { type: 'engine:analyze', id: 'later', parts: 1, lang: 'en' })).toEqual([]);
  });

  test('a part longer than the cap is refused', () => {
    expect(parseMessage({ type: 'engine:part', id: 'x', index: 0, text: 'a'.repeat(ENGINE_PART_CHARS + 1) })).toBeUndefined();
  });

  test('only a content script in a tab may send text or ask', () => {
    const origin = 'chrome-extension://abc/';
    for (const type of ['engine:part', 'engine:analyze'] as const) {
      expect(senderMay(type, { tab: { id: 3, url: 'https://news.example/a' }, url: 'https://news.example/a' }, origin)).toBe(true);
      expect(senderMay(type, { url: `${origin}popup.html` }, origin)).toBe(false);
    }
  });
});
