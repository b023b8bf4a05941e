/**
 * The watchers → log → badge path, proven in a real browser with the production build.
 * The same suite runs in Chromium and Firefox (watchers.<browser>.e2e.test.ts).
 *
 * Every channel gets a blocked case that must produce exactly one event with the expected
 * service, product, kind, rule, count and URL (no query string), and look-alikes that must
 * produce none. A "nothing was logged" check is only worth something if the extension was
 * alive and watching: each look-alike is followed by a real block on the same channel (a
 * sentinel), and the test waits for that block before asserting the look-alike left no trace.
 *
 * The expected rule comes from the engine itself (classifyObservation on what the page shows),
 * so these tests check the wiring in the browser, not the rule table a second time.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { classifyObservation } from '../../core/detection';
import type { Observation } from '../../core/detection/observation';
import type { LogEvent } from '../../core/log/event';
import { SWEEP_MS, WINDOW_MS } from '../../core/watch/watch-windows';
import { CANONICAL_CLAUDE_PAGE, type StandIn, startStandIn } from '../stand-in/server';
import {
  type BrowserName,
  type DetourInBrowser,
  launchDetour,
  type TestPage,
  testPages,
  waitFor,
} from './browsers';
import { loggedEvents } from './exported-log';

const API_URL = 'https://api.openai.com/v1/chat/completions';
/** Long enough for a second, unwanted event to reach the log after the wanted one did. */
const GRACE_MS = 1_000;

interface ExpectedEvent {
  service: string;
  product: string;
  kind: LogEvent['kind'];
  url: string;
  status?: number;
  observation: Observation;
}

/**
 * Where the conversation holds words on the chat pages, as the page watcher knows them
 * (core/watch/page-text.ts); the words go into the `data-words` element. Gemini's draft in an
 * editor, its mark for a turn the user sent (inside the turn that holds it) and its answer (the
 * model's text inside the response that holds it); Claude's history list, where each title is the
 * link to its conversation.
 */
const CONVERSATION_PARTS = {
  draft: {
    host: 'gemini.google.com',
    url: 'https://gemini.google.com/app',
    service: 'google',
    markup: '<div contenteditable="true" role="textbox"><p data-words></p></div>',
  },
  'sent turn': {
    host: 'gemini.google.com',
    url: 'https://gemini.google.com/app',
    service: 'google',
    markup: '<div><div class="query-text"><p data-words></p></div></div>',
  },
  answer: {
    host: 'gemini.google.com',
    url: 'https://gemini.google.com/app',
    service: 'google',
    markup:
      '<model-response><message-content class="model-response-text"><p data-words></p></message-content></model-response>',
  },
  'history title': {
    host: 'claude.ai',
    url: 'https://claude.ai/new',
    service: 'anthropic',
    markup: '<nav><a href="/chat/0b7c2e1a" data-words></a></nav>',
  },
} as const;

