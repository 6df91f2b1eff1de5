/**
 * `npm test`: every check in one run, in order, each step's output streamed as it happens.
 *
 *   0. browsers           find Chromium and Firefox ESR, install what is missing (src/cli/browsers.ts)
 *   1. typecheck          tsc --noEmit                                   (counts as one test)
 *   2. unit               vitest run                                     (its test count)
 *   3. firefox lint       wxt build -b firefox --mv3, web-ext lint       (counts as one test; 0 errors)
 *   3b. firefox           the e2e build (wxt build -b firefox --mv3 --mode e2e) in Firefox ESR over WebDriver BiDi (its test count;
 *                         tests/firefox/firefox.test.ts runs every concern's file in one browser; it also checks step 3's store build)
 *   4. browser (Chromium) playwright test; its globalSetup builds chrome (e2e and store builds) (its test count)
 *
 * Not here: `npm run test:rebuild` (store packages rebuilt from the sources zip). It takes 1–3 min on two
 * busy cores, most of it `npm ci` in a temporary folder, which is more than this run should grow by.
 *
 * Step 0 installs Debian's chromium, firefox-esr and fonts-noto-cjk with apt-get when we are root, else it
 * fails with one line saying how, and the steps that need the missing browser are skipped.
 * TL_INSTALL_DRY_RUN=1 only prints what step 0 would install and stops there (with TL_BROWSER_PATH
 * pointed at an empty directory, that is what a bare machine would get).
 *
 * A failing step does not stop the later ones. The last line is always `N passed, N failed`, and the exit
 * code is non-zero if anything failed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BROWSERS, ensureBrowsers, type BrowserId } from '../src/cli/browsers';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'node_modules/.bin');
const RESULTS = join(ROOT, '.output/test-results');
const UNIT_JSON = join(RESULTS, 'unit.json');
const E2E_JSON = join(RESULTS, 'e2e.json');
const FIREFOX_DIR = join(ROOT, '.output/firefox-mv3');
/** No single step should come near this: the browser suite, the longest, takes about 4 minutes on two cores. */
const STEP_TIMEOUT_MS = 9 * 60_000;

type Counts = { passed: number; failed: number };
type StepResult = Counts & { name: string; seconds: number; note?: string };
type RunResult = { code: number; stdout: string };

/** Runs a local binary with output streamed to ours (or captured, for machine-readable output). */
function run(bin: string, args: readonly string[], { capture = false } = {}): Promise<RunResult> {
  return new Promise((done) => {
    const child = spawn(join(BIN, bin), args, {
      cwd: ROOT,
      stdio: ['ignore', capture ? 'pipe' : 'inherit', 'inherit'],
      env: { ...process.env, NO_UPDATE_NOTIFIER: '1' },
    });
    let stdout = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const timer = setTimeout(() => {
      console.error(`\n${bin} did not finish within ${STEP_TIMEOUT_MS / 60_000} min; stopping it.`);
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    }, STEP_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      console.error(`could not run ${bin}: ${error.message}`);
      done({ code: 127, stdout });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code: code ?? (signal ? 128 : 1), stdout });
    });
  });
}

function readJson<T>(path: string): T | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** A non-zero exit with no failed test (a crash, a config error) still counts as one failure. */
function withExit(counts: Counts, code: number): Counts {
  return code !== 0 && counts.failed === 0 ? { ...counts, failed: 1 } : counts;
}

function banner(title: string): void {
  console.log(`\n━━━ ${title} ${'━'.repeat(Math.max(3, 70 - title.length))}`);
}

async function typecheck(): Promise<Counts & { note?: string }> {
  const { code } = await run('tsc', ['--noEmit']);
  return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1, note: `tsc exited ${code}` };
}

