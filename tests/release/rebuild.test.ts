/**
 * The store packages can be rebuilt from the sources zip, as a store reviewer would: `npm run zip` and
 * `npm run zip:firefox` here give the shipped packages and the sources zip; the sources zip is unpacked in a
 * temporary folder, the commands of the README's "Build from source" section (read from the README inside
 * that zip) are run there, and both rebuilt packages are compared with the shipped ones file by file.
 *
 * `npm run test:rebuild`; not part of `npm test`: 56 s on an idle 2-core machine, 111–180 s on a busy one,
 * most of it `npm ci` in the temporary folder.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const packageFile = (dir: string, kind: 'chrome' | 'firefox' | 'sources') => join(dir, '.output', `${name}-${version}-${kind}.zip`);

type Files = Map<string, Buffer>;

async function unzip(path: string): Promise<Files> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const files: Files = new Map();
  for (const entry of Object.values(zip.files)) {
    if (!entry.dir) files.set(entry.name, await entry.async('nodebuffer'));
  }
  return files;
}

/** Runs one shell line in `cwd`; fails the test with its output if it fails. */
function sh(line: string, cwd: string): void {
  const result = spawnSync('sh', ['-c', line], {
    cwd,
    encoding: 'utf8',
    // The reviewer's `npm ci` downloads; ours may take the packages from npm's cache.
    env: { ...process.env, npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', NO_UPDATE_NOTIFIER: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(result.status, 0, `"${line}" failed in ${cwd} (exit ${result.status}):\n${result.stdout}\n${result.stderr}`.slice(-4000));
}

/** The commands of the README's "Build from source" section: the lines of its first sh block. */
export function buildCommands(readme: string): string[] {
  const section = /^## Build from source\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1];
  assert.ok(section, 'the README has a "## Build from source" section');
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(block, 'the "Build from source" section has an sh code block');
  return block
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line && !line.startsWith('#'));
}

/** Every difference between two packages, one line each (empty when they hold the same files, byte for byte). */
function differences(shipped: Files, rebuilt: Files): string[] {
  const out: string[] = [];
  for (const [file, bytes] of shipped) {
    const other = rebuilt.get(file);
    if (!other) out.push(`${file}: missing from the rebuilt package`);
    else if (!bytes.equals(other)) out.push(`${file}: differs (${bytes.length} B shipped, ${other.length} B rebuilt)`);
  }
  for (const file of rebuilt.keys()) if (!shipped.has(file)) out.push(`${file}: only in the rebuilt package`);
  return out;
}

describe('store packages rebuilt from the sources zip', () => {
  let work: string;
  let sources: Files;

  before(async () => {
    sh('npm run zip', ROOT);
    sh('npm run zip:firefox', ROOT);
    sources = await unzip(packageFile(ROOT, 'sources'));
    work = mkdtempSync(join(tmpdir(), 'treasury-lens-sources-'));
    for (const [file, bytes] of sources) {
      mkdirSync(dirname(join(work, file)), { recursive: true });
      writeFileSync(join(work, file), bytes);
    }
  });

  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  test('the sources zip holds the build inputs, and no dependencies, build output, tests or dotfiles', () => {
    for (const file of ['package.json', 'package-lock.json', 'wxt.config.ts', 'README.md', 'data/holdings.json']) {
      assert.ok(sources.has(file), `${file} is in the sources zip`);
    }
    const unwanted = [...sources.keys()].filter((f) => /^(node_modules|\.output|tests)\//.test(f) || /(^|\/)\./.test(f));
    assert.deepEqual(unwanted, []);
  });

  test('the README commands rebuild both packages, file for file the same as the shipped ones', async () => {
    const commands = buildCommands(sources.get('README.md')!.toString('utf8'));
    assert.ok(commands.includes('npm ci'), `"npm ci" is one of the commands (${commands.join('; ')})`);
    for (const line of commands) sh(line, work);
    for (const kind of ['chrome', 'firefox'] as const) {
      const shipped = await unzip(packageFile(ROOT, kind));
      const rebuilt = await unzip(packageFile(work, kind));
      assert.ok(shipped.has('manifest.json'), `the shipped ${kind} package has a manifest`);
      assert.deepEqual(differences(shipped, rebuilt), [], `${kind} package rebuilt from sources`);
    }
  });
});
