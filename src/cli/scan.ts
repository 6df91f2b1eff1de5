/**
 * `npm run --silent scan -- [--json] [--date YYYY-MM-DD] [--lang en|ja] FILE...`
 *
 * Runs the engine over saved pages (.html/.htm, read through the same text-block code as the content
 * script) or plain text (.txt), and prints the mentions with their verdicts.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseHTML } from 'linkedom';
import { readDataset } from '../data/load-node';
import { analyze, type AnalyzeContext, type Mention } from '../engine/analyze';
import { buildDataset, type Dataset } from '../engine/dataset';
import { collectText } from '../page/text-blocks';
import { pageLanguage, publicationDate } from '../page/metadata';

type FileResult = { file: string; lang?: string; published?: string; text: string; mentions: Mention[] };

export function scanText(ds: Dataset, file: string, raw: string, overrides: AnalyzeContext): FileResult {
  const ext = extname(file).toLowerCase();
  let text = raw;
  const ctx: AnalyzeContext = {};
  if (ext === '.html' || ext === '.htm') {
    const { document } = parseHTML(raw);
    text = collectText(document.body ?? document.documentElement).text;
    const lang = pageLanguage(document);
    const published = publicationDate(document);
    if (lang) ctx.lang = lang;
    if (published) ctx.published = published;
  }
  Object.assign(ctx, overrides);
  return { file, ...ctx, text, mentions: analyze(ds, text, ctx) };
}

/** The JSON shape of a mention: the engine's fields plus a flat `status` for quick filtering. */
export function toJson(m: Mention): Record<string, unknown> {
  if (m.kind === 'remark') return { ...m };
  return {
    ...m,
    valueUsd: m.valueUsd ?? null,
    status: m.verdict?.status ?? null,
    verdict: m.verdict ?? null,
  };
}

const usd = (v: number | undefined) =>
  v === undefined || Number.isNaN(v) ? '' : v >= 1e12 ? `$${(v / 1e12).toFixed(3)} tn` : `$${(v / 1e9).toFixed(1)} bn`;

function printTable(r: FileResult): void {
  const meta = [r.lang && `lang ${r.lang}`, r.published && `published ${r.published}`].filter(Boolean).join(', ');
  console.log(`\n${r.file}${meta ? ` (${meta})` : ''}: ${r.mentions.length} mention(s)`);
  if (!r.mentions.length) return;
  const rows = r.mentions.map((m) => {
    const text = m.text.length > 60 ? `${m.text.slice(0, 57)}…` : m.text;
    if (m.kind === 'remark') {
      const which = m.unsure ? `${m.remark}?/${m.alternative ?? ''}?` : m.remark;
      return [`${m.start}-${m.end}`, m.flagged ? 'remark*' : 'remark', text, which, m.verdict.status, [...m.claims, m.clarifiedBy ?? ''].filter(Boolean).join(' ')];
    }
    const v = m.verdict;
    return [
      `${m.start}-${m.end}`,
      m.flagged ? 'figure*' : 'figure',
      text,
      m.subject,
      v ? `${v.status}${v.claim ? ` (${v.claim})` : ''}` : '-',
      v ? `${usd(v.official.valueUsd)} ${v.official.month}; range ${usd(v.range.min.valueUsd)}–${usd(v.range.max.valueUsd)}` : '',
    ];
  });
  const header = ['offsets', 'kind', 'text', 'subject / remark', 'verdict', 'official'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => [...row[i]!].length)));
  const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(widths[i]! - [...c].length)).join('  ').trimEnd();
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
  console.log('* highlighted by the extension');
}

function main(argv: string[]): number {
  const files: string[] = [];
  let json = false;
  const overrides: AnalyzeContext = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--json') json = true;
    else if (a === '--date') overrides.published = argv[++i];
    else if (a === '--lang') overrides.lang = argv[++i];
    else if (a === '--help' || a === '-h') {
      console.log('usage: npm run --silent scan -- [--json] [--date YYYY-MM-DD] [--lang en|ja] FILE...');
      return 0;
    } else files.push(a);
  }
  if (!files.length) {
    console.error('scan: no files given (usage: npm run --silent scan -- [--json] FILE...)');
    return 2;
  }
  if (overrides.published && !/^\d{4}-\d{2}-\d{2}$/.test(overrides.published)) {
    console.error(`scan: --date expects YYYY-MM-DD, got "${overrides.published}"`);
    return 2;
  }
  const ds = buildDataset(readDataset());
  const results: FileResult[] = [];
  let failed = 0;
  for (const file of files) {
    let raw: string;
    try {
      raw = readFileSync(file, 'utf8');
    } catch (err) {
      failed++;
      const code = (err as NodeJS.ErrnoException).code;
      console.error(`scan: cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : (err as Error).message}`);
      continue;
    }
    const result = scanText(ds, file, raw, overrides);
    results.push(result);
    if (!json) printTable(result);
  }
  if (json) process.stdout.write(`${JSON.stringify(results.map((r) => ({ file: r.file, mentions: r.mentions.map(toJson) })), null, 2)}\n`);
  return failed ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('scan.ts')) {
  process.exitCode = main(process.argv.slice(2));
}
