/**
 * Code the benchmark runs inside the page, as strings (the TypeScript runner's helpers must not leak
 * into the page), shared by the Chromium and the Firefox drivers.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** One TreeWalker pass reading every nodeValue, once: in a fresh world this is the cold floor. */
export const COLD_PASS = `(() => {
  let nodes = 0, chars = 0;
  const t0 = performance.now();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes++; chars += n.nodeValue.length; }
  return { ms: performance.now() - t0, nodes, chars };
})()`;
export type FloorPass = { ms: number; nodes: number; chars: number };

/** Registered before any page script: every `longtask` entry, and when DOMContentLoaded came. */
export const LONG_TASK_OBSERVER = `(() => {
  const record = { tasks: [], domContentLoadedAt: undefined };
  Object.defineProperty(window, '__benchLongTasks', { value: record });
  document.addEventListener('DOMContentLoaded', () => { record.domContentLoadedAt = performance.now(); }, { once: true });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) record.tasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
})();`;

/** The longest long task after DOMContentLoaded (the page's own building is done by then), ms; 0 if none. */
export const LONGEST_TASK_AFTER_DCL = `(() => {
  const { tasks, domContentLoadedAt } = window.__benchLongTasks;
  const after = tasks.filter(([start]) => domContentLoadedAt !== undefined && start >= domContentLoadedAt);
  return Math.max(0, ...after.map(([, d]) => d));
})()`;

const require = createRequire(import.meta.url);
/** mark.js's UMD build: evaluated as a script it sets `Mark` on the world's global. */
export const MARKJS_SOURCE = readFileSync(require.resolve('mark.js/dist/mark.min.js'), 'utf8');
export const MARKJS_VERSION = (JSON.parse(readFileSync(require.resolve('mark.js/package.json'), 'utf8')) as { version: string }).version;

/** mark.js as a keyword highlighter uses it: every match wrapped in an element, timed synchronously. */
export const markjsRun = (terms: readonly string[]) => `(() => {
  let wraps = 0;
  const t0 = performance.now();
  new Mark(document.body).mark(${JSON.stringify(terms)}, { accuracy: 'exactly', separateWordSearch: false, done: (n) => { wraps = n; } });
  return { ms: performance.now() - t0, wraps };
})()`;
export type MarkjsRun = { ms: number; wraps: number };

/**
 * A live page: `perSecond` DOM changes a second for `seconds` s, in ticks of 10 ms (a clock's text,
 * a ticker replaced, live-blog items added and the oldest removed, every tenth of them about the
 * topic). Resolves with the longest gap between two ticks, ms: how long the page had to wait.
 */
export const mutationStorm = (perSecond: number, seconds: number) => `new Promise((resolve) => {
  const TICK_MS = 10, PER_TICK = Math.max(1, Math.round(${perSecond} * TICK_MS / 1000));
  const box = document.createElement('aside');
  box.innerHTML = '<p class="clock">00:00:00.000</p><p class="ticker">Nikkei 225</p><ul class="live"></ul>';
  document.body.append(box);
  const clock = box.querySelector('.clock').firstChild, ticker = box.querySelector('.ticker'), live = box.querySelector('.live');
  const topic = 'Live: strategists say Japan\\'s holdings of U.S. Treasuries are in focus again as talks resume.';
  let n = 0, last = performance.now(), gap = 0;
  const end = last + ${seconds} * 1000;
  const timer = setInterval(() => {
    const now = performance.now();
    gap = Math.max(gap, now - last);
    last = now;
    for (let k = 0; k < PER_TICK; k++, n++) {
      const kind = n % 10;
      if (kind < 7) clock.data = new Date(now).toISOString().slice(11, 23) + ' #' + n;
      else if (kind < 9) ticker.textContent = 'Nikkei 225 ' + (38000 + (n % 500)) + ' (' + n + ')';
      else {
        const li = document.createElement('li');
        li.textContent = n % 100 === 9 ? topic : 'Update ' + n + ': markets steady in Tokyo trading.';
        live.prepend(li);
        if (live.childElementCount > 50) live.lastElementChild.remove();
      }
    }
    if (now >= end) { clearInterval(timer); resolve(gap); }
  }, TICK_MS);
})`;
