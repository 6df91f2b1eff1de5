/**
 * The engine as the background runs it for the annotator. The page's text arrives in parts (one message
 * each, so that no single message is a long task in the page), then the request to read it. The dataset is
 * indexed on the first request (and again after the service worker restarts), never in the page:
 * compromise's start-up and the first parse cost a few hundred milliseconds, which here delay the
 * highlights a little instead of freezing the page.
 */
import { bundledDataset } from '../data/bundled';
import { analyze, type Mention } from '../engine/analyze';
import { buildDataset, type Dataset } from '../engine/dataset';
import { MAX_ENGINE_REQUESTS, type EnginePart, type EngineRequest } from '../messages';

let dataset: Dataset | undefined;
/** Parts received, per frame of a tab and request; a frame's newer request replaces its older one. */
const pending = new Map<string, { id: string; parts: string[] }>();

// A tab's top page and its same-origin iframes each have an annotator, each with requests of its own.
const keyOf = (tabId: number, frameId: number) => `${tabId}:${frameId}`;

export function receivePart(tabId: number, frameId: number, part: EnginePart): void {
  const key = keyOf(tabId, frameId);
  let request = pending.get(key);
  if (!request || request.id !== part.id) {
    pending.delete(key);
    // A few tabs at a time: the oldest request goes first (its tab asks again on its next scan).
    while (pending.size >= MAX_ENGINE_REQUESTS) pending.delete(pending.keys().next().value!);
    pending.set(key, (request = { id: part.id, parts: [] }));
  }
  request.parts[part.index] = part.text;
}

/** Reads a request's text; an incomplete or unknown request reads as no text (the annotator's next scan asks again). */
export function analyzeRequest(tabId: number, frameId: number, request: EngineRequest): Mention[] {
  const key = keyOf(tabId, frameId);
  const received = pending.get(key);
  pending.delete(key);
  if (!received || received.id !== request.id) return [];
  // Array.from turns holes (a part that never came) into undefined, which `some` then sees.
  const parts = Array.from({ length: request.parts }, (_, i) => received.parts[i]);
  if (parts.some((p) => typeof p !== 'string')) return [];
  dataset ??= buildDataset(bundledDataset);
  return analyze(dataset, parts.join(''), { lang: request.lang, ...(request.published ? { published: request.published } : {}) });
}

/** A tab that closes takes its frames' unfinished requests with it. */
export function forgetRequests(tabId: number): void {
  for (const key of [...pending.keys()]) if (key.startsWith(`${tabId}:`)) pending.delete(key);
}
