/**
 * The one place that knows where the browsers we run live and how to get them: Chromium (for `npm start`
 * and the Chromium tests) and Firefox ESR (for the Firefox tests), with a Japanese font so that Japanese
 * pages and cards do not render as empty boxes. What is missing is installed from Debian's packages with
 * apt-get when we are root; otherwise we stop with one line saying how.
 *
 * Environment:
 *   CHROME_PATH, FIREFOX_PATH   a browser binary to use as it is (nothing is searched or installed)
 *   TL_BROWSER_PATH             the directories to search instead of the usual ones, `:`-separated;
 *                               set it to an empty directory (or to nothing) to act as a bare machine
 *   TL_INSTALL_DRY_RUN=1        print the apt-get commands instead of running them
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { join } from 'node:path';

export type BrowserId = 'chromium' | 'firefox';

type BrowserSpec = {
  label: string;
  /** Environment variable naming a binary to use instead of searching. */
  envVar: string;
  /** File names looked for in each search directory, best first. */
  names: readonly string[];
  /** The Debian package that provides it. */
  aptPackage: string;
};

export const BROWSERS: Record<BrowserId, BrowserSpec> = {
  chromium: { label: 'Chromium', envVar: 'CHROME_PATH', names: ['chromium', 'chromium-browser', 'google-chrome'], aptPackage: 'chromium' },
  firefox: { label: 'Firefox ESR', envVar: 'FIREFOX_PATH', names: ['firefox-esr', 'firefox'], aptPackage: 'firefox-esr' },
};

/**
 * `/usr/lib/chromium` first: it holds Debian's real Chromium binary, while `/usr/bin/chromium` is a
 * wrapper script that prints a shell warning and adds flags of its own.
 */
export const DEFAULT_SEARCH_PATH: readonly string[] = ['/usr/lib/chromium', '/usr/bin'];

/** Japanese glyphs for headless screenshots (a bare Debian has no CJK font). */
export const FONT_PACKAGE = 'fonts-noto-cjk';

export type Env = Readonly<Record<string, string | undefined>>;

/** What we may do on this machine. */
export type System = {
  isRoot: boolean;
  hasApt: boolean;
  /** True or false when it can be told (fontconfig), undefined when it cannot. */
  hasJapaneseFont: () => boolean | undefined;
};

export type Plan = {
  /** Browsers already here, by id. */
  found: Partial<Record<BrowserId, string>>;
  /** Browsers asked for and not found. */
  missing: BrowserId[];
  /** apt-get commands that would get what is missing (empty when nothing is, or when we may not). */
  commands: string[][];
  /** One line each, saying what the user must do; non-empty means we cannot go on. */
  problems: string[];
  /** Worth saying, but nothing fails for it (a missing Japanese font we may not install). */
  notes: string[];
};

export type EnsureResult = Pick<Plan, 'found' | 'problems' | 'notes'> & {
  /** The commands that were run, or that a dry run would have run. */
  commands: string[][];
  dryRun: boolean;
};

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function searchPath(env: Env = process.env): string[] {
  const value = env.TL_BROWSER_PATH;
  return value === undefined ? [...DEFAULT_SEARCH_PATH] : value.split(':').filter(Boolean);
}

/** Every path where the browser is looked for, best first. */
export function candidates(id: BrowserId, env: Env = process.env): string[] {
  return searchPath(env).flatMap((dir) => BROWSERS[id].names.map((name) => join(dir, name)));
}

type Lookup = { path: string } | { problem: string } | undefined;

function lookUp(id: BrowserId, env: Env): Lookup {
  const { envVar } = BROWSERS[id];
  const fromEnv = env[envVar];
  if (fromEnv) {
    return isExecutable(fromEnv) ? { path: fromEnv } : { problem: `${envVar} is set to ${fromEnv}, which is not an executable file.` };
  }
  const path = candidates(id, env).find(isExecutable);
  return path ? { path } : undefined;
}

/** Path of the browser if it is here (its environment variable, else the search path); never installs. */
export function locate(id: BrowserId, env: Env = process.env): string | undefined {
  const found = lookUp(id, env);
  return found && 'path' in found ? found.path : undefined;
}

export function hasJapaneseFont(): boolean | undefined {
  const fonts = spawnSync('fc-list', [':lang=ja', 'family'], { encoding: 'utf8' });
  return fonts.status === 0 ? fonts.stdout.trim() !== '' : undefined;
}

export function thisSystem(): System {
  return { isRoot: process.getuid?.() === 0, hasApt: existsSync('/usr/bin/apt-get'), hasJapaneseFont };
}

const APT_INSTALL = ['apt-get', 'install', '-y', '-qq', '--no-install-recommends'];

function listed(labels: readonly string[]): string {
  return labels.length < 2 ? labels.join('') : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
}