export function describeWatchers(browser: BrowserName): void {
  describe(`Detour's watchers in ${browser} (production build, services at their real host names)`, () => {
    let standIn: StandIn;
    let detour: DetourInBrowser;
    const pages = testPages(() => detour);

    beforeAll(async () => {
      standIn = await startStandIn({ port: 0 });
      detour = await launchDetour(browser, { standIn });
    });

    afterAll(async () => {
      await detour?.close();
      await standIn?.close();
    });

    beforeEach(async () => {
      standIn.setMode('chatgpt.com', 'blocked');
      standIn.setMode('gemini.google.com', 'banner');
      standIn.setMode('claude.ai', 'redirect');
      const { cleared } = await detour.send('clearLog', {});
      expect(cleared).toBeGreaterThanOrEqual(0);
      expect(await loggedEvents(detour)).toEqual([]);
      standIn.clearRequests();
    });

    afterEach(async () => {
      await pages.closeAll();
    });

    const open = (url: string): Promise<TestPage> => pages.open(url);

    /** Opens the playground, which calls the API from the page, and waits for its answer. */
    async function playground(
      which: 'region' | 'quota' | 'invalid-key',
      via: 'page' | 'xhr' | 'worker' = 'page',
    ): Promise<TestPage> {
      const page = await open(`https://platform.openai.com/playground?case=${which}&via=${via}`);
      const status = await waitFor('the playground to call the API', async () => {
        const text = await page.evaluate(() => document.getElementById('status')?.textContent ?? '', null);
        return text.startsWith('done') || text.startsWith('failed') ? text : undefined;
      });
      const wanted = { region: 403, quota: 429, 'invalid-key': 401 }[which];
      expect(status, 'the page itself must still see the response').toBe(`done ${wanted}`);
      return page;
    }

    async function pageText(page: TestPage): Promise<string> {
      // biome-ignore lint/performance/useDomNodeTextContent: the text a person sees, without the page's scripts
      return page.evaluate(() => document.body.innerText, null);
    }

    async function waitForEvents(what: string, count = 1): Promise<LogEvent[]> {
      return waitFor(what, async () => {
        const events = await loggedEvents(detour);
        return events.length >= count ? events : undefined;
      });
    }

    /** After the wanted event arrived, waits a little more: an unwanted second one would show now. */
    async function settledEvents(what: string): Promise<LogEvent[]> {
      await waitForEvents(what);
      await new Promise((done) => setTimeout(done, GRACE_MS));
      return loggedEvents(detour);
    }

    function expectExactly(events: LogEvent[], expected: ExpectedEvent, count = 1): void {
      const verdict = classifyObservation(expected.observation);
      expect(verdict, 'the engine itself calls this case a block').toMatchObject({
        verdict: 'block',
        service: expected.service,
        product: expected.product,
      });
      expect(events).toHaveLength(1);
      const [event] = events as [LogEvent];
      expect(event).toMatchObject({
        service: expected.service,
        product: expected.product,
        kind: expected.kind,
        ruleId: verdict.ruleId,
        url: expected.url,
        count,
        ...(expected.status === undefined ? {} : { status: expected.status }),
      });
      expect(event.evidence.length).toBeGreaterThan(0);
      expect(event.evidence.length).toBeLessThanOrEqual(300);
      expect(event.evidence, 'evidence is plain text').not.toMatch(/<\/?[a-z][^>]*>/i);
      expect(event.url).not.toMatch(/[?#]/);
      if (event.tabUrl !== undefined) expect(event.tabUrl).not.toMatch(/[?#]/);
      expect(event.lastSeen).toBeGreaterThanOrEqual(event.firstSeen);
    }

    /** Opens ChatGPT's block page (the stand-in's "blocked" mode) and expects its event to be the log's only one. */
    async function expectOnlyTheChatgptSentinel(): Promise<void> {
      const sentinel = await open('https://chatgpt.com/');
      expectExactly(await settledEvents('the sentinel block page'), {
        service: 'openai',
        product: 'chatgpt',
        kind: 'page',
        url: 'https://chatgpt.com/',
        observation: { kind: 'page', url: 'https://chatgpt.com/', body: await pageText(sentinel) },
      });
    }

    const apiRegionBlock = (): ExpectedEvent => ({
      service: 'openai',
      product: 'api',
      kind: 'response',
      url: API_URL,
      status: 403,
      observation: {
        kind: 'response',
        url: API_URL,
        status: 403,
        headers: { 'content-type': 'application/json' },
        body: standIn.signatures.openaiRegion403.body,
      },
    });

    describe('response status + body (API called from a page)', () => {
      it("logs OpenAI's 403 unsupported_country_region_territory once, as a response event", async () => {
        await playground('region');
        expectExactly(await settledEvents('the API region block'), apiRegionBlock());
      });

      it('logs the same 403 when the page calls the API with XMLHttpRequest', async () => {
        await playground('region', 'xhr');
        expectExactly(await settledEvents('the API region block over XHR'), apiRegionBlock());
      });

      // Chromium has no API to read a response body: Detour sees bodies there only through its
      // wrapper of the page window's fetch/XHR, and a Web Worker's fetch is outside that window.
      // Firefox reads 4xx bodies from the API hosts in the network layer (filterResponseData).
      it.skipIf(browser === 'chromium')(
        'logs the 403 when the page calls the API from a Web Worker (network-level body reading)',
        async () => {
          await playground('region', 'worker');
          expectExactly(await settledEvents('the API region block from a worker'), apiRegionBlock());
        },
      );

      for (const lookAlike of ['quota', 'invalid-key'] as const) {
        it(`logs nothing for the ${lookAlike === 'quota' ? '429 insufficient_quota' : '401 invalid_api_key'} look-alike`, async () => {
          await playground(lookAlike);
          await playground('region'); // sentinel: the same channel, still watching
          expectExactly(await settledEvents('the sentinel block'), apiRegionBlock());
        });
      }
    });

    describe('page text', () => {
      it("logs ChatGPT's “Unable to load site … VPN” block page, URL without its query string", async () => {
        const page = await open('https://chatgpt.com/?model=gpt-4o&utm_source=e2e#frag');
        const events = await settledEvents('the ChatGPT block page');
        expectExactly(events, {
          service: 'openai',
          product: 'chatgpt',
          kind: 'page',
          url: 'https://chatgpt.com/',
          observation: { kind: 'page', url: 'https://chatgpt.com/', body: await pageText(page) },
        });
      });

      it('logs nothing for a Cloudflare “Just a moment...” challenge (403, cf-mitigated: challenge)', async () => {
        standIn.setMode('chatgpt.com', 'challenge');
        const challenge = await open('https://chatgpt.com/');
        expect(await pageText(challenge)).toContain('Just a moment');
        standIn.setMode('chatgpt.com', 'blocked');
        await expectOnlyTheChatgptSentinel();
      });
    });

    describe('page banner inserted after load', () => {
      const geminiBanner = (banner: string): ExpectedEvent => ({
        service: 'google',
        product: 'gemini-web',
        kind: 'page',
        url: 'https://gemini.google.com/app',
        observation: { kind: 'page', url: 'https://gemini.google.com/app', body: banner },
      });

      async function openGemini(): Promise<string> {
        const page = await open('https://gemini.google.com/app?hl=en');
        return waitFor('the banner to appear', () =>
          page.evaluate(() => document.getElementById('banner')?.textContent ?? undefined, null),
        );
      }

      it('logs OpenAI’s Chinese sign-in error page (“OpenAI 服务在你所在的国家/地区不可用”) once', async () => {
        const page = await open('https://auth.openai.com/');
        const text = await pageText(page);
        expect(text).toContain('OpenAI 服务在你所在的国家/地区不可用');
        expectExactly(await settledEvents('the Chinese sign-in error page'), {
          service: 'openai',
          product: 'chatgpt',
          kind: 'page',
          url: 'https://auth.openai.com/',
          observation: { kind: 'page', url: 'https://auth.openai.com/', body: text },
        });
      });

      it('logs Gemini’s “isn’t currently supported in your country” banner', async () => {
        const banner = await openGemini();
        expect(banner).toBe(standIn.signatures.geminiBanner.body);
        expectExactly(await settledEvents('the Gemini banner'), geminiBanner(banner));
      });

      it('logs nothing for Google’s “unusual traffic” page on gemini.google.com', async () => {
        standIn.setMode('gemini.google.com', 'unusual-traffic');
        const page = await open('https://gemini.google.com/app');
        expect(await pageText(page)).toContain('unusual traffic');
        standIn.setMode('gemini.google.com', 'banner');
        const banner = await openGemini();
        expectExactly(await settledEvents('the sentinel banner'), geminiBanner(banner));
      });

      it('logs nothing for a news page on another site quoting a block', async () => {
        const news = standIn.signatures.newsArticle;
        const page = await open(news.url);
        expect(await pageText(page)).toContain('geoblocking');
        const banner = await openGemini();
        expectExactly(await settledEvents('the sentinel banner'), geminiBanner(banner));
      });
    });

    /**
     * Puts `text` on a served chat page after the page-load window, in a new child of <body> (the
     * sweep still reads every one), as the conversation holds it: on gemini.google.com a draft in
     * the editor, a turn the user sent or the model's answer; on claude.ai a title in the history
     * list. Expects no event but the sentinel, although the engine reads the same words on that
     * host as the service refusing the user.
     */
    async function expectTheConversationUnread(
      text: string,
      as: keyof typeof CONVERSATION_PARTS,
    ): Promise<void> {
      const { host, url, service, markup } = CONVERSATION_PARTS[as];
      standIn.setMode(host, 'served');
      const page = await open(url);
      expect(classifyObservation({ kind: 'page', url, body: text })).toMatchObject({
        verdict: 'block',
        service,
      });
      await new Promise((done) => setTimeout(done, WINDOW_MS.load + 500));
      await page.evaluate(
        ({ text, markup }) => {
          const part = document.createElement('template');
          part.innerHTML = markup;
          const words = part.content.querySelector('[data-words]') as HTMLElement;
          words.textContent = text;
          document.body.append(part.content);
        },
        { text, markup },
      );
      await new Promise((done) => setTimeout(done, 2 * SWEEP_MS + GRACE_MS));
      // The sentinel: a block on another site, the only event there may be.
      await expectOnlyTheChatgptSentinel();
    }

    describe('what the user types or sends, what the model answers, and the history list', () => {
      it('logs nothing for a refusal pasted into the page’s prompt box', async () => {
        await expectTheConversationUnread(standIn.signatures.geminiBanner.body, 'draft');
      });

      it('logs nothing for a question the user sent about a region block elsewhere', async () => {
        // A question about a block somewhere else, in words a refusal uses.
        await expectTheConversationUnread(
          'I keep getting "This service is not available in your country" on my bank app. What can I do?',
          'sent turn',
        );
      });

      it('logs nothing for a title in the history list made from the user’s question', async () => {
        await expectTheConversationUnread('Claude 在您所在的地区不可用', 'history title');
      });

      it('logs nothing for the model’s answer explaining a region block in a refusal’s words', async () => {
        // Asked why a colleague in Shanghai cannot use it, the model answers in Chinese.
        await expectTheConversationUnread(
          '那条提示的意思是：Gemini 在您所在的地区不可用。Google 的可用地区列表中不包含中国大陆和香港。',
          'answer',
        );
      });
    });

    describe('page text between windows (the full observer is off)', () => {
      it('logs a banner that appears deep inside the page in an alert dialog, long after load, with no failed request', async () => {
        standIn.setMode('gemini.google.com', 'served');
        const page = await open('https://gemini.google.com/app');
        // Let the page-load window close: from now on only the sweep looks.
        await new Promise((done) => setTimeout(done, WINDOW_MS.load + 500));
        const banner = standIn.signatures.geminiBanner.body;
        await page.evaluate((text) => {
          // Inside an element that was there all along, so no new top-level container announces it.
          const host = document.getElementById('app') as HTMLElement;
          const wrap = document.createElement('div');
          const dialog = document.createElement('div');
          dialog.setAttribute('role', 'alertdialog');
          const inner = document.createElement('div');
          const span = document.createElement('span');
          span.textContent = text;
          inner.append(span);
          dialog.append(inner);
          wrap.append(dialog);
          host.append(wrap);
        }, banner);
        expectExactly(await settledEvents('the banner in the alert dialog'), {
          service: 'google',
          product: 'gemini-web',
          kind: 'page',
          url: 'https://gemini.google.com/app',
          observation: { kind: 'page', url: 'https://gemini.google.com/app', body: banner },
        });
      });
    });

    describe('redirect', () => {
      it('logs claude.ai’s redirect to claude.com/app-unavailable-in-region once, as a navigation', async () => {
        const page = await open('https://claude.ai/chat?ref=e2e');
        const target = standIn.signatures.claudeRedirect.headers.location ?? '';
        expect(page.url()).toBe(target);
        expectExactly(await settledEvents('the Claude redirect'), {
          service: 'anthropic',
          product: 'claude-web',
          kind: 'navigation',
          url: target,
          observation: { kind: 'navigation', url: target, from: 'https://claude.ai/chat', status: 302 },
        });
        // Badge and popup agree: the tab that was sent to the block page shows it.
        const tab = await detour.tabIdOf(target);
        expect((await detour.send('getTabState', { tabId: tab })).events).toHaveLength(1);
        await waitFor('the redirected tab’s badge', async () => (await detour.badgeText(tab)) || undefined, {
          timeoutMs: 3_000,
        });
      });
    });

    describe('block page at its canonical address', () => {
      it('logs Claude’s block page on www.claude.com once, with the badge on its tab', async () => {
        const page = await open(CANONICAL_CLAUDE_PAGE.href);
        expect(page.url()).toBe(CANONICAL_CLAUDE_PAGE.href);
        const events = await settledEvents('the block page on www.claude.com');
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({
          service: 'anthropic',
          product: 'claude-web',
          url: CANONICAL_CLAUDE_PAGE.href,
          count: 1,
        });
        const tab = await detour.tabIdOf(CANONICAL_CLAUDE_PAGE.href);
        await waitFor('the block page tab’s badge', async () => (await detour.badgeText(tab)) || undefined, {
          timeoutMs: 3_000,
        });
      });
    });

    describe('dedupe and badge', () => {
      it('counts the same block twice on the same site as one event with count 2', async () => {
        await playground('region');
        await waitForEvents('the first block');
        await playground('region');
        const events = await waitFor('the count to reach 2', async () => {
          const now = await loggedEvents(detour);
          return now[0]?.count === 2 ? now : undefined;
        });
        expectExactly(events, apiRegionBlock(), 2);
      });

      it('marks the blocked tab’s badge, leaves a look-alike’s tab unmarked, and clears on a clean page', async () => {
        const lookAlike = await playground('quota');
        const blocked = await open('https://chatgpt.com/');
        await waitForEvents('the ChatGPT block page');
        const blockedTab = await detour.tabIdOf('https://chatgpt.com/');
        // The badge follows the log through the tab's state, a second write: on a loaded machine
        // Firefox once took longer than the default wait for it.
        const badge = await waitFor(
          'the badge',
          async () => (await detour.badgeText(blockedTab)) || undefined,
          {
            timeoutMs: 20_000,
          },
        ).catch(async (error: Error) => {
          // Say what the tab held when its badge never came, for whoever chases this next.
          const held = await detour.send('getTabState', { tabId: blockedTab }).catch(() => null);
          const logged = await loggedEvents(detour).catch(() => []);
          const events = logged.map((event) => [event.service, event.product, event.kind, event.count]);
          throw new Error(
            `${error.message}; tab ${blockedTab} state: ${JSON.stringify(held)}; log: ${JSON.stringify(events)}`,
          );
        });
        expect(badge.length).toBeGreaterThan(0);
        expect(await detour.badgeTitle(blockedTab)).toMatch(/ChatGPT|OpenAI/);
        const state = await detour.send('getTabState', { tabId: blockedTab });
        expect(state.events.map((event) => [event.service, event.product])).toEqual([['openai', 'chatgpt']]);

        expect(await detour.badgeText(await detour.tabIdOf(lookAlike.url()))).toBe('');

        standIn.setMode('chatgpt.com', 'served');
        await blocked.goto('https://chatgpt.com/');
        await waitFor('the badge to clear', async () =>
          (await detour.badgeText(blockedTab)) === '' ? true : undefined,
        );
        expect((await detour.send('getTabState', { tabId: blockedTab })).events).toEqual([]);
      });
    });
  });
}
