/**
 * `npm run score [-- --verbose]`: precision and recall of the engine on the labelled corpus
 * (tests/fixtures/corpus), with every disagreement listed under --verbose; --holdout for the held-out set, --dir DIR for any other labelled set.
 */
import { join } from 'node:path';
import { CORPUS_DIR, loadCorpus, scoreCorpus } from '../support/corpus';
import { realDataset } from '../support/dataset';

const verbose = process.argv.includes('--verbose') || process.argv.includes('-v');
// `-- --holdout` scores the held-out set (tests/fixtures/holdout): written separately, never tuned on.
const holdout = process.argv.includes('--holdout');
const dirArg = process.argv.indexOf('--dir');
const dir = dirArg > 0 ? process.argv[dirArg + 1]! : holdout ? join(CORPUS_DIR, '..', 'holdout') : CORPUS_DIR;
const s = scoreCorpus(realDataset(), loadCorpus(dir));
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
console.log(`${dirArg > 0 ? dir : holdout ? 'held-out set' : 'corpus'}: ${s.articles} articles (${s.negatives} hard negatives)`);
console.log(`figures about Japan's holdings: precision ${pct(s.figures.precision)}, recall ${pct(s.figures.recall)} (tp ${s.figures.tp}, fp ${s.figures.fp}, fn ${s.figures.fn})`);
console.log(`remarks: precision ${pct(s.remarks.precision)}, recall ${pct(s.remarks.recall)} (tp ${s.remarks.tp}, fp ${s.remarks.fp}, fn ${s.remarks.fn})`);
console.log(`verdict status agrees with the label: ${s.statusAgreement.agree}/${s.statusAgreement.total}`);
console.log(`remark verdicts agree with the label: ${s.remarkVerdicts.agree}/${s.remarkVerdicts.total}; mentions marked unsure: ${s.unsure}`);
console.log(`flagged mentions in negative articles: ${s.flaggedInNegatives} (${s.results.filter((r) => r.flaggedInNegative > 0).length} of ${s.negatives} negative articles)`);
for (const r of s.results) {
  if (!r.errors.length) continue;
  console.log(`  ${r.id}: ${r.errors.length} issue(s)`);
  if (verbose) for (const e of r.errors) console.log(`    - ${e}`);
}