/** What is here, what is missing and how we would get it. Pure apart from looking at the file system. */
export function planBrowsers(ids: readonly BrowserId[], { env = process.env, system = thisSystem() }: { env?: Env; system?: System } = {}): Plan {
  const plan: Plan = { found: {}, missing: [], commands: [], problems: [], notes: [] };
  for (const id of ids) {
    const found = lookUp(id, env);
    if (!found) plan.missing.push(id);
    else if ('path' in found) plan.found[id] = found.path;
    else plan.problems.push(found.problem);
  }
  // Installed with the browsers whenever we install them (apt-get skips it if it is there); on its own only
  // when fontconfig says no Japanese font is installed.
  const fontMissing = plan.missing.length > 0 || system.hasJapaneseFont() === false;
  const packages = [...plan.missing.map((id) => BROWSERS[id].aptPackage), ...(fontMissing ? [FONT_PACKAGE] : [])];
  if (!packages.length) return plan;
  if (system.isRoot && system.hasApt) {
    plan.commands.push(['apt-get', 'update', '-qq'], [...APT_INSTALL, ...packages]);
    return plan;
  }
  const how = system.hasApt ? `sudo apt-get install ${packages.join(' ')}` : 'your package manager';
  if (!plan.missing.length) {
    plan.notes.push(`No Japanese font is installed, so Japanese text renders as boxes: install one (${how}).`);
    return plan;
  }
  const labels = plan.missing.map((id) => BROWSERS[id].label);
  const vars = plan.missing.map((id) => BROWSERS[id].envVar).join(' / ');
  plan.problems.push(
    `${listed(labels)} not found in ${searchPath(env).join(':') || '(an empty search path)'}: install ${plan.missing.length > 1 ? 'them' : 'it'} (${how}) or set ${vars} to ${plan.missing.length > 1 ? 'their binaries' : 'its binary'}.`,
  );
  return plan;
}

export type EnsureOptions = {
  env?: Env;
  system?: System;
  /** Print the commands instead of running them. Defaults to TL_INSTALL_DRY_RUN=1. */
  dryRun?: boolean;
  log?: (line: string) => void;
  /** Runs one command, returns its exit status (apt-get by default, its output on stderr). */
  exec?: (command: readonly string[]) => number | null;
};

function aptExec(command: readonly string[]): number | null {
  // apt's progress goes to stderr (fd 2) so that stdout stays readable for whoever called us.
  const [bin, ...args] = command;
  return spawnSync(bin!, args, { stdio: ['ignore', 2, 2], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status;
}

/**
 * Finds the browsers and installs what is missing (see the top of this file). Never throws: what stands in
 * the way is in `problems`, one line each.
 */
export function ensureBrowsers(ids: readonly BrowserId[], options: EnsureOptions = {}): EnsureResult {
  const env = options.env ?? process.env;
  const { log = console.log, exec = aptExec } = options;
  const dryRun = options.dryRun ?? env.TL_INSTALL_DRY_RUN === '1';
  const plan = planBrowsers(ids, { env, system: options.system ?? thisSystem() });
  const result: EnsureResult = { found: plan.found, problems: plan.problems, notes: plan.notes, commands: plan.commands, dryRun };
  if (!plan.commands.length || plan.problems.length) return result;

  const what = plan.missing.length ? `${listed(plan.missing.map((id) => BROWSERS[id].label))} not found` : 'No Japanese font';
  if (dryRun) {
    log(`${what}; dry run (TL_INSTALL_DRY_RUN=1), would run:`);
    for (const command of plan.commands) log(`  would run: ${command.join(' ')}`);
    return result;
  }
  log(`${what}; installing with apt-get (${plan.commands.map((c) => c.join(' ')).join(' && ')})...`);
  for (const command of plan.commands) {
    const status = exec(command);
    if (status !== 0) {
      const manual = plan.commands.at(-1)!.join(' ');
      return { ...result, problems: [`${command.slice(0, 2).join(' ')} failed (exit ${status}): run ${manual} yourself, or set ${ids.map((id) => BROWSERS[id].envVar).join(' / ')}.`] };
    }
  }
  for (const id of plan.missing) {
    const path = locate(id, env);
    if (path) result.found[id] = path;
    else result.problems.push(`${BROWSERS[id].aptPackage} was installed, but no ${BROWSERS[id].label} is in ${searchPath(env).join(':')}: set ${BROWSERS[id].envVar}.`);
  }
  return result;
}

/** Path of one browser, installed first if need be; throws a one-line Error saying what to do otherwise. */
export function findBrowser(id: BrowserId, options: EnsureOptions = {}): string {
  const { found, problems, dryRun } = ensureBrowsers([id], options);
  const path = found[id];
  if (path) return path;
  throw new Error(problems[0] ?? (dryRun ? `${BROWSERS[id].label} not found (dry run: nothing installed).` : `${BROWSERS[id].label} not found.`));
}

export const findChromium = (options?: EnsureOptions): string => findBrowser('chromium', options);
export const findFirefox = (options?: EnsureOptions): string => findBrowser('firefox', options);
