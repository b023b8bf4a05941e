/**
 * The stores' bar: "An e2e test counts every request the extension makes during a
 * browsing session with blocks and no user action: zero." Runs in Chromium and Firefox
 * (no-requests.<browser>.e2e.test.ts) with the production build and default settings.
 *
 * The session: a ChatGPT block page, an API 403 from a page's fetch, Claude's redirect, the Gemini
 * banner inserted after load, and look-alikes (Cloudflare challenge, a 429, Google's "unusual
 * traffic", a news page quoting a block). Detour must log the four blocks (it was watching) and
 * send nothing. Two counters, so neither browser relies on one view:
 *
 * - The stand-in's request log, against a ledger of what the pages themselves asked for: each
 *   document the test opened (once per open), the redirect's target, the API call carrying the
 *   playground's Origin, and favicons of visited hosts. Anything else is a request nobody's page
 *   made. Requests to Detour-only addresses (/cdn-cgi/trace, the "Check now" probe URLs of
 *   core/catalog/probes.ts) are counted on their own as well. This is the whole view in Firefox.
 * - Chromium only: playwright's context-wide request events, attributed to the extension when the
 *   initiator is its service worker or one of its pages (content scripts' requests carry the
 *   page's origin: the ledger above catches those).
 *
 * A zero only counts if the counter can see something: after asserting zero the test opens the
 * popup for the blocked tab and presses "Check now" (a user action), and every counter must then
 * see the extension's requests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBES } from '../../core/catalog/probes';
import { type StandIn, type StandInRequest, startStandIn } from '../stand-in/server';
import { type BrowserName, type DetourInBrowser, launchDetour, type TestPage, waitFor } from './browsers';
import { loggedEvents } from './exported-log';

const API_PATH = '/v1/chat/completions';
const PLAYGROUND_ORIGIN = 'https://platform.openai.com';
/** Longer than any background reaction to a block (log write, badge): they take milliseconds. */
const QUIET_PERIOD_MS = 3_000;
/**
 * The browser's own traffic, not the extension's: Firefox polls Remote Settings even with
 * `services.settings.server` pointed elsewhere (seen: ~30 changeset requests a session, from
 * before the first page). Detour never talks to Mozilla; only these exact hosts are set aside,
 * and they are counted and printed.
 */
const BROWSER_OWN_HOSTS = new Set(['firefox.settings.services.mozilla.com']);

/** Host + path of every address only Detour would ask: the traces and the probes. */
function detourOnlyAddresses(): { paths: Set<string>; urls: Set<string> } {
  const urls = new Set<string>();
  for (const spec of Object.values(PROBES)) {
    for (const probe of spec.probes) {
      const url = new URL(probe.url);
      urls.add(url.hostname + url.pathname);
    }
    if (spec.traceHost) urls.add(`${spec.traceHost}/cdn-cgi/trace`);
  }
  return { paths: new Set(['/cdn-cgi/trace']), urls };
}

/** A request the extension made, as playwright saw it (Chromium). */
interface ExtensionRequest {
  url: string;
  method: string;
  initiator: string;
}

