/**
 * "Use it in…" in a real browser, production build: after claude.ai's redirect to the region page
 * the popup for that tab (region CN in the settings) offers Claude Code with ANTHROPIC_BASE_URL on
 * a platform that serves CN; after OpenAI's API refusal it names the OpenAI-compatible tools. The
 * popup gets the tools from the background (it bundles no catalog), so this also proves the
 * getToolConfigs message works across the real extension boundary. On the options page, Claude
 * Code's note that it 'might not be available in your country', pasted into "Check an error
 * message", is only a guess: the page asks Anthropic on a click (nothing before it), and the
 * refusal that comes back brings the same suggestions.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TOOLS } from '../../core/catalog/tool-configs';
import { CLAUDE_CODE_NOTE } from '../stand-in/pages';
import { type StandIn, startStandIn } from '../stand-in/server';
import {
  type BrowserName,
  checkPastedText,
  type DetourInBrowser,
  launchDetour,
  type TestPage,
  testPages,
  waitFor,
} from './browsers';

/** Anthropic-compatible endpoints a vendor documents for mainland China (core/catalog/tools.json). */
const CN_ANTHROPIC = TOOLS.anthropicEndpoints.filter((e) => e.region === 'cn-mainland').map((e) => e.value);

interface ToolsShown {
  card: string;
  tabs: string[];
  panel: string;
}

