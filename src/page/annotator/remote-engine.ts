/**
 * The annotator's side of the engine in the background: the text in parts of ENGINE_PART_CHARS (each
 * message is serialised in its own task, so a huge page's text is never one long task), then the request.
 */
import type { Mention } from '../../engine/analyze';
import { ENGINE_PART_CHARS, MAX_ENGINE_PARTS, type EnginePart, type EngineRequest } from '../../messages';
import type { Analyze } from './scan';

let requests = 0;

export const analyzeInBackground: Analyze = async (text, page) => {
  const parts = Math.ceil(text.length / ENGINE_PART_CHARS);
  // Beyond the cap the page is read as far as the cap goes (the collector keeps far less than this).
  const sent = Math.min(parts, MAX_ENGINE_PARTS);
  const id = `${Date.now().toString(36)}-${(requests++).toString(36)}`;
  for (let index = 0; index < sent; index++) {
    const part: EnginePart = { type: 'engine:part', id, index, text: text.slice(index * ENGINE_PART_CHARS, (index + 1) * ENGINE_PART_CHARS) };
    await browser.runtime.sendMessage(part);
  }
  const request: EngineRequest = { type: 'engine:analyze', id, parts: sent, ...page };
  return ((await browser.runtime.sendMessage(request)) as { mentions: Mention[] }).mentions;
};
