/**
 * MAIN-world tap on fetch and XMLHttpRequest in the services' web apps and consoles (Chrome has
 * no response-body API for extensions). See core/watch/fetch-tap.ts for what it promises the page.
 * `matches` and the host list are filled in at build time from core/services (wxt.config.ts).
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { hostMatcher, installFetchTap, TAP_CUE_EVENT } from '../core/watch/fetch-tap';

declare const __DETOUR_TAP_HOSTS__: { hosts: string[]; patterns: string[] };

export default defineContentScript({
  matches: [],
  world: 'MAIN',
  runAt: 'document_start',
  main() {
    const isWatched = hostMatcher(__DETOUR_TAP_HOSTS__.hosts, __DETOUR_TAP_HOSTS__.patterns);
    // Posted to this window only (same origin); the isolated script checks source and shape.
    installFetchTap(
      globalThis,
      isWatched,
      (message) => window.postMessage(message, location.origin),
      () => window.dispatchEvent(new Event(TAP_CUE_EVENT)),
    );
  },
});
