/**
 * `npm start`: build the Chrome extension, serve the demo articles and open one in Chromium with the
 * extension loaded. With a display, a normal window stays open until the user closes it. Without one
 * (CI, SSH), Chromium runs headless: we wait for the extension's report on the page, print it, save a
 * screenshot and exit.
 *
 *   npm start                    English demo article
 *   npm start -- --ja            Japanese demo article
 *   npm start -- --no-build      reuse .output/chrome-mv3
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright';
import type { MentionSummary, TabState } from '../messages';
import { FONT_PACKAGE, hasJapaneseFont } from './browsers';
import { launchWithExtension, readTabState, type LaunchedExtension } from './chromium';
import { serve } from './serve';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const EXTENSION_DIR = join(ROOT, '.output/chrome-mv3');
const DEMO_DIR = join(ROOT, 'src/demo');
const SCREENSHOT = join(ROOT, '.output/demo-screenshot.png');
/** How long a headless run waits for the extension to report on the page. */
const REPORT_TIMEOUT_MS = 10_000;
const REPORT_POLL_MS = 200;
/** The card's fade-in, with room to spare. */
const CARD_SETTLE_MS = 600;

type Options = { build: boolean; article: 'en' | 'ja' };

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { build: true, article: 'en' };
  for (const arg of argv) {
    if (arg === '--no-build') options.build = false;
    else if (arg === '--ja') options.article = 'ja';
    else if (arg === '--en') options.article = 'en';
    else if (arg === '--help' || arg === '-h') {
      console.log('Usage: npm start -- [--ja] [--no-build]');
      process.exit(0);
    } else throw new Error(`Unknown option ${arg} (try --help).`);
  }
  return options;
}

/** Headless Chromium draws Japanese as empty boxes when no Japanese font is installed (bare Debian). */
function warnIfNoJapaneseFont(): void {
  if (hasJapaneseFont() === false) {
    console.log(`Note: no Japanese font is installed, so the screenshot shows boxes (apt-get install ${FONT_PACKAGE}).`);
  }
}

function build(): void {
  const wxt = join(ROOT, 'node_modules/.bin/wxt');
  const result = spawnSync(wxt, ['build'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`wxt build failed (exit ${result.status ?? result.signal}).`);
}

/** Everything a headless run found out about the page. Add fields here as the extension reports more. */
type DemoReport = {
  url: string;
  tabId: number;
  state: TabState;
};

/** Polls the background's session state until it has a report for the page, or gives up. */
async function gatherReport(extension: LaunchedExtension, page: Page): Promise<DemoReport | undefined> {
  const deadline = Date.now() + REPORT_TIMEOUT_MS;
  while (Date.now() < deadline) {
    // Ask for a live worker each time: Chromium may stop an idle MV3 service worker and start a new one.
    const found = await readTabState(await extension.worker(), page.url()).catch(() => undefined);
    // A hit is followed by the annotator's report (the mentions); a miss is final.
    if (found?.state && (!found.state.hit || found.state.mentions)) return { url: page.url(), tabId: found.tabId, state: found.state };
    await new Promise((done) => setTimeout(done, REPORT_POLL_MS));
  }
  return undefined;
}

function formatReport(report: DemoReport): string[] {
  const { state } = report;
  return [
    `Page:      ${report.url}`,
    `Detector:  ${state.hit ? 'matched — the page is about the topic' : 'no match — the page is not about the topic'}`,
    `Time:      ${state.detectorMs.toFixed(2)} ms for the trigger test${state.annotatorMs !== undefined ? `, ${state.annotatorMs.toFixed(1)} ms to annotate` : ''}`,
    `Found:     ${state.count ?? 0} highlighted mention(s)`,
    ...(state.mentions ?? []).map((m, i) => `  ${String(i + 1).padStart(2)}. ${describe(m)}`),
  ];
}

function describe(m: MentionSummary): string {
  const text = m.text.length > 70 ? `${m.text.slice(0, 69)}…` : m.text;
  if (m.kind === 'remark') return `remark (${m.remark}): "${text}"${m.claims?.length ? ` [claim: ${m.claims.join(', ')}]` : ''}`;
  const official = m.officialUsd !== undefined ? `; official $${(m.officialUsd / 1e9).toFixed(1)} bn at ${m.officialMonth}` : '';
  return `figure "${text}" — ${m.subject}, ${m.status ?? 'not judged'}${official}${m.claims?.length ? ` [claim: ${m.claims.join(', ')}]` : ''}`;
}

/** Rests the pointer on the first highlighted figure so the screenshot shows a card. */
async function openFirstCard(page: Page): Promise<boolean> {
  const point = await page.evaluate(() => {
    for (const [name, highlight] of CSS.highlights) {
      if (!name.startsWith('treasury-lens-disputed') && !name.startsWith('treasury-lens-consistent')) continue;
      for (const range of highlight as unknown as Iterable<Range>) {
        range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
        const rect = range.getClientRects()[0];
        if (rect) return { x: rect.left + Math.min(8, rect.width / 2), y: rect.top + rect.height / 2 };
      }
    }
    return undefined;
  });
  if (!point) return false;
  await page.mouse.move(point.x, point.y);
  return page
    // The card's host is in the page only while the card is open (its shadow root is closed to the page).
    .waitForFunction(() => Boolean(document.querySelector('[data-treasury-lens-card]')), null, { timeout: 3000 })
    .then(async () => {
      // Let the card finish its fade-in before the picture is taken.
      await page.waitForTimeout(CARD_SETTLE_MS);
      return true;
    })
    .catch(() => false);
}

function printReport(report: DemoReport): void {
  console.log(['', 'Treasury Lens report', ...formatReport(report).map((line) => `  ${line}`), ''].join('\n'));
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  if (options.build) build();

  const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  const server = await serve({ root: DEMO_DIR });
  let extension: LaunchedExtension | undefined;
  try {
    extension = await launchWithExtension({
      extensionDir: EXTENSION_DIR,
      headless: !hasDisplay,
      viewport: hasDisplay ? null : { width: 1280, height: 800 },
    });
    const url = new URL(`${options.article}.html`, server.url).href;
    const page = extension.context.pages()[0] ?? (await extension.context.newPage());
    await page.goto(url);

    if (hasDisplay) {
      console.log(`Opened ${url} with Treasury Lens loaded. Close the browser window to quit.`);
      const closed = new Promise<void>((done) => extension!.context.once('close', () => done()));
      const interrupted = new Promise<void>((done) => process.once('SIGINT', () => done()));
      await Promise.race([closed, interrupted]);
      return 0;
    }

    console.log(`No display (DISPLAY/WAYLAND_DISPLAY unset): running Chromium headless on ${url}`);
    if (options.article === 'ja') warnIfNoJapaneseFont();
    const report = await gatherReport(extension, page);
    if (!report) {
      throw new Error(`The extension did not report on ${url} within ${REPORT_TIMEOUT_MS / 1000} s.`);
    }
    printReport(report);
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    const card = await openFirstCard(page);
    // With a card open the screenshot is of the viewport (the card floats over it); else the whole page.
    await page.screenshot({ path: SCREENSHOT, fullPage: !card });
    console.log(`Screenshot${card ? ' (with the card of the first highlighted figure)' : ''}: ${relative(process.cwd(), SCREENSHOT) || SCREENSHOT}`);
    return 0;
  } finally {
    await extension?.close();
    await server.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
