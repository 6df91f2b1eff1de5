import { describe, expect, test } from 'vitest';
import { isMessage, tabStateKey } from '@/src/messages';

describe('messages', () => {
  test.each([
    [{ type: 'detector:result', hit: true, ms: 1.5 }, true],
    [{ type: 'detector:result', hit: false, ms: 0 }, true],
    [{ type: 'something-else' }, false],
    [{}, false],
    [null, false],
    ['detector:result', false],
    [undefined, false],
  ])('isMessage(%j) is %s', (value, expected) => {
    expect(isMessage(value)).toBe(expected);
  });

  test('tab state keys are per tab', () => {
    expect(tabStateKey(7)).toBe('tab:7');
    expect(tabStateKey(7)).not.toBe(tabStateKey(70));
  });
});
