// Stands in for `wxt/browser` in the bench's in-extension bundle: Chromium's promise-based chrome.*.
export const browser = (globalThis as unknown as { chrome: unknown })
  .chrome as typeof import('wxt/browser').browser;
