/**
 * The engine as the background runs it for the annotator: the dataset is indexed on the first request
 * (and again after the service worker restarts), never in the page. compromise's start-up and the first
 * parse cost a few hundred milliseconds; here they delay the highlights a little instead of freezing the page.
 */
import { bundledDataset } from '../data/bundled';
import { analyze, type Mention } from '../engine/analyze';
import { buildDataset, type Dataset } from '../engine/dataset';
import type { EngineRequest } from '../messages';

let dataset: Dataset | undefined;

export function analyzeRequest(request: EngineRequest): Mention[] {
  dataset ??= buildDataset(bundledDataset);
  return analyze(dataset, request.text, { lang: request.lang, ...(request.published ? { published: request.published } : {}) });
}
