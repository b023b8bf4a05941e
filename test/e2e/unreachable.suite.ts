/**
 * A service that cannot be reached from this network, in a real browser with the production
 * build: the scenario both browsers run (unreachable.<browser>.e2e.test.ts). Each browser file
 * says how its network fails (Chromium maps host names itself, Firefox goes through the test's
 * CONNECT proxy) and which error names its webRequest reports; the steps and what they must
 * show are the same.
 *
 * The scenario: claude.ai loads (another site, the evidence that the network works); another
 * extension blocks gemini.google.com (a failure that is not the network's: nothing logged);
 * chatgpt.com fails (one `unreachable` event, counted once); chat.openai.com, another host of
 * the same service, fails another way (the same event, its error name added to the evidence,
 * still counted once). The badge, the CSV export and the popup show it, never as a refusal, with
 * alternatives. chatgpt.com recovers and a normal page clears the tab. A second launch where every
 * host fails logs nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StandIn, type StandInOptions, startStandIn } from '../stand-in/server';
import type { BrowserName, DetourInBrowser, TestPage } from './browsers';
import { waitFor } from './browsers';
import { exportedLog } from './exported-log';

/** Longer than the background needs to react to a failed request (it reacts in milliseconds). */
const QUIET_PERIOD_MS = 1_500;

export interface CutOffBrowser {
  detour: DetourInBrowser;
  /** chatgpt.com answers again (through to the stand-in, which serves its normal page). */
  recover(): Promise<void>;
  close(): Promise<void>;
}

export interface UnreachableSetup {
  browser: BrowserName;
  /**
   * A browser where claude.ai and chatgpt.com's normal pages are served by `standIn`, except that
   * chatgpt.com fails (until `recover`) and chat.openai.com fails another way, and another
   * extension blocks gemini.google.com's pages.
   */
  launchCutOff(standIn: StandIn): Promise<CutOffBrowser>;
  /** A browser where every host fails, with a stand-in started with `allFailingStandIn`. */
  launchAllFailing(standIn: StandIn): Promise<CutOffBrowser>;
  allFailingStandIn?: StandInOptions;
  /**
   * Whether the blocked page's tab shows its URL afterwards, so its state can be read: Chromium
   * keeps the URL with its "blocked" error page; in Firefox (seen here) no tab shows the URL of
   * a navigation another add-on cancelled, so only the log is checked.
   */
  blockedTabKeepsUrl: boolean;
  /** The error names this browser's webRequest reports for each failure. */
  names: { chatgpt: string; chatOpenai: string; allFailing: string };
}

/** Opens a page whose load is expected to fail; the browser's error page is what the user sees. */
async function openFailing(detour: DetourInBrowser, url: string): Promise<TestPage> {
  const page = await detour.newPage();
  await page.goto(url).catch(() => undefined);
  return page;
}

async function unreachableEvents(detour: DetourInBrowser) {
  return (await exportedLog(detour)).events.filter((e) => e.kind === 'unreachable');
}

