/**
 * WXT's content-script handshake, kept from the page. A newer copy of a content script announces itself
 * with a `document` event, and older copies stop when they hear it. A page can dispatch that event too,
 * and so switch us off. Our scripts never run twice side by side (the annotator keeps one instance per
 * page), so while this copy is alive (the extension has not been reloaded: `runtime.id` is still
 * there) any such event is forged, and it stops at `window` before WXT's listener on `document` hears it.
 * An orphaned copy lets it through and stops, as WXT intends. (`noScriptStartedPostMessage` in each
 * content script's definition keeps the announcement itself, with our id, out of the page's messages.)
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

export function keepHandshakeFromPage(ctx: ContentScriptContext, alive: () => boolean): void {
  const type = (ctx.constructor as unknown as { SCRIPT_STARTED_MESSAGE_TYPE: string }).SCRIPT_STARTED_MESSAGE_TYPE;
  window.addEventListener(
    type,
    (event) => {
      if (alive()) event.stopImmediatePropagation();
    },
    { capture: true, signal: ctx.signal },
  );
}
