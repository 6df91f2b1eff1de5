import { readFileSync } from 'node:fs';
import { analyze } from '../src/engine/analyze';
import { loadCorpus } from './support/corpus';
import { realDataset } from './support/dataset';
const ds = realDataset();
const texts = loadCorpus().filter((a) => !a.labels.negative && a.labels.lang === 'en' && a.file.endsWith('.txt')).map((a) => readFileSync(a.file, 'utf8'));
let article = ''; while (article.split(/\s+/).length < 5000) article += texts.join('\n\n');
for (let i = 0; i < 50; i++) analyze(ds, article, { published: '2025-05-03' });