export function describeUnreachable(setup: UnreachableSetup): void {
  const { browser, names } = setup;

  describe(`unreachable services in ${browser} (production build)`, () => {
    let standIn: StandIn;
    let cutOff: CutOffBrowser;
    let detour: DetourInBrowser;
    /** The tab whose page failed first, reused after the network recovers. */
    let chatPage: TestPage;

    beforeAll(async () => {
      standIn = await startStandIn({ port: 0, modes: { 'claude.ai': 'served', 'chatgpt.com': 'served' } });
      cutOff = await setup.launchCutOff(standIn);
      detour = cutOff.detour;
    });

    afterAll(async () => {
      await cutOff?.close();
      await standIn?.close();
    });

    it('two hosts of one service failing, while another site loads, give one unreachable event, counted once', async () => {
      // Another site loads: the evidence that the network works.
      const other = await detour.newPage();
      await other.goto('https://claude.ai/');

      // Blocked by another extension: a failure, but not the network's. Nothing is logged.
      await openFailing(detour, 'https://gemini.google.com/app');
      await new Promise((done) => setTimeout(done, QUIET_PERIOD_MS));
      expect(await unreachableEvents(detour)).toEqual([]);
      if (setup.blockedTabKeepsUrl) {
        const geminiTab = await detour.tabIdOf('https://gemini.google.com/');
        expect((await detour.send('getTabState', { tabId: geminiTab })).pageFailed).toBeUndefined();
      }

      // The page itself fails.
      chatPage = await openFailing(detour, 'https://chatgpt.com/');
      const chatTab = await waitFor('the failed tab', () => detour.tabIdOf('https://chatgpt.com/'));
      const events = await waitFor('the unreachable event', async () => {
        const found = await unreachableEvents(detour);
        return found.length > 0 ? found : undefined;
      });
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ service: 'openai', count: 1, url: 'https://chatgpt.com/' });
      expect(events[0]?.evidence).toBe(`chatgpt.com: ${names.chatgpt}`);
      expect((await detour.send('getTabState', { tabId: chatTab })).pageFailed?.error).toBe(names.chatgpt);

      // Another host of the same service fails another way: the same episode, not a second count;
      // what the browser said there joins the event's evidence.
      await openFailing(detour, 'https://chat.openai.com/');
      const secondTab = await waitFor('the second tab', () => detour.tabIdOf('https://chat.openai.com/'));
      const secondState = await waitFor('the second tab to show the event', async () => {
        const state = await detour.send('getTabState', { tabId: secondTab });
        return state.events.length > 0 ? state : undefined;
      });
      expect(secondState.events.map((e) => e.id)).toEqual([events[0]?.id]);
      expect(secondState.pageFailed?.error).toBe(names.chatOpenai);
      const after = await unreachableEvents(detour);
      expect(after.map((e) => [e.id, e.count])).toEqual([[events[0]?.id, 1]]);
      expect(after[0]?.evidence).toBe(`chatgpt.com: ${names.chatgpt}; chat.openai.com: ${names.chatOpenai}`);

      // Its own badge state, and the export carries the kind in both formats.
      expect(await detour.badgeText(chatTab)).toBe('\u00D7');
      expect(await detour.badgeTitle(chatTab)).toMatch(/cannot be reached from this network/);
      const csv = await detour.send('exportLog', { format: 'csv' });
      expect(csv.text).toContain(',unreachable,network-unreachable,https://chatgpt.com/,');
      expect(csv.text).toContain(`chat.openai.com: ${names.chatOpenai}`);

      // The popup for that tab says so plainly, never as a refusal, and shows alternatives.
      const popup = await detour.openExtensionPage(`popup.html?tabId=${chatTab}`);
      const shown = await waitFor('the popup with alternatives', () =>
        popup.evaluate(() => {
          const card = document.querySelector('.card-unreachable');
          const suggestions = document.querySelectorAll('.suggestion');
          if (!card || suggestions.length === 0) return undefined;
          return {
            card: card.textContent ?? '',
            title: card.querySelector('h1')?.textContent ?? '',
            words: `${card.querySelector('h1')?.textContent ?? ''} ${card.querySelector('p')?.textContent ?? ''}`,
            suggestions: suggestions.length,
            green: document.querySelector('.card-ok') !== null,
            checkNow: [...document.querySelectorAll('button')].some((b) =>
              /check now/i.test(b.textContent ?? ''),
            ),
          };
        }, null),
      );
      expect(shown.title).toBe('chatgpt.com cannot be reached from this network');
      // It may say what it is not; it never says the service refused.
      expect(shown.words).not.toMatch(/refused|blocked/i);
      expect(shown.card).toContain(names.chatgpt);
      expect(shown.suggestions).toBeGreaterThan(0);
      expect(shown.green).toBe(false);
      expect(shown.checkNow).toBe(true);
      await popup.close();
    });

    it("a normal page of the service after the network recovers clears the tab's state", async () => {
      const tabId = await detour.tabIdOf('https://chatgpt.com/');
      expect((await detour.send('getTabState', { tabId })).events).toHaveLength(1);
      await cutOff.recover();
      // The same tab loads the service's page again.
      await chatPage.goto('https://chatgpt.com/?recovered');
      await waitFor('the tab to be cleared', async () => {
        const state = await detour.send('getTabState', { tabId });
        return state.events.length === 0 && !state.pageFailed ? true : undefined;
      });
      expect(await detour.badgeText(tabId)).toBe('');
    });
  });

  describe(`every host failing in ${browser} (production build)`, () => {
    let standIn: StandIn;
    let cutOff: CutOffBrowser;

    beforeAll(async () => {
      standIn = await startStandIn({ port: 0, ...setup.allFailingStandIn });
      cutOff = await setup.launchAllFailing(standIn);
    });

    afterAll(async () => {
      await cutOff?.close();
      await standIn?.close();
    });

    it('logs nothing: no site loads, so nothing says the service alone is cut off', async () => {
      const { detour } = cutOff;
      await openFailing(detour, 'https://claude.ai/');
      await openFailing(detour, 'https://chatgpt.com/');
      const chatTab = await waitFor('the failed tab', () => detour.tabIdOf('https://chatgpt.com/'));
      // Detour saw the failure (the tab's page is marked as not loaded), so its silence means something.
      const state = await waitFor('the failed page to be noted', async () => {
        const s = await detour.send('getTabState', { tabId: chatTab });
        return s.pageFailed ? s : undefined;
      });
      expect(state.pageFailed?.error).toBe(names.allFailing);
      await new Promise((done) => setTimeout(done, QUIET_PERIOD_MS));
      expect(await unreachableEvents(detour)).toEqual([]);
      expect(state.events).toEqual([]);
      expect(await detour.badgeText(chatTab)).toBe('');
    });
  });
}
