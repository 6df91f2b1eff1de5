import { analyze } from '../../src/engine/analyze';
import { realDataset } from '../support/dataset';
const ds = realDataset();
for (const m of analyze(ds, process.argv[2]!, { published: process.argv[3] ?? '2025-05-06' }) as any[]) if (m.kind === 'figure') console.log(m.text, m.subject, m.verdict?.status ?? '');
