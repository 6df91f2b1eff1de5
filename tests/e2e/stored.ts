/** The extension's stored settings as a test sets them (as a hand-edited profile would), and where screenshots go. */
import { join } from 'node:path';
import type { LaunchedExtension } from '../../src/cli/chromium';

export const SCREENSHOTS = join(process.cwd(), '.output/test-results/screenshots');

/** Writes `values` into the extension's local storage (as a hand-edited profile would), or removes `remove`. */
export async function setStored(extension: LaunchedExtension, values: Record<string, unknown>, remove: string[] = []): Promise<void> {
  const worker = await extension.worker();
  await worker.evaluate(
    async ({ values, remove }) => {
      const { chrome } = globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void>; remove(k: string[]): Promise<void> } } } };
      if (remove.length) await chrome.storage.local.remove(remove);
      if (Object.keys(values).length) await chrome.storage.local.set(values);
    },
    { values, remove },
  );
}

const ALL_SETTINGS = ['highlightsEnabled', 'disabledSites', 'cardOpenMode', 'onlyProblems', 'highlightStyle', 'uiLanguage'];
/** Every test leaves the shared profile's settings at their defaults, and no mention marked "Not about this". */
export const resetStored = (extension: LaunchedExtension) => setStored(extension, {}, [...ALL_SETTINGS, 'dismissedMentions']);

