/** The card's host element, as the page sees it. Kept free of imports: the browser tests read the budget from here. */

/**
 * The host element is a built-in one: a page can define a custom element under any name it sees, and the
 * browser would then upgrade our host (its constructor and callbacks run on it, as a test showed for a
 * random name the page read off the host). A built-in element is never upgraded. Outside checks find the
 * card by CARD_HOST_ATTR, or as assistive technology does: a dialog whose name starts with "Treasury Lens".
 * The shadow root is closed (open, with E2E_HOOK_ATTR on the host, only in the e2e build: e2e-hook.ts).
 */
export const CARD_HOST_TAG = 'span';
export const CARD_HOST_ATTR = 'data-treasury-lens-card';
/**
 * Times the host is put back after the page removed it while the card was open; after that a removal
 * closes the card (a page that removes it on sight would otherwise keep us busy for good).
 */
export const MAX_HOST_RESTORES = 3;
