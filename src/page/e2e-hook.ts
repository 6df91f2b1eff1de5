/**
 * The one test-only hook in the extension. In the store build the card's shadow root is closed, so page
 * scripts cannot read or change the card (`host.shadowRoot` is null to them). The browser tests read the
 * card with Playwright's locators, which pierce only open roots, so the e2e build (`wxt build --mode e2e`,
 * never shipped) opens the root and marks the host with this attribute. A test checks that the store build
 * holds no trace of it. Kept free of imports: the tests read the name from here.
 */
export const E2E_HOOK_ATTR = 'data-treasury-lens-e2e-hook';