async function unit(): Promise<Counts & { note?: string }> {
  rmSync(UNIT_JSON, { force: true });
  const { code } = await run('vitest', ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${UNIT_JSON}`]);
  type FileResult = { status: string; assertionResults: unknown[] };
  const report = readJson<{ numPassedTests: number; numFailedTests: number; testResults: FileResult[] }>(UNIT_JSON);
  if (!report) return { passed: 0, failed: 1, note: `no results (vitest exited ${code})` };
  // A file that fails to load (import error, syntax error) has no test results; count each as one failure.
  const brokenFiles = report.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  const counts = { passed: report.numPassedTests, failed: report.numFailedTests + brokenFiles };
  return { ...withExit(counts, code), note: brokenFiles ? `${brokenFiles} file(s) failed to load` : undefined };
}

type LintMessage = { code: string; message: string; file?: string };
type LintReport = { summary: { errors: number; warnings: number; notices: number }; errors: LintMessage[]; warnings: LintMessage[] };

async function firefoxLint(): Promise<Counts & { note?: string }> {
  const build = await run('wxt', ['build', '-b', 'firefox', '--mv3']);
  if (build.code !== 0) return { passed: 0, failed: 1, note: `firefox build failed (exit ${build.code})` };
  const lint = await run('web-ext', ['lint', '--source-dir', FIREFOX_DIR, '--output', 'json'], { capture: true });
  let report: LintReport | undefined;
  try {
    report = JSON.parse(lint.stdout) as LintReport;
  } catch {
    process.stdout.write(lint.stdout);
    return { passed: 0, failed: 1, note: `web-ext lint gave no JSON (exit ${lint.code})` };
  }
  const { errors, warnings, notices } = report.summary;
  console.log(`web-ext lint: ${errors} errors, ${warnings} warnings, ${notices} notices`);
  for (const [kind, list] of [['error', report.errors], ['warning', report.warnings]] as const) {
    for (const m of list) console.log(`  ${kind} ${m.code}${m.file ? ` (${m.file})` : ''}: ${m.message}`);
  }
  const note = `${errors} errors, ${warnings} warnings`;
  return errors === 0 ? { passed: 1, failed: 0, note } : { passed: 0, failed: 1, note };
}

/** Runs one node:test file (output streamed, results from its TAP report in .output/test-results/). */
async function nodeTests(file: string, tapName: string): Promise<Counts & { note?: string }> {
  const tapFile = join(RESULTS, tapName);
  rmSync(tapFile, { force: true });
  const { code } = await runNode([
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tapFile}`,
    file,
  ]);
  let tap = '';
  try {
    tap = readFileSync(tapFile, 'utf8');
  } catch {
    return { passed: 0, failed: 1, note: `no results (exit ${code})` };
  }
  const count = (name: string) => Number(new RegExp(`^# ${name} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
  return withExit({ passed: count('pass'), failed: count('fail') + count('cancelled') }, code);
}

/**
 * Firefox ESR driven over WebDriver BiDi (node's test runner) with the e2e build, whose card the tests can
 * read (src/page/e2e-hook.ts) and whose test route opens the popup and options pages (src/e2e-route.ts);
 * the lint step built and checked the store build, and these tests check it carries neither.
 */
async function firefox(): Promise<Counts & { note?: string }> {
  const build = await run('wxt', ['build', '-b', 'firefox', '--mv3', '--mode', 'e2e']);
  if (build.code !== 0) return { passed: 0, failed: 1, note: `firefox e2e build failed (exit ${build.code})` };
  return nodeTests('tests/firefox/firefox.test.ts', 'firefox.tap');
}

/** Runs node itself (for the built-in test runner), output streamed. */
function runNode(args: readonly string[]): Promise<RunResult> {
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, NO_UPDATE_NOTIFIER: '1' } });
    const timer = setTimeout(() => child.kill('SIGKILL'), STEP_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code: code ?? (signal ? 128 : 1), stdout: '' });
    });
  });
}

async function browser(): Promise<Counts & { note?: string }> {
  rmSync(E2E_JSON, { force: true });
  const { code } = await run('playwright', ['test']);
  type Stats = { expected: number; unexpected: number; flaky: number; skipped: number };
  const report = readJson<{ stats: Stats }>(E2E_JSON);
  if (!report) return { passed: 0, failed: 1, note: `no results (playwright exited ${code})` };
  const { expected, unexpected, flaky, skipped } = report.stats;
  const note = [skipped ? `${skipped} skipped` : '', flaky ? `${flaky} flaky: passed on retry` : ''].filter(Boolean).join(', ') || undefined;
  return { ...withExit({ passed: expected + flaky, failed: unexpected }, code), note };
}

const NEEDED: readonly BrowserId[] = ['chromium', 'firefox'];
type Step = [name: string, run: () => Promise<Counts & { note?: string }>, needs?: BrowserId];

function version(path: string): string {
  const out = spawnSync(path, ['--version'], { encoding: 'utf8', timeout: 20_000 });
  return out.stdout?.trim().split('\n')[0] || 'version unknown';
}

/**
 * Step 0: the browsers the later steps need, installed if missing. Those found are passed on to the later
 * steps through CHROME_PATH / FIREFOX_PATH. Returns the browsers we have.
 */
function browsers(dryRun: boolean): { counts: Counts & { note?: string }; have: Set<BrowserId> } {
  const result = ensureBrowsers(NEEDED, { dryRun });
  for (const id of NEEDED) {
    const path = result.found[id];
    if (!path) continue;
    process.env[BROWSERS[id].envVar] = path;
    console.log(`${BROWSERS[id].label}: ${path} (${version(path)})`);
  }
  for (const line of [...result.notes, ...result.problems]) console.log(line);
  const have = new Set(NEEDED.filter((id) => result.found[id]));
  const missing = NEEDED.filter((id) => !have.has(id)).map((id) => BROWSERS[id].label);
  if (result.problems.length) return { counts: { passed: 0, failed: 1, note: `missing: ${missing.join(', ')}` }, have };
  return { counts: { passed: 1, failed: 0, note: result.dryRun && result.commands.length ? 'dry run: installs planned' : undefined }, have };
}

async function main(): Promise<number> {
  mkdirSync(RESULTS, { recursive: true });
  const steps: Step[] = [
    ['typecheck (tsc)', typecheck],
    ['unit (vitest)', unit],
    ['firefox build + web-ext lint', firefoxLint],
    ['firefox (webdriver bidi)', firefox, 'firefox'],
    ['browser (playwright + chromium)', browser, 'chromium'],
  ];
  const results: StepResult[] = [];
  const started = Date.now();

  const preflight = 'browsers (find or install)';
  banner(preflight);
  const dryRun = process.env.TL_INSTALL_DRY_RUN === '1';
  const { counts: found, have } = browsers(dryRun);
  results.push({ name: preflight, ...found, seconds: (Date.now() - started) / 1000 });
  if (dryRun) {
    console.log('Dry run (TL_INSTALL_DRY_RUN=1): nothing installed, no other step run.');
    steps.length = 0;
  }

  for (const [name, step, needs] of steps) {
    banner(name);
    if (needs && !have.has(needs)) {
      console.log(`skipped: no ${BROWSERS[needs].label} (see the first step)`);
      results.push({ name, passed: 0, failed: 0, seconds: 0, note: `skipped: no ${BROWSERS[needs].label}` });
      continue;
    }
    const t0 = Date.now();
    let counts: Counts & { note?: string };
    try {
      counts = await step();
    } catch (error) {
      console.error(error);
      counts = { passed: 0, failed: 1, note: 'step crashed' };
    }
    results.push({ name, ...counts, seconds: (Date.now() - t0) / 1000 });
  }

  banner('summary');
  const width = Math.max(...results.map((r) => r.name.length));
  for (const r of results) {
    const status = r.failed ? 'FAIL' : 'ok  ';
    const counts = `${r.passed} passed, ${r.failed} failed`;
    console.log(`${status} ${r.name.padEnd(width)}  ${counts.padEnd(22)} ${r.seconds.toFixed(1).padStart(5)} s${r.note ? `  (${r.note})` : ''}`);
  }
  console.log(`total ${((Date.now() - started) / 1000).toFixed(1)} s; machine-readable results in .output/test-results/`);
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(`${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
