/**
 * `npm run bench:profile [-- PAGE] [-- --storm]`: a CPU profile (CDP Profiler domain) of one load of a
 * bench page (tests/bench/pages.ts: typical, article, nodes, big) with the extension, from navigation
 * until the annotator has settled (with `--storm`: of the bench's mutation storm on that page, once it
 * has settled), in a build that is not minified (mode "profile") so the entries have names.
 * Prints the top entries by self time and by total time, those of our own scripts first, and the
 * longest stretch of consecutive samples in our scripts (the longest slice as the profiler saw it).
 */
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchWithExtension, readTabState } from '../../src/cli/chromium';
import { runCli, servePages, sleep, STORM, STORM_TAIL_MS } from './common';
import { mutationStorm } from './page-scripts';
import { ANNOTATOR_PAGES } from './pages';
import { table } from './report';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const EXTENSION_DIR = join(ROOT, '.output/chrome-mv3-profile');
const SAMPLING_INTERVAL_US = 100;
const TOP = 25;
/** Stretches (our tasks, as sampled) longer than this are listed one by one. */
const LONG_STRETCH_MS = 16;

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

function label(n: Node): string {
  const f = n.callFrame;
  const file = f.url ? f.url.replace(/^.*\//, '') : '';
  return `${f.functionName || '(anonymous)'} ${file ? `${file}:${f.lineNumber + 1}` : ''}`.trim();
}

const top = (m: Map<string, number>, n = TOP) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);

export function summarizeProfile(p: Profile, ours: (url: string) => boolean) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let oursMs = 0;
  /** Stretches of consecutive samples in our scripts (GC inside them included): our tasks, as sampled. */
  const stretches: Array<{ ms: number; top: Map<string, number> }> = [];
  let run: { ms: number; top: Map<string, number> } | undefined;
  p.samples.forEach((id, i) => {
    const ms = (p.timeDeltas[i + 1] ?? p.timeDeltas[i] ?? 0) / 1000;
    const leaf = byId.get(id)!;
    self.set(label(leaf), (self.get(label(leaf)) ?? 0) + ms);
    const seen = new Set<string>();
    let inOurs = false;
    for (let n: Node | undefined = leaf; n; n = parent.has(n.id) ? byId.get(parent.get(n.id)!) : undefined) {
      if (ours(n.callFrame.url)) inOurs = true;
      const l = label(n);
      if (seen.has(l)) continue;
      seen.add(l);
      total.set(l, (total.get(l) ?? 0) + ms);
    }
    if (inOurs) {
      oursMs += ms;
      if (!run) stretches.push((run = { ms: 0, top: new Map() }));
      run.ms += ms;
      for (const l of seen) run.top.set(l, (run.top.get(l) ?? 0) + ms);
    } else if (leaf.callFrame.functionName !== '(garbage collector)') run = undefined;
  });
  return { self: top(self), total: top(total), oursMs, stretches: stretches.sort((a, b) => b.ms - a.ms) };
}

async function main(): Promise<void> {
  const storm = process.argv.includes('--storm');
  const key = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? (storm ? 'typical' : 'article');
  const page = ANNOTATOR_PAGES.find((p) => p.key === key);
  if (!page) throw new Error(`No bench page "${key}" (${ANNOTATOR_PAGES.map((p) => p.key).join(', ')}).`);
  if (!process.argv.includes('--no-build')) {
    const r = spawnSync('npx', ['wxt', 'build', '--mode', 'profile'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error('the build failed (npx wxt build --mode profile)');
  }
  const server = await servePages([], { [page.file]: page.html!() });
  const extension = await launchWithExtension({ extensionDir: EXTENSION_DIR, headless: true });
  try {
    const tab = await extension.context.newPage();
    const cdp = await extension.context.newCDPSession(tab);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_INTERVAL_US });
    const url = new URL(page.file, server.url).href;
    if (!storm) await cdp.send('Profiler.start');
    await tab.goto(url, { timeout: 120_000 });
    let updatedAt: number | undefined;
    for (const deadline = Date.now() + 120_000; Date.now() < deadline; ) {
      const s = (await readTabState(await extension.worker(), url).catch(() => undefined))?.state;
      if (s?.count !== undefined) {
        if (s.updatedAt === updatedAt) {
          console.log(`annotator: ${s.annotatorMs} ms, longest slice ${s.longestSliceMs} ms, phases ${JSON.stringify(s.phasesMs)}, ${s.count} flagged`);
          break;
        }
        updatedAt = s.updatedAt;
        await sleep(1_000);
      } else await sleep(100);
    }
    if (storm) {
      await cdp.send('Profiler.start');
      await tab.evaluate(mutationStorm(STORM.perSecond, STORM.seconds));
      await sleep(STORM_TAIL_MS);
    }
    const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
    const ours = (u: string) => u.startsWith(`chrome-extension://${extension.extensionId}/`);
    const s = summarizeProfile(profile, ours);
    const rows = (xs: Array<[string, number]>) => xs.map(([l, ms]) => [l, `${ms.toFixed(1)} ms`]);
    console.log(`\nCPU profile of ${storm ? 'the mutation storm on ' : ''}${page.name} (${url}), sampling ${SAMPLING_INTERVAL_US} µs; in our scripts ${s.oursMs.toFixed(0)} ms\n`);
    console.log(table(['self time: function', 'ms'], rows(s.self)));
    console.log('');
    console.log(table(['total time: function', 'ms'], rows(s.total)));
    const [longest] = s.stretches;
    if (longest) {
      console.log(`\nlongest stretch of samples in our scripts: ${longest.ms.toFixed(1)} ms; what it was spent in (total time):`);
      console.log(table(['function', 'ms'], rows(top(longest.top))));
    }
    // The rest of the long ones, each by the deepest of our functions that took most of it.
    const ownFrames = (m: Map<string, number>) => top(m, 40).filter(([l]) => /annotator\.js/.test(l) && !/^\(anonymous\) annotator\.js:1$/.test(l));
    console.log(`\nour stretches over ${LONG_STRETCH_MS} ms: ${s.stretches.filter((x) => x.ms > LONG_STRETCH_MS).length} of ${s.stretches.length}`);
    console.log(
      table(
        ['ms', 'largest of our functions in it (total time)'],
        s.stretches.filter((x) => x.ms > LONG_STRETCH_MS).slice(0, 12).map((x) => [x.ms.toFixed(1), ownFrames(x.top).slice(0, 5).map(([l, ms]) => `${l} ${ms.toFixed(0)}`).join(' › ')]),
      ),
    );
  } finally {
    await extension.close();
    await server.close();
  }
}

runCli(main);
