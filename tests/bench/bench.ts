/**
 * `npm run bench [-- --json] [-- --firefox] [-- --no-build] [-- --quick]`: issue 12's one benchmark.
 * Builds the extension, serves the pages (tests/bench/pages.ts) from 127.0.0.1 and measures, in one run,
 * on each page: the floor (one cold bare pass reading the page's text in the world content scripts run
 * in), the detector, the annotator to final highlights, the longest task and our longest slice, the JS
 * heap we add, a mutation storm, and mark.js on the same page as the common approach. It prints tables
 * of medians and ratios and the issue's aims, met or not; `--json` then prints one JSON object as its
 * last line. Timings are printed, never asserted: on a shared 2-core machine only ratios measured in
 * the same run mean something.
 *
 * `--firefox` runs the same pages in Firefox ESR (tests/bench/firefox.ts) instead of Chromium.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { VocabularyFile } from '../../src/data/schema';
import { ChromiumBench } from './chromium';
import { FirefoxBench } from './firefox';
import { runCli, servePages, STORM } from './common';
import { ANNOTATOR_PAGES, DETECTOR_PAGES, STATIC_FILES } from './pages';
import { MARKJS_VERSION } from './page-scripts';
import { render, summarize, type AnnotatorSamples, type BenchRun, type Bundle, type DetectorSamples } from './report';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const args = new Set(process.argv.slice(2));
const json = args.has('--json');
const firefox = args.has('--firefox');
const quick = args.has('--quick');
const LOADS = quick ? { detector: 3, annotator: 1, storm: 1 } : { detector: 7, annotator: 3, storm: 3 };
/** mark.js runs on every load of these pages; on the others (seconds per term) on the first only. */
const MARKJS_EVERY_LOAD = new Set(['typical', 'article']);
const STORM_PAGE = ANNOTATOR_PAGES.find((p) => p.key === 'typical')!;

// Progress goes to stderr so that `--json`'s stdout ends with the object.
const log = (line: string) => console.error(line);

/** mark.js's terms: the English trigger terms of data/vocabulary.json. */
function triggerTerms(): string[] {
  const vocabulary = JSON.parse(readFileSync(join(ROOT, 'data/vocabulary.json'), 'utf8')) as VocabularyFile;
  return vocabulary.trigger.flatMap((group) => vocabulary.groups[group]?.en ?? []);
}

function build(browser: 'chrome' | 'firefox'): string {
  const [cmdArgs, dir] =
    browser === 'chrome'
      ? [['wxt', 'build'], '.output/chrome-mv3']
      : // The Firefox run reads the extension's figures from the page (no access to its background over BiDi):
        // a build in mode "bench" also writes them to a data attribute (entrypoints/*.content.ts).
        [['wxt', 'build', '-b', 'firefox', '--mv3', '--mode', 'bench'], '.output/firefox-mv3-bench'];
  if (!args.has('--no-build')) {
    log(`building: npx ${cmdArgs.join(' ')}`);
    const r = spawnSync('npx', cmdArgs, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error(`the build failed (npx ${cmdArgs.join(' ')})`);
  }
  const abs = join(ROOT, dir);
  if (!existsSync(join(abs, 'manifest.json'))) throw new Error(`No build in ${abs}: run without --no-build.`);
  return abs;
}

/** Sizes of the production bundles: the detector, the annotator, the popup (page, script, style) and the background. */
function bundles(dir: string): Bundle[] {
  const size = (files: string[]) => {
    const data = files.map((f) => readFileSync(join(dir, f)));
    return { raw: data.reduce((n, d) => n + d.length, 0), gzip: data.reduce((n, d) => n + gzipSync(d, { level: 9 }).length, 0) };
  };
  const inDir = (sub: string, re: RegExp) => (existsSync(join(dir, sub)) ? readdirSync(join(dir, sub)).filter((f) => re.test(f)).map((f) => `${sub}/${f}`) : []);
  const popup = ['popup.html', ...inDir('chunks', /^popup-.*\.js$/), ...inDir('assets', /^popup-.*\.css$/)];
  return [
    { name: 'detector', file: 'detector.js', ...size(['detector.js']) },
    { name: 'annotator', file: 'content-scripts/annotator.js', ...size(['content-scripts/annotator.js']) },
    { name: 'popup', file: popup.join(' + '), ...size(popup) },
    { name: 'background', file: 'background.js', ...size(['background.js']) },
  ];
}

async function main(): Promise<void> {
  const extensionDir = build(firefox ? 'firefox' : 'chrome');
  // Sizes are the store build's: for Firefox, the production build of the same sources.
  const sizes = bundles(firefox ? build('chrome') : extensionDir);
  const server = await servePages(STATIC_FILES, Object.fromEntries(ANNOTATOR_PAGES.map((p) => [p.file, p.html!()])));
  const terms = triggerTerms();
  const options = {
    extensionDir,
    serverUrl: server.url,
    terms,
    detectorPages: DETECTOR_PAGES,
    annotatorPages: ANNOTATOR_PAGES.map((p) => ({ ...p, markjs: MARKJS_EVERY_LOAD.has(p.key) })),
    loads: LOADS,
    storm: STORM,
    log,
    pagesDir: server.dir,
  };
  const bench = firefox ? await FirefoxBench.launch(options) : await ChromiumBench.launch(options);
  try {
    const detector: DetectorSamples[] = [];
    for (const file of DETECTOR_PAGES) {
      log(`detector: ${file}`);
      detector.push(await bench.detector(file));
    }
    const annotator: AnnotatorSamples[] = [];
    for (const p of options.annotatorPages) {
      log(`annotator: ${p.name}`);
      annotator.push(await bench.annotator(p));
    }
    log(`mutation storm: ${STORM_PAGE.name}`);
    const storm = await bench.storm(STORM_PAGE);
    const run: BenchRun = { browser: bench.product, detector, annotator, ...(storm ? { storm } : {}), bundles: sizes };
    console.log(render(run, LOADS));
    console.log(`\nmark.js ${MARKJS_VERSION}: mark() with the ${terms.length} English trigger terms of data/vocabulary.json, accuracy "exactly", separateWordSearch false.`);
    if (json) console.log(JSON.stringify(summarize(run)));
  } finally {
    await bench.close();
    await server.close();
  }
}

runCli(main);
