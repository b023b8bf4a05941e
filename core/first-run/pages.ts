/**
 * core/first-run: the page a person sees once, right after installing Detour. Owns its address
 * and when it opens (install only: an update or a browser update must not open a tab).
 */

/** The first-run page, relative to the extension's pages (options.html links to it as is). */
export const WELCOME_PAGE = 'welcome.html';

/** runtime.onInstalled's reason: only a first install shows the page. */
export function opensWelcomePage(reason: string): boolean {
  return reason === 'install';
}

/** The options page, which the first-run page links to. */
export const OPTIONS_PAGE = 'options.html';
