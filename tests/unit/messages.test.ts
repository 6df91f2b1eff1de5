import { describe, expect, test } from 'vitest';
import { MAX_MENTIONS_PER_TAB, MAX_MENTION_TEXT, parseMessage, senderMay, tabStateKey } from '@/src/messages';

const mention = (i: number) => ({ id: `f${i}`, kind: 'figure', text: '$1.13 trillion', subject: 'japan_treasury_holdings', status: 'consistent' });
const report = (mentions: unknown[]) => ({
  type: 'annotator:report',
  mentions,
  count: mentions.length,
  annotatorMs: 12.5,
  longestSliceMs: 4,
  phasesMs: { collect: 1, analyze: 10, paint: 1.5 },
  lang: 'en',
});

describe('messages', () => {
  test.each([
    [{ type: 'detector:result', hit: true, ms: 1.5 }, true],
    [{ type: 'detector:result', hit: false, ms: 0, slices: 3, longestSliceMs: 0.2 }, true],
    [{ type: 'popup:command', command: 'next-mention', tabId: 4 }, true],
    [{ type: 'popup:show', tabId: 4, id: 'f1x2' }, true],
    [report([mention(1)]), true],
    // Malformed: wrong types, missing fields, unknown commands, negative tabs, an index instead of an id.
    [{ type: 'detector:result', hit: 'yes', ms: 1 }, false],
    [{ type: 'detector:result', hit: true }, false],
    [{ type: 'popup:command', command: 'rm -rf', tabId: 4 }, false],
    [{ type: 'popup:command', command: 'next-mention', tabId: -1 }, false],
    [{ type: 'popup:show', tabId: 4, index: 0 }, false],
    [report([{ ...mention(1), kind: 'script' }]), false],
    [report([{ ...mention(1), text: 'x'.repeat(MAX_MENTION_TEXT + 1) }]), false],
    [report(Array.from({ length: MAX_MENTIONS_PER_TAB + 1 }, (_, i) => mention(i))), false],
    [{ type: 'something-else' }, false],
    [{}, false],
    [null, false],
    ['detector:result', false],
    [undefined, false],
  ])('parseMessage(%j) accepts it: %s', (value, expected) => {
    expect(parseMessage(value) !== undefined).toBe(expected);
  });

  test('a parsed report is the report, typed', () => {
    const parsed = parseMessage(report([mention(1), mention(2)]));
    expect(parsed?.type).toBe('annotator:report');
    expect(parsed?.type === 'annotator:report' && parsed.mentions.map((m) => m.id)).toEqual(['f1', 'f2']);
  });

  test('tab state keys are per tab', () => {
    expect(tabStateKey(7)).toBe('tab:7');
    expect(tabStateKey(7)).not.toBe(tabStateKey(70));
  });
});

describe('who may send what', () => {
  const ORIGIN = 'chrome-extension://abcdefghijklmnop/';
  const contentScript = { id: 'abcdefghijklmnop', tab: { id: 3, url: 'https://news.example/story' }, url: 'https://news.example/story', frameId: 0 };
  const popup = { id: 'abcdefghijklmnop', url: `${ORIGIN}popup.html?tab=3` };

  test.each([
    ['detector:result', contentScript, true],
    ['annotator:report', contentScript, true],
    ['detector:result', popup, false],
    // A content script in tab 3 cannot command tab 5, or turn highlights off everywhere.
    ['popup:command', contentScript, false],
    ['popup:show', contentScript, false],
    ['popup:command', popup, true],
    // A card opened in a frame closes the others of its own tab, from a content script only.
    ['card:opened', contentScript, true],
    ['card:opened', popup, false],
    ['popup:show', popup, true],
    // The popup opened in a tab (popup.html?tab=N) is still our page.
    ['popup:command', { ...popup, tab: { id: 9, url: popup.url } }, true],
    // A page elsewhere that claims our pages' address without being one of them (no tab, other origin).
    ['popup:command', { id: 'abcdefghijklmnop', url: 'https://evil.example/popup.html' }, false],
    ['popup:command', { id: 'abcdefghijklmnop' }, false],
  ] as const)('%s from %j: %s', (type, sender, expected) => {
    expect(senderMay(type, sender, ORIGIN)).toBe(expected);
  });
});
