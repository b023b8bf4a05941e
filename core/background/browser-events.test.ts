/**
 * What the background does with browser events, through the real background createBackground
 * assembles (real engine, log, tab states, recorder) on fakeBrowser storage. The details objects
 * are what webRequest and tabs.onUpdated hand the listeners.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS } from '../settings/schema';
import { browserArea } from '../storage/key-value-area';
import type { StreamFilterLike } from '../watch/response-body';
import { createBrowserEvents } from './browser-events';
import { createBackground } from './create-background';

const CLOCK = Date.UTC(2026, 10, 5, 9);

function setup() {
  const badges: Array<{ tabId: number; count: number }> = [];
  const bg = createBackground({
    local: browserArea('local'),
    session: browserArea('session'),
    settings: async () => DEFAULT_SETTINGS,
    badge: { show: async (tabId, state) => void badges.push({ tabId, count: state.events.length }) },
    notify: { blocked: async () => {} },
    hostPorts: {
      hasPermission: async () => false,
      register: async () => {},
      unregister: async () => {},
      registeredIds: async () => [],
      files: { pageWatch: 'a.js', fetchTap: 'b.js' },
    },
    extension: { id: 'test-extension-id', origin: 'chrome-extension://test-extension-id/' },
    now: () => CLOCK,
    warn: () => {},
  });
  return { bg, events: createBrowserEvents(bg), badges };
}

/** Lets the listeners' fire-and-forget work (classify, log write, tab state) finish. */
async function settle(bg: ReturnType<typeof setup>['bg']) {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
  await bg.log.count();
}

const OPENAI_403 = {
  requestId: 'r1',
  tabId: 7,
  url: 'https://api.openai.com/v1/chat/completions',
  type: 'xmlhttprequest',
  statusCode: 403,
  responseHeaders: [{ name: 'content-type', value: 'application/json' }],
};
const OPENAI_403_BODY = JSON.stringify({
  error: {
    code: 'unsupported_country_region_territory',
    message: 'Country, region, or territory not supported',
    param: null,
    type: 'request_forbidden',
  },
});

beforeEach(() => fakeBrowser.reset());

