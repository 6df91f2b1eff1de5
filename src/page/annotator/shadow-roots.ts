/**
 * The annotator's part of src/page/late-shadow-roots.ts: every scan notes the open shadow roots there are
 * as it starts (it reads them all) and has them watched; the timed checks between scans ask for a scan
 * when a root with topic text appears, and have an empty one watched until it fills.
 */
import { mayMatter } from '../../engine/analyze';
import type { Dataset } from '../../engine/dataset';
import { checkForLateShadowRoots, ShadowRootsSeen } from '../late-shadow-roots';
import type { Lifetime } from './lifetime';

export type ShadowRootWatch = {
  /** Called as a scan starts: the roots there are now are read by it. */
  scanning(): void;
};

export function watchLateShadowRoots(life: Lifetime, doc: Document, ds: Dataset, watch: (root: ShadowRoot) => void, rescan: () => void): ShadowRootWatch {
  const seen = new ShadowRootsSeen(watch);
  const scope = () => doc.body ?? doc.documentElement;
  // The checks' timers end with the lifetime.
  checkForLateShadowRoots(
    (run, ms) => life.timeout(run, ms),
    () => {
      if (seen.fresh(scope()).some((root) => mayMatter(ds, root.textContent ?? ''))) rescan();
    },
  );
  return { scanning: () => void seen.fresh(scope()) };
}
