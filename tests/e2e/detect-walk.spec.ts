/**
 * The detector's sliced walk (src/page/detect.ts) against Chromium's own DOM: how a TreeWalker behaves
 * when the page removes the node it stands on is a browser matter (linkedom, used by the unit tests,
 * walks on where Chromium stops), so this runs the module itself, bundled, in a real page.
 */
import { readFileSync } from 'node:fs';
import { buildSync } from 'esbuild';
import type { VocabularyFile } from '../../src/data/schema';
import { detectorAnchorSources, detectorTriggerSource } from '../../src/engine/terms';
import { expect, test } from './fixtures';

const detect = buildSync({ entryPoints: ['src/page/detect.ts'], bundle: true, format: 'iife', globalName: 'TreasuryLensDetect', write: false }).outputFiles[0]!.text;
const vocabulary = JSON.parse(readFileSync(new URL('../../data/vocabulary.json', import.meta.url), 'utf8')) as VocabularyFile;
const expressions = { anchors: detectorAnchorSources(vocabulary), full: detectorTriggerSource(vocabulary) };

const paragraphs = Array.from({ length: 400 }, (_, i) => `<p>Paragraph ${i} about gardens and the weather.</p>`).join('');

for (const rerender of [false, true]) {
  test(`a sliced walk finds the story after the header${rerender ? ', even when the page re-renders the header mid-walk' : ''}`, async ({ page }) => {
    await page.setContent(`<div id="header">${paragraphs}</div><article><p>Japan holds $1.13 trillion of U.S. Treasuries.</p></article>`);
    await page.addScriptTag({ content: detect });
    const result = await page.evaluate(
      ({ expressions, rerender }) => {
        type Scan = { hit: boolean; slices: number };
        const api = (window as unknown as { TreasuryLensDetect: { compileTrigger: Function; scanText: Function } }).TreasuryLensDetect;
        const trigger = api.compileTrigger(expressions.anchors, expressions.full);
        const queue: Array<() => void> = [];
        let clock = 0;
        let out: Scan | undefined;
        // A fake clock: a slice ends after a few dozen nodes, so the walk stops inside the header.
        api.scanText([document.body], trigger, { sliceMs: 0.25, schedule: (next: () => void) => queue.push(next), now: () => (clock += 0.1) }, (r: Scan) => (out = r));
        const firstSliceDone = out === undefined;
        if (rerender) {
          const header = document.getElementById('header')!;
          header.replaceWith(header.cloneNode(true));
        }
        while (!out && queue.length) queue.shift()!();
        return { firstSliceDone, hit: out?.hit, slices: out?.slices };
      },
      { expressions, rerender },
    );
    expect(result.firstSliceDone).toBe(true);
    expect(result.hit).toBe(true);
    expect(result.slices).toBeGreaterThan(2);
  });
}
