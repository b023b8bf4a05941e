/**
 * In a real browser: the exit-country check against the services' published regions.
 * The stand-in answers every service host's /cdn-cgi/trace with a `loc=` the test chooses and
 * logs every request, so a test can prove that a check happened, or that none did.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REGIONS } from '../../core/regions/regions';
import { type StandIn, startStandIn } from '../stand-in/server';
import {
  type BrowserName,
  type DetourInBrowser,
  launchDetour,
  type TestPage,
  testPages,
  waitFor,
} from './browsers';

/** Longer than the background needs to react to a tab opening a service (it reacts in ms). */
const QUIET_PERIOD_MS = 2_000;

export function describeExitCountry(browser: BrowserName): void {
  describe(`exit-country check in ${browser} (production build)`, () => {
    let standIn: StandIn;
    let detour: DetourInBrowser;
    const pages = testPages(() => detour);

    beforeAll(async () => {
      standIn = await startStandIn({ port: 0, traceLoc: 'CN' });
      detour = await launchDetour(browser, { standIn });
    });

    afterAll(async () => {
      await detour?.close();
      await standIn?.close();
    });

    // A retried test starts in a fresh browser: the answer of a check is kept for 30 minutes and
    // cannot be cleared from outside, so a second attempt in the same browser would make no
    // request and find the first attempt's tabs still open.
    beforeEach(async (context) => {
      if ((context.task.result?.retryCount ?? 0) === 0) return;
      await detour.close();
      detour = await launchDetour(browser, { standIn });
    });

    afterEach(async () => {
      await pages.closeAll();
    });

    const open = (url: string): Promise<TestPage> => pages.open(url);

    /** Waits for the tab's warning badge; if it never comes, says what the background holds. */
    async function warningBadge(tabId: number, what: string): Promise<void> {
      try {
        await waitFor(what, async () => ((await detour.badgeText(tabId)) === '!' ? true : undefined));
      } catch (error) {
        const state = await detour.send('getTabState', { tabId }).catch((e: Error) => e.message);
        const traces = standIn.requests.filter((r) => r.path === '/cdn-cgi/trace').length;
        throw new Error(
          `${(error as Error).message}; badge ${JSON.stringify(await detour.badgeText(tabId))}, ` +
            `trace requests ${traces}, tab state ${JSON.stringify(state)}`,
        );
      }
    }

    it('with the option off (the default), opening the services sends no trace request at all', async () => {
      standIn.setMode('chatgpt.com', 'served');
      standIn.setMode('claude.ai', 'served');
      standIn.setMode('gemini.google.com', 'served');
      standIn.clearRequests();
      for (const url of ['https://chatgpt.com/', 'https://claude.ai/', 'https://gemini.google.com/app']) {
        await open(url);
      }
      await new Promise((done) => setTimeout(done, QUIET_PERIOD_MS));
      // The pages themselves did reach the stand-in: the request log works.
      expect(standIn.requestsTo('chatgpt.com').length).toBeGreaterThan(0);
      expect(standIn.requests.filter((request) => request.path === '/cdn-cgi/trace')).toEqual([]);
    });

    /** Turns the option on (or off) through the extension's own settings storage, as the popup does. */
    async function setExitCheckOnOpen(on: boolean): Promise<void> {
      const page = await detour.openExtensionPage('popup.html');
      pages.track(page);
      await page.evaluate(async (value: boolean) => {
        const scope = globalThis as unknown as {
          browser?: { storage: { local: { set(items: object): Promise<void> } } };
          chrome?: { storage: { local: { set(items: object): Promise<void> } } };
        };
        const api = scope.browser ?? scope.chrome;
        await api?.storage.local.set({
          'settings.exitCheckOnOpen': value,
          'settings.exitCheckOnOpen$': { v: 1 },
          'settings.exitCheckOffered': true,
          'settings.exitCheckOffered$': { v: 1 },
        });
      }, on);
      await page.close();
    }

    /** The popup for `tabId`, as the toolbar opens it, once its exit line is drawn. */
    async function popupText(tabId: number, selector: string): Promise<{ text: string; links: string[] }> {
      const popup = await detour.openExtensionPage(`popup.html?tabId=${tabId}`);
      try {
        return await waitFor(`the popup's ${selector}`, () =>
          popup.evaluate((sel: string) => {
            const node = document.querySelector(sel);
            if (!node) return undefined;
            return {
              text: node.textContent ?? '',
              links: [...node.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? ''),
            };
          }, selector),
        );
      } finally {
        await popup.close();
      }
    }

    it('with the option on, loc=CN on chatgpt.com turns the badge to the warning state and the popup names CN and the source', async () => {
      standIn.setMode('chatgpt.com', 'served');
      // A cookie the site set: the trace request must not carry it.
      const before = await open('https://chatgpt.com/');
      await before.evaluate(() => {
        // biome-ignore lint/suspicious/noDocumentCookie: the test sets a site cookie to prove the trace omits it
        document.cookie = 'detour-e2e=1; Secure; SameSite=None; Max-Age=600';
      }, null);
      await before.close();

      await setExitCheckOnOpen(true);
      standIn.setTraceLoc('CN');
      standIn.clearRequests();
      await open('https://chatgpt.com/');
      const tabId = await detour.tabIdOf('https://chatgpt.com/');
      await warningBadge(tabId, 'the warning badge');
      expect(await detour.badgeTitle(tabId)).toMatch(/does not serve/);

      // Exactly one request, to the tab's own host, without the site's cookie.
      const traces = standIn.requests.filter((r) => r.path === '/cdn-cgi/trace');
      expect(traces.map((r) => r.host)).toEqual(['chatgpt.com']);
      expect(traces[0]?.hadCookie).toBe(false);
      expect(standIn.requestsTo('chatgpt.com', '/').some((r) => r.path === '/' && r.hadCookie)).toBe(true);

      // Logged as a warning (not a block), with the country.
      const state = await detour.send('getTabState', { tabId });
      expect(state.events.map((e) => [e.kind, e.country])).toEqual([['warning', 'CN']]);
      expect(state.exitCheck).toMatchObject({ country: 'CN', decision: 'not-served', host: 'chatgpt.com' });

      const chatgptList = REGIONS.lists.find((l) => l.id === 'openai-chatgpt');
      const shown = await popupText(tabId, '.exit-warning');
      expect(shown.text).toContain('China (CN)');
      expect(shown.text).toContain('does not serve China,');
      expect(shown.links).toContain(chatgptList?.source);

      // A second tab within 30 minutes is warned from the same answer: no second request.
      await open('https://chatgpt.com/?again');
      const againTab = await detour.tabIdOf('https://chatgpt.com/?again');
      await warningBadge(againTab, 'the second tab’s warning badge');
      expect(standIn.requests.filter((r) => r.path === '/cdn-cgi/trace')).toHaveLength(1);
    });

    it('with the option on, loc=JP shows "served" and no warning', async () => {
      await setExitCheckOnOpen(true);
      standIn.setMode('claude.ai', 'served');
      standIn.setTraceLoc('JP');
      standIn.clearRequests();
      await open('https://claude.ai/');
      await waitFor('the trace request', async () =>
        standIn.requestsTo('claude.ai', '/cdn-cgi/trace').length === 1 ? true : undefined,
      );
      const tabId = await detour.tabIdOf('https://claude.ai/');
      const state = await waitFor('the served answer', async () => {
        const s = await detour.send('getTabState', { tabId });
        return s.exitCheck?.decision === 'served' ? s : undefined;
      });
      expect(state.exitCheck).toMatchObject({ country: 'JP', host: 'claude.ai' });
      expect(state.events).toEqual([]);
      expect(await detour.badgeText(tabId)).toBe('');
      const shown = await popupText(tabId, '.exit-served');
      expect(shown.text).toContain('Japan (JP): served');
      await setExitCheckOnOpen(false);
    });
  });
}
