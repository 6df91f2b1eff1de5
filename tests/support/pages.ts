/** The fixture pages the browser tests serve (Chromium and Firefox alike), and the headers some are served with. */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PAGES_DIR = join(resolve(dirname(fileURLToPath(import.meta.url)), '../..'), 'tests/fixtures/pages');

/** Extra response headers by fixture path: csp.html is served with a strict policy, as many news sites are. */
export const PAGE_HEADERS = {
  '/csp.html': { 'Content-Security-Policy': "default-src 'self'; style-src 'self'; script-src 'self'" },
};