export function describeUseItIn(browser: BrowserName): void {
  describe(`Use it in… in ${browser} (production build)`, () => {
    let standIn: StandIn;
    let detour: DetourInBrowser;
    const pages = testPages(() => detour);

    beforeAll(async () => {
      standIn = await startStandIn({ port: 0 });
      detour = await launchDetour(browser, { standIn });
      // The region is chosen (CN), as a person in mainland China sets it in the options.
      const page = await detour.openExtensionPage('options.html');
      await page.evaluate(async () => {
        const scope = globalThis as unknown as {
          browser?: { storage: { local: { set(items: object): Promise<void> } } };
          chrome?: { storage: { local: { set(items: object): Promise<void> } } };
        };
        await (scope.browser ?? scope.chrome)?.storage.local.set({
          'settings.region': { mode: 'chosen', country: 'CN' },
          'settings.region$': { v: 1 },
          'settings.exitCheckOffered': true,
          'settings.exitCheckOffered$': { v: 1 },
        });
      }, null);
      await page.close();
    });

    afterAll(async () => {
      await detour?.close();
      await standIn?.close();
    });

    afterEach(async () => {
      await pages.closeAll();
    });

    const open = (url: string): Promise<TestPage> => pages.open(url);

    /** The popup for the tab, as the toolbar opens it: opens "Use it in…" on the first card. */
    async function toolsInPopup(tabId: number): Promise<ToolsShown> {
      const popup = await detour.openExtensionPage(`popup.html?tabId=${tabId}`);
      pages.track(popup);
      await waitFor('the first card’s “Use it in…”', () =>
        popup.evaluate(() => {
          const button = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Use it in…');
          if (!button) return undefined;
          if (button.getAttribute('aria-expanded') !== 'true') button.click();
          return true;
        }, null),
      );
      return waitFor('the tools of the first card', () =>
        popup.evaluate(() => {
          const card = document.querySelector('li.suggestion');
          const panel = card?.querySelector('[role="tabpanel"]');
          if (!card || !panel) return undefined;
          return {
            card: card.textContent ?? '',
            tabs: [...card.querySelectorAll('[role="tab"]')]
              .filter((tab) => tab.closest('.tools'))
              .map((tab) => tab.textContent ?? ''),
            panel: panel.textContent ?? '',
          };
        }, null),
      );
    }

    async function blockedTab(urlPrefix: string): Promise<number> {
      const tabId = await detour.tabIdOf(urlPrefix);
      await waitFor('the block to be on the tab', async () => {
        const state = await detour.send('getTabState', { tabId });
        return state.events.some((e) => e.kind !== 'warning') ? true : undefined;
      });
      return tabId;
    }

    it('after claude.ai redirects to the region page, offers Claude Code with ANTHROPIC_BASE_URL on a platform serving CN', async () => {
      standIn.setMode('claude.ai', 'redirect');
      const page = await open('https://claude.ai/');
      expect(page.url()).toMatch(/\/app-unavailable-in-region$/);
      const shown = await toolsInPopup(await blockedTab(page.url()));
      expect(shown.tabs[0]).toBe('Claude Code');
      expect(shown.card).toContain('Serves China');
      expect(shown.card).toContain('Works with Claude Code');
      expect(shown.panel).toContain('export ANTHROPIC_BASE_URL=');
      const base = shown.panel.match(/export ANTHROPIC_BASE_URL='([^']+)'/)?.[1];
      expect(CN_ANTHROPIC).toContain(base);
      expect(shown.panel).toMatch(/ANTHROPIC_AUTH_TOKEN="\$[A-Z_]+_API_KEY"/);
      expect(shown.panel).not.toMatch(/sk-[A-Za-z0-9]/);
    });

    it('after OpenAI’s API refusal, names the OpenAI-compatible tools', async () => {
      const page = await open('https://platform.openai.com/playground?case=region&via=page');
      await waitFor('the playground to call the API', async () => {
        const text = await page.evaluate(() => document.getElementById('status')?.textContent ?? '', null);
        return text.startsWith('done') ? text : undefined;
      });
      const shown = await toolsInPopup(await blockedTab('https://platform.openai.com/playground'));
      const openaiTools = TOOLS.tools.filter((t) => t.protocol === 'openai-chat').map((t) => t.name);
      expect(shown.tabs.slice(0, openaiTools.length)).toEqual(openaiTools);
      expect(shown.tabs).toEqual(expect.arrayContaining(['Cherry Studio', 'Continue', 'Cursor', 'Aider']));
      expect(shown.panel).toContain('Cherry Studio');
    });

    it('on the options page, a pasted Claude Code note asks Anthropic on a click, and its refusal brings the suggestions', async () => {
      standIn.setMode('claude.ai', 'redirect');
      standIn.clearRequests();
      const options = await detour.openExtensionPage('options.html#check');
      pages.track(options);
      const offer = await checkPastedText(options, CLAUDE_CODE_NOTE);
      expect(offer).toContain('This message only guesses that Anthropic may not be available where you are.');
      expect(offer).toContain('Note: Claude Code might not be available in your country.');
      // Checking the text stays in the page: nothing reached claude.ai before the click.
      expect(standIn.requestsTo('claude.ai')).toEqual([]);
      const answer = await waitFor('Anthropic’s answer and the suggestions', () =>
        options.evaluate(() => {
          const section = document.querySelector('#check');
          const ask = [...(section?.querySelectorAll('button') ?? [])].find(
            (button) => button.textContent === 'Ask Anthropic now',
          );
          const result = section?.querySelector('.check-result')?.textContent ?? '';
          if (!result) {
            ask?.click();
            return undefined;
          }
          const cards = [...(section?.querySelectorAll('li.suggestion') ?? [])].map(
            (li) => li.textContent ?? '',
          );
          if (cards.length === 0) return undefined;
          return { result, page: section?.textContent ?? '', cards };
        }, null),
      );
      expect(answer.result).toContain('It refused this connection.');
      expect(standIn.requestsTo('claude.ai').length).toBeGreaterThan(0);
      expect(answer.page).toContain('Where to go instead of Anthropic');
      expect(answer.cards[0]).toContain('Serves China');
    });

    it("on the options page, a person's own account of a refusal is not judged, and the folded ask asks the service it names on a click", async () => {
      standIn.setMode('claude.ai', 'redirect');
      standIn.clearRequests();
      const options = await detour.openExtensionPage('options.html#check');
      pages.track(options);
      const clean = await checkPastedText(options, "Claude doesn't work in Italy. Is there a solution?");
      expect(clean).toContain('Detour does not recognise a region block in this text.');
      expect(clean).toContain('Not sure? Ask the service');
      expect(standIn.requestsTo('claude.ai')).toEqual([]);
      const answer = await waitFor('the folded ask to answer', () =>
        options.evaluate(() => {
          const details = document.querySelector('#check details.unsure-offer') as HTMLDetailsElement | null;
          if (!details) return undefined;
          if (!details.open) {
            (details.querySelector('summary') as HTMLElement | null)?.click();
            return undefined;
          }
          const ask = [...details.querySelectorAll('button')].find(
            (button) => button.textContent === 'Ask Anthropic now',
          );
          const result = details.querySelector('.check-result')?.textContent ?? '';
          if (!result) {
            ask?.click();
            return undefined;
          }
          return { result, page: document.querySelector('#check')?.textContent ?? '' };
        }, null),
      );
      expect(answer.result).toContain('It refused this connection.');
      expect(standIn.requestsTo('claude.ai').length).toBeGreaterThan(0);
      expect(answer.page).toContain('Where to go instead of Anthropic');
    });
  });
}
