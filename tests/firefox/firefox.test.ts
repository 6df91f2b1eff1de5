/**
 * The Firefox ESR tests: the extension's Firefox e2e build in Firefox over WebDriver BiDi (tests/firefox/
 * harness.ts), the same behaviours as the Chromium suite (tests/e2e), one file per concern. One browser
 * for all of them: a Firefox start costs several seconds here, and each concern leaves the shared profile's
 * settings at their defaults.
 *
 * Run by `npm test` (step "firefox"), which builds it; alone: `npm run test:firefox`.
 */
import { cardTests } from './card';
import { highlightTests } from './highlights';
import { optionsTests } from './options';
import { popupTests } from './popup';
import { privateWindowTests } from './private-window';
import { storeBuildTests } from './store-build';
import { toggleTests } from './toggle';
import { useFirefox } from './harness';

const ff = useFirefox();
storeBuildTests();
highlightTests(ff);
cardTests(ff);
toggleTests(ff);
popupTests(ff);
optionsTests(ff);
privateWindowTests(ff);
