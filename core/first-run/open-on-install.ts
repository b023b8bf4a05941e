/** Opens the first-run page in a new tab when Detour is installed (not on update or reload). */
import { browser } from 'wxt/browser';
import { opensWelcomePage, WELCOME_PAGE } from './pages';

export function openWelcomePageOnInstall(): void {
  browser.runtime.onInstalled.addListener((details) => {
    if (!opensWelcomePage(details.reason)) return;
    const url = (browser.runtime.getURL as (path: string) => string)(`/${WELCOME_PAGE}`);
    browser.tabs.create({ url }).catch((err) => console.warn('[detour] first-run page not opened', err));
  });
}
