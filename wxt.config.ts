import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import { detectorAnchorSources, detectorTriggerSource } from './src/engine/terms';
import type { VocabularyFile } from './src/data/schema';
import { readDataset } from './src/data/load-node';
import { chartData } from './src/ui/chart-data';

// The detector carries only this compiled expression, not the dataset.
const vocabulary = JSON.parse(readFileSync(new URL('./data/vocabulary.json', import.meta.url), 'utf8')) as VocabularyFile;

/** The pages we read: the detector's, and the annotator's on demand. */
const PAGES = ['http://*/*', 'https://*/*'];

// The manifest is the same for every browser except where a key only exists in one of them.
// Each permission is justified in README.md ("Privacy").
export default defineConfig({
  // `npm run zip:firefox` also writes the sources zip addons.mozilla.org asks for: everything needed to
  // rebuild the package (README "Build from source"), without the tests and their fixtures.
  zip: {
    excludeSources: ['tests/**', 'playwright.config.ts', 'vitest.config.ts', 'test-results/**', 'playwright-report/**', '**/*.log'],
  },
  modules: ['@wxt-dev/webextension-polyfill'],
  hooks: {
    // The detector runs on every page and must stay a few kB: it talks to the plain extension API
    // (browser in Firefox, chrome in Chrome, both promise-based in MV3) instead of the polyfill the
    // rest of the extension uses.
    'vite:build:extendConfig': (entrypoints, viteConfig) => {
      if (!entrypoints.every((e) => e.name === 'detector')) return;
      const alias = viteConfig.resolve?.alias;
      const entries = Array.isArray(alias) ? alias : Object.entries(alias ?? {}).map(([find, replacement]) => ({ find, replacement: replacement as string }));
      viteConfig.resolve = {
        ...viteConfig.resolve,
        alias: [{ find: /^wxt\/browser$/, replacement: fileURLToPath(import.meta.resolve('wxt/browser')) }, ...entries],
      };
    },
    // An invalid data file fails the build with one line per problem (file, path, what is wrong).
    'build:before': () => {
      readDataset();
    },
  },
  vite: (env) => ({
    // `npm run bench:profile` reads function names in a CPU profile: its build (mode "profile") is not minified.
    ...(env.mode === 'profile' ? { build: { minify: false } } : {}),
    define: {
      __TL_TRIGGER__: JSON.stringify(detectorTriggerSource(vocabulary)),
      __TL_ANCHORS__: JSON.stringify(detectorAnchorSources(vocabulary)),
      // The popup's chart carries the months it shows, not the whole holdings file.
      __TL_CHART__: JSON.stringify(chartData(readDataset())),
    },
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    short_name: 'Treasury Lens',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    action: {
      default_title: '__MSG_actionTitle__',
      default_icon: { 16: 'icon/16.png', 32: 'icon/32.png' },
    },
    // activeTab: "Check this page" and "Check with Treasury Lens" on a site the reader has not let us read
    // (Chrome's "on click" site access, Firefox's permission turned off) work through the click itself.
    permissions: ['storage', 'scripting', 'activeTab', 'contextMenus'],
    // One copy of the extension for normal and private windows (both browsers' default; Firefox has no
    // "split"), so the background sees which window a change comes from and keeps a private one's in
    // memory (src/private-session.ts). README "Privacy" says why.
    incognito: 'spanning',
    // The same scope as the detector's content script: needed to inject the annotator on demand.
    host_permissions: PAGES,
    // The detector (entrypoints/detector.ts) is an unlisted script listed here, not a WXT content script:
    // it stays free of WXT's content-script context. It runs in every frame (an article may be in a
    // same-origin iframe; any other frame costs only its first line).
    content_scripts: [{ matches: PAGES, js: ['detector.js'], run_at: 'document_idle', all_frames: true }],
    commands: {
      'toggle-highlights': {
        suggested_key: { default: 'Alt+Shift+T' },
        description: '__MSG_commandToggle__',
      },
      'next-mention': {
        suggested_key: { default: 'Alt+Shift+N' },
        description: '__MSG_commandNext__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: '{6ea52386-bae1-4712-9bc7-f4a15a997abb}',
              // CSS Custom Highlight API (CSS.highlights) ships in Firefox 140.
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // data_collection_permissions is understood by Firefox for Android from 142.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {
          // CSS Custom Highlight API ships in Chrome 105.
          minimum_chrome_version: '105',
        }),
  }),
});
