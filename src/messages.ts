/** Messages between the content scripts, the popup and the background. One union, checked by `type`. */

export type DetectorResult = {
  type: 'detector:result';
  /** Whether the page's title or text matched the trigger vocabulary. */
  hit: boolean;
  /** Time the trigger test took, in ms. */
  ms: number;
};

export type Message = DetectorResult;

/** What the background keeps for each tab in session storage (the service worker can be stopped). */
export type TabState = {
  url: string;
  hit: boolean;
  detectorMs: number;
  updatedAt: number;
};

export const tabStateKey = (tabId: number) => `tab:${tabId}`;

export function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && (value as { type?: unknown }).type === 'detector:result';
}