export function describeNoRequests(browser: BrowserName): void {
  describe(`requests Detour makes on its own in ${browser} (production build, default settings)`, () => {
    let standIn: StandIn;
    let detour: DetourInBrowser;
    const extensionRequests: ExtensionRequest[] = [];
    /** Documents the test opened, host + path, once per navigation (a multiset). */
    const ledger: string[] = [];
    const visitedHosts = new Set<string>();
    const detourOnly = detourOnlyAddresses();
    const pages: TestPage[] = [];

    beforeAll(async () => {
      standIn = await startStandIn({ port: 0 });
      detour = await launchDetour(browser, { standIn });
      const context = detour.chromiumContext;
      context?.on('request', (request) => {
        const url = request.url();
        if (!/^(https?|wss?):/.test(url)) return; // the extension's own files are not traffic
        let initiator: string;
        const worker = request.serviceWorker();
        if (worker) initiator = worker.url();
        else {
          try {
            initiator = request.frame().url();
          } catch {
            initiator = '(unknown)';
          }
        }
        if (initiator.startsWith(detour.extensionOrigin)) {
          extensionRequests.push({ url, method: request.method(), initiator });
        }
      });
    });

    afterAll(async () => {
      for (const page of pages) await page.close().catch(() => {});
      await detour?.close();
      await standIn?.close();
    });

    function expectDocument(url: string): void {
      const { hostname, pathname } = new URL(url);
      ledger.push(hostname + pathname);
      visitedHosts.add(hostname);
    }

    async function open(url: string, redirectsTo?: string): Promise<TestPage> {
      expectDocument(url);
      if (redirectsTo) expectDocument(redirectsTo);
      const page = await detour.newPage();
      pages.push(page);
      await page.goto(url);
      return page;
    }

    async function closePage(page: TestPage): Promise<void> {
      pages.splice(pages.indexOf(page), 1);
      await page.close();
    }

    async function playground(which: 'region' | 'quota'): Promise<TestPage> {
      const page = await open(`${PLAYGROUND_ORIGIN}/playground?case=${which}`);
      const status = await waitFor('the playground to call the API', async () => {
        const text = await page.evaluate(() => document.getElementById('status')?.textContent ?? '', null);
        return text.startsWith('done') || text.startsWith('failed') ? text : undefined;
      });
      expect(status).toBe(`done ${which === 'region' ? 403 : 429}`);
      return page;
    }

    /** Stand-in requests no page of the session made (the ledger is consumed per document). */
    function notFromPages(): StandInRequest[] {
      const remaining = [...ledger];
      return standIn.requests.filter((request) => {
        if (BROWSER_OWN_HOSTS.has(request.host)) return false;
        const key = request.host + request.path;
        if (request.method === 'GET' && remaining.includes(key)) {
          remaining.splice(remaining.indexOf(key), 1);
          return false;
        }
        if (request.method === 'GET' && request.path === '/favicon.ico' && visitedHosts.has(request.host)) {
          return false;
        }
        const pageApiCall =
          request.host === 'api.openai.com' &&
          request.path === API_PATH &&
          request.origin === PLAYGROUND_ORIGIN &&
          (request.method === 'POST' || request.method === 'OPTIONS');
        return !pageApiCall;
      });
    }

    function toDetourOnly(): StandInRequest[] {
      return standIn.requests.filter(
        (request) => detourOnly.paths.has(request.path) || detourOnly.urls.has(request.host + request.path),
      );
    }

    const describeRequest = (r: StandInRequest) =>
      `${r.method} https://${r.host}${r.path}${r.query} (origin ${r.origin ?? 'none'}) → ${r.status}`;

    it('a session with four blocks and four look-alikes: Detour logs the blocks and sends nothing', async () => {
      const started = Date.now();
      // Look-alikes and blocks interleaved, as a person browses.
      standIn.setMode('chatgpt.com', 'challenge');
      await closePage(await open('https://chatgpt.com/'));
      standIn.setMode('chatgpt.com', 'blocked');
      await open('https://chatgpt.com/?utm_source=e2e');
      await playground('quota');
      await playground('region');
      const claudeTarget = standIn.signatures.claudeRedirect.headers.location ?? '';
      await open('https://claude.ai/chat', claudeTarget);
      standIn.setMode('gemini.google.com', 'unusual-traffic');
      await open('https://gemini.google.com/app');
      standIn.setMode('gemini.google.com', 'banner');
      const gemini = await open('https://gemini.google.com/app?hl=en');
      await waitFor('the Gemini banner', () =>
        gemini.evaluate(() => document.getElementById('banner')?.textContent || undefined, null),
      );
      await open(standIn.signatures.newsArticle.url);

      // Detour was watching: exactly the four blocks are in its log.
      const blocks = [
        ['anthropic', 'claude-web'],
        ['google', 'gemini-web'],
        ['openai', 'api'],
        ['openai', 'chatgpt'],
      ];
      const events = await waitFor('the four blocks in the log', async () => {
        const now = await loggedEvents(detour);
        return now.length >= blocks.length ? now : undefined;
      });
      await new Promise((done) => setTimeout(done, QUIET_PERIOD_MS));
      const settled = await loggedEvents(detour);
      expect(settled.length).toBe(events.length);
      expect(settled.map((event) => [event.service, event.product]).sort()).toEqual(blocks);

      // The pages did reach the stand-in (the log works) and the ledger explains every request.
      const browserOwn = standIn.requests.filter((request) => BROWSER_OWN_HOSTS.has(request.host)).length;
      const fromPages = standIn.requests.length - browserOwn;
      expect(fromPages).toBeGreaterThanOrEqual(ledger.length);
      const unexplained = notFromPages();
      const traces = toDetourOnly();
      console.info(
        `[no-requests ${browser}] session ${Date.now() - started} ms: ${fromPages} stand-in requests ` +
          `(+${browserOwn} the browser's own), ` +
          `${ledger.length} documents opened, not from pages: ${unexplained.length}, ` +
          `Detour-only addresses: ${traces.length}` +
          (detour.chromiumContext ? `, extension-initiated (playwright): ${extensionRequests.length}` : ''),
      );
      expect(unexplained.map(describeRequest)).toEqual([]);
      expect(traces.map(describeRequest)).toEqual([]);
      if (detour.chromiumContext) expect(extensionRequests).toEqual([]);
    });

    it('the counters see the extension once a person presses "Check now" in the popup', async () => {
      const tabId = await detour.tabIdOf('https://chatgpt.com/');
      const popup = await detour.openExtensionPage(`popup.html?tabId=${tabId}`);
      pages.push(popup);
      await waitFor('the popup’s "Check now" button', () =>
        popup.evaluate(() => {
          const button = document.querySelector<HTMLButtonElement>('.check button');
          if (!button || button.disabled) return undefined;
          button.click();
          return true;
        }, null),
      );
      await waitFor(
        'the check’s requests at the stand-in',
        async () => {
          const seen = toDetourOnly();
          return seen.length > 0 ? seen : undefined;
        },
        { timeoutMs: 15_000 },
      );
      await waitFor('the popup to show the check’s answer', () =>
        popup.evaluate(() => document.querySelector('.check-result')?.textContent || undefined, null),
      );
      // Read the stand-in's log again once the answer is shown: the check's probes run one after
      // another, and the first one seen above need not be the last.
      const traces = toDetourOnly();
      const unexplained = notFromPages();
      console.info(
        `[no-requests ${browser}] after "Check now": not from pages: ${unexplained.length}, ` +
          `Detour-only addresses: ${traces.length} (${traces.map(describeRequest).join('; ')})` +
          (detour.chromiumContext ? `, extension-initiated (playwright): ${extensionRequests.length}` : ''),
      );
      // The probes of OpenAI (the blocked tab's service) are now in both views.
      expect(traces.map((r) => r.host + r.path)).toContain('api.openai.com/compliance/cookie_requirements');
      expect(unexplained.length).toBeGreaterThan(0);
      for (const request of traces) expect(request.hadCookie).toBe(false);
      if (detour.chromiumContext) {
        expect(extensionRequests.length).toBeGreaterThan(0);
        expect(extensionRequests.map((r) => new URL(r.url).pathname)).toContain(
          '/compliance/cookie_requirements',
        );
      }
    });
  });
}
