import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const scan = (...args: string[]) =>
  spawnSync(join(ROOT, 'node_modules/.bin/tsx'), [join(ROOT, 'src/cli/scan.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });

describe('npm run scan', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tl-scan-'));
  const txt = join(dir, 'wire.txt');
  // A non-BMP character first: offsets must be UTF-16 code units, as JavaScript counts them.
  writeFileSync(txt, '📈 Japan held $1.13 trillion of U.S. Treasuries as of end-February, Finance Minister Katsunobu Kato said the holdings could be among such cards.\n');
  const html = join(dir, 'page.html');
  writeFileSync(
    html,
    '<!doctype html><html lang="en"><head><meta property="article:published_time" content="2025-05-03T00:00:00Z"></head><body><script>var s="$1.27 trillion of Treasuries"</script><p>Japan holds $1.27 trillion of U.S. Treasuries.</p><textarea>Japan holds $2 trillion of Treasuries</textarea></body></html>',
  );

  test('--json prints one array, one object per file, with offsets into the text', { timeout: 30_000 }, () => {
    const r = scan('--json', txt, html);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as Array<{ file: string; mentions: Array<Record<string, unknown>> }>;
    expect(out.map((o) => o.file)).toEqual([txt, html]);
    const text = '📈 Japan held $1.13 trillion';
    const fig = out[0]!.mentions.find((m) => m.kind === 'figure')!;
    expect(fig).toMatchObject({ text: '$1.13 trillion', subject: 'japan_treasury_holdings', valueUsd: 1.13e12, status: 'consistent' });
    expect(fig.start).toBe(text.indexOf('$1.13'));
    expect((fig.verdict as { status: string }).status).toBe('consistent');
    expect(out[0]!.mentions.some((m) => m.kind === 'remark' && m.remark === 'card_remark')).toBe(true);
    // From the page's visible text only: the script and the textarea are not read.
    expect(out[1]!.mentions.map((m) => [m.text, m.status])).toEqual([['$1.27 trillion', 'confusion']]);
  });

  test('a missing file is an error on stderr and a non-zero exit, after the files that could be read', { timeout: 30_000 }, () => {
    const r = scan('--json', txt, join(dir, 'missing.txt'));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/missing\.txt/);
    expect((JSON.parse(r.stdout) as unknown[]).length).toBe(1);
  });

  test('without --json it prints a readable table', { timeout: 30_000 }, () => {
    const r = scan(txt);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/japan_treasury_holdings/);
    expect(r.stdout).toMatch(/consistent/);
  });
});
