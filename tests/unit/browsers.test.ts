import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { candidates, ensureBrowsers, findChromium, planBrowsers, thisSystem, type System } from '../../src/cli/browsers';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const root: System = { isRoot: true, hasApt: true, hasJapaneseFont: () => true };
const user: System = { ...root, isRoot: false };
const INSTALL_ALL = ['apt-get', 'install', '-y', '-qq', '--no-install-recommends', 'chromium', 'firefox-esr', 'fonts-noto-cjk'];

describe('browsers: finding and installing Chromium and Firefox ESR', () => {
  let empty: string;
  let stocked: string;

  beforeAll(() => {
    empty = mkdtempSync(join(tmpdir(), 'browsers-empty-'));
    stocked = mkdtempSync(join(tmpdir(), 'browsers-stocked-'));
    for (const name of ['chromium', 'firefox-esr']) {
      writeFileSync(join(stocked, name), '#!/bin/sh\necho fake\n');
      chmodSync(join(stocked, name), 0o755);
    }
    writeFileSync(join(stocked, 'firefox'), 'not executable');
    mkdirSync(join(stocked, 'sub'));
  });
  afterAll(() => {
    rmSync(empty, { recursive: true, force: true });
    rmSync(stocked, { recursive: true, force: true });
  });

  test('TL_BROWSER_PATH replaces the usual directories; unset, Debian’s real Chromium binary comes first', () => {
    expect(candidates('firefox', { TL_BROWSER_PATH: `${empty}:${stocked}` })).toEqual([
      join(empty, 'firefox-esr'),
      join(empty, 'firefox'),
      join(stocked, 'firefox-esr'),
      join(stocked, 'firefox'),
    ]);
    expect(candidates('chromium', {})[0]).toBe('/usr/lib/chromium/chromium');
    expect(candidates('chromium', { TL_BROWSER_PATH: '' })).toEqual([]);
  });

  test('an empty search path as root with apt: both browsers and the CJK font planned in one apt-get install', () => {
    const plan = planBrowsers(['chromium', 'firefox'], { env: { TL_BROWSER_PATH: empty }, system: root });
    expect(plan).toEqual({
      found: {},
      missing: ['chromium', 'firefox'],
      commands: [['apt-get', 'update', '-qq'], INSTALL_ALL],
      problems: [],
      notes: [],
    });
  });

  test('not root: one line saying how, and nothing planned', () => {
    const plan = planBrowsers(['chromium', 'firefox'], { env: { TL_BROWSER_PATH: empty }, system: user });
    expect(plan.commands).toEqual([]);
    expect(plan.problems).toHaveLength(1);
    expect(plan.problems[0]).not.toContain('\n');
    expect(plan.problems[0]).toContain('Chromium and Firefox ESR not found');
    expect(plan.problems[0]).toContain('sudo apt-get install chromium firefox-esr fonts-noto-cjk');
    expect(plan.problems[0]).toContain('CHROME_PATH / FIREFOX_PATH');
    const noApt = planBrowsers(['firefox'], { env: { TL_BROWSER_PATH: empty }, system: { ...user, hasApt: false } });
    expect(noApt.problems).toEqual([expect.stringMatching(/^Firefox ESR not found .*your package manager.* FIREFOX_PATH/)]);
  });

  test('found in the search path or through CHROME_PATH / FIREFOX_PATH: nothing to install; a bad override is a problem', () => {
    const env = { TL_BROWSER_PATH: `${empty}:${stocked}` };
    expect(planBrowsers(['chromium', 'firefox'], { env, system: root })).toMatchObject({
      found: { chromium: join(stocked, 'chromium'), firefox: join(stocked, 'firefox-esr') },
      missing: [],
      commands: [],
      problems: [],
    });
    const viaEnv = planBrowsers(['chromium'], { env: { TL_BROWSER_PATH: empty, CHROME_PATH: join(stocked, 'chromium') }, system: root });
    expect(viaEnv.found.chromium).toBe(join(stocked, 'chromium'));
    const bad = planBrowsers(['firefox'], { env: { FIREFOX_PATH: join(stocked, 'firefox') }, system: root });
    expect(bad.problems).toEqual([`FIREFOX_PATH is set to ${join(stocked, 'firefox')}, which is not an executable file.`]);
    expect(bad.commands).toEqual([]);
  });

  test('browsers here but no Japanese font: the font alone as root, a note otherwise', () => {
    const env = { TL_BROWSER_PATH: stocked };
    const noFont = (s: System): System => ({ ...s, hasJapaneseFont: () => false });
    expect(planBrowsers(['chromium'], { env, system: noFont(root) }).commands.at(-1)?.slice(-1)).toEqual(['fonts-noto-cjk']);
    const asUser = planBrowsers(['chromium'], { env, system: noFont(user) });
    expect(asUser.problems).toEqual([]);
    expect(asUser.notes).toEqual([expect.stringContaining('sudo apt-get install fonts-noto-cjk')]);
  });

  test('the dry-run installer prints the commands and runs none; the real one runs them and looks again', () => {
    const lines: string[] = [];
    const ran: string[][] = [];
    const env = { TL_BROWSER_PATH: empty, TL_INSTALL_DRY_RUN: '1' };
    const dry = ensureBrowsers(['chromium', 'firefox'], { env, system: root, log: (l) => lines.push(l), exec: (c) => (ran.push([...c]), 0) });
    expect(ran).toEqual([]);
    expect(dry).toMatchObject({ dryRun: true, found: {}, problems: [], commands: [['apt-get', 'update', '-qq'], INSTALL_ALL] });
    expect(lines).toContain(`  would run: ${INSTALL_ALL.join(' ')}`);
    expect(() => findChromium({ env, system: root, log: () => {} })).toThrow(/dry run/);

    // A "real" install that puts nothing in the search path: the commands run, and the result says so.
    const real = ensureBrowsers(['chromium'], { env: { TL_BROWSER_PATH: empty }, system: root, log: () => {}, exec: (c) => (ran.push([...c]), 0) });
    expect(ran.map((c) => c[1])).toEqual(['update', 'install']);
    expect(real.problems).toEqual([expect.stringMatching(/^chromium was installed, but no Chromium is in .*: set CHROME_PATH\.$/)]);
    const failing = ensureBrowsers(['firefox'], { env: { TL_BROWSER_PATH: empty }, system: root, log: () => {}, exec: () => 100 });
    expect(failing.problems).toEqual([expect.stringMatching(/^apt-get update failed \(exit 100\): run apt-get install .* firefox-esr fonts-noto-cjk yourself/)]);
  });

  test('npm test on a bare machine (empty TL_BROWSER_PATH, dry-run installer) plans both installs and does not fail', () => {
    const env: Record<string, string | undefined> = { ...process.env, TL_BROWSER_PATH: empty, TL_INSTALL_DRY_RUN: '1' };
    delete env.CHROME_PATH;
    delete env.FIREFOX_PATH;
    const run = spawnSync(join(ROOT, 'node_modules/.bin/tsx'), ['tests/run.ts'], { cwd: ROOT, env, encoding: 'utf8', timeout: 60_000 });
    const lines = run.stdout.trim().split('\n');
    const system = thisSystem();
    if (system.isRoot && system.hasApt) {
      expect(run.status, run.stdout + run.stderr).toBe(0);
      expect(run.stdout).toContain(`would run: ${INSTALL_ALL.join(' ')}`);
      expect(lines.at(-1)).toBe('1 passed, 0 failed');
    } else {
      // Where we may not install, the same run stops at one line saying how.
      expect(run.stdout).toContain('sudo apt-get install chromium firefox-esr fonts-noto-cjk');
      expect(lines.at(-1)).toBe('0 passed, 1 failed');
    }
    // Only the browser step ran: no type-check, no tests.
    expect(run.stdout).not.toContain('typecheck (tsc)');
  }, 60_000);
});