describe('browser events', () => {
  it("logs claude.ai's redirect to the region page once, and the redirect hop keeps the tab's block", async () => {
    const { bg, events } = setup();
    events.beforeRequest({ requestId: 'n1', tabId: 3, url: 'https://claude.ai/', type: 'main_frame' });
    events.beforeRedirect({
      requestId: 'n1',
      tabId: 3,
      url: 'https://claude.ai/',
      type: 'main_frame',
      redirectUrl: 'https://claude.com/app-unavailable-in-region',
      statusCode: 302,
    });
    await settle(bg);
    // The same request continues at the redirect target: not a new document.
    events.beforeRequest({
      requestId: 'n1',
      tabId: 3,
      url: 'https://claude.com/app-unavailable-in-region',
      type: 'main_frame',
    });
    await settle(bg);
    const { events: logged } = await bg.log.query({});
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ service: 'anthropic', kind: 'navigation' });
    expect((await bg.tabs.get(3)).events).toHaveLength(1);
  });

  it('a new document in the tab clears what the tab showed', async () => {
    const { bg, events } = setup();
    events.beforeRedirect({
      requestId: 'n1',
      tabId: 3,
      url: 'https://claude.ai/',
      type: 'main_frame',
      redirectUrl: 'https://claude.com/app-unavailable-in-region',
      statusCode: 302,
    });
    await settle(bg);
    expect((await bg.tabs.get(3)).events).toHaveLength(1);
    events.beforeRequest({ requestId: 'n2', tabId: 3, url: 'https://claude.ai/new', type: 'main_frame' });
    await settle(bg);
    expect((await bg.tabs.get(3)).events).toHaveLength(0);
    expect(await bg.log.count()).toBe(1);
  });

  it('logs a 403 from the body the Firefox filter reads, not from its headers', async () => {
    const { bg, events } = setup();
    const filter: StreamFilterLike = {
      ondata: null,
      onstop: null,
      onerror: null,
      write: () => {},
      close: () => {},
      disconnect: () => {},
    };
    expect(events.headersReceived(OPENAI_403, () => filter)).toEqual({});
    // Headers alone (what onCompleted sees) carry no block evidence; the body does.
    events.completed(OPENAI_403);
    await settle(bg);
    expect(await bg.log.count()).toBe(0);
    filter.ondata?.({ data: new TextEncoder().encode(OPENAI_403_BODY).buffer as ArrayBuffer });
    filter.onstop?.({});
    await settle(bg);
    const { events: logged } = await bg.log.query({});
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ service: 'openai', kind: 'response', status: 403 });
  });

  it("does not log Detour's own check of a service, but logs another extension's request", async () => {
    const { bg, events } = setup();
    const landed = {
      requestId: 'c1',
      tabId: -1,
      url: 'https://claude.com/app-unavailable-in-region',
      type: 'xmlhttprequest',
      statusCode: 200,
    };
    // "Check now" from the popup or the options page: Chromium names the extension as initiator,
    // Firefox the background page's URL.
    events.completed({ ...landed, initiator: 'chrome-extension://test-extension-id' });
    events.completed({
      ...landed,
      requestId: 'c2',
      originUrl: 'chrome-extension://test-extension-id/background.js',
    });
    await settle(bg);
    expect(await bg.log.count()).toBe(0);
    events.completed({ ...landed, requestId: 'c3', initiator: 'chrome-extension://another-extension-id' });
    await settle(bg);
    expect(await bg.log.count()).toBe(1);
  });

  it('ignores hosts of no known service and responses below 400 for the body filter', async () => {
    const { bg, events } = setup();
    let asked = 0;
    const filterFor = () => {
      asked++;
      throw new Error('not expected');
    };
    expect(events.headersReceived({ ...OPENAI_403, statusCode: 200 }, filterFor)).toEqual({});
    expect(asked).toBe(0);
    events.completed({ ...OPENAI_403, url: 'https://example.com/v1/chat/completions' });
    events.tabUpdated(5, { url: 'https://example.com/app-unavailable-in-region' }, {});
    await settle(bg);
    expect(await bg.log.count()).toBe(0);
  });

  it("shows the tab's state again when a service page completes, also when the change carries its URL", async () => {
    const { bg, events, badges } = setup();
    events.beforeRedirect({
      requestId: 'n1',
      tabId: 6,
      url: 'https://claude.ai/',
      type: 'main_frame',
      redirectUrl: 'https://claude.com/app-unavailable-in-region',
      statusCode: 302,
    });
    await settle(bg);
    const shown = badges.length;
    // Firefox, an error page: status and URL in one change.
    events.tabUpdated(
      6,
      { status: 'complete', url: 'https://claude.com/app-unavailable-in-region' },
      { url: 'https://claude.com/app-unavailable-in-region' },
    );
    await settle(bg);
    expect(badges.slice(shown)).toEqual([{ tabId: 6, count: 1 }]);
    // Chromium: status alone.
    events.tabUpdated(6, { status: 'complete' }, { url: 'https://claude.com/app-unavailable-in-region' });
    await settle(bg);
    expect(badges.slice(shown)).toEqual([
      { tabId: 6, count: 1 },
      { tabId: 6, count: 1 },
    ]);
  });

  it('leaving the services for another site clears the tab; closing it forgets it', async () => {
    const { bg, events, badges } = setup();
    events.beforeRedirect({
      requestId: 'n1',
      tabId: 4,
      url: 'https://claude.ai/',
      type: 'main_frame',
      redirectUrl: 'https://claude.com/app-unavailable-in-region',
      statusCode: 302,
    });
    await settle(bg);
    expect(badges.at(-1)).toEqual({ tabId: 4, count: 1 });
    events.tabUpdated(4, { status: 'loading' }, { url: 'https://example.com/' });
    await settle(bg);
    expect(badges.at(-1)).toEqual({ tabId: 4, count: 0 });
    expect((await bg.tabs.get(4)).events).toHaveLength(0);
    events.tabRemoved(4);
    await settle(bg);
    expect((await bg.tabs.get(4)).url).toBeNull();
  });
});
