import { defineExtensionMessaging } from '@webext-core/messaging';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Observation, Verdict } from '../detection/observation';
import type { ProtocolMap } from '../messaging/protocol';
import type { MessageSender } from '../messaging/sender';
import { DEFAULT_SETTINGS, type Settings } from '../settings/schema';
import { browserArea } from '../storage/key-value-area';
import { badgeView } from './badge';
import { createBackground } from './create-background';
import { NEW_PAGE_GRACE_MS } from './recorder';

const EXT_ID = 'test-extension-id';
const EXT_ORIGIN = `chrome-extension://${EXT_ID}/`;

/**
 * A stand-in classifier with the engine's contract: blocks when the body or URL carries a marker
 * naming a service, so these tests check the wiring, not the rules (those are the engine's tests).
 */
function fakeClassify(obs: Observation): Verdict {
  const text = `${obs.url ?? ''} ${obs.body ?? ''}`;
  const m = /BLOCK:([a-z-]+)(?::([A-Z]{2}))?/.exec(text);
  if (!m) return { verdict: 'clean', service: null, product: null, ruleId: null, evidence: '' };
  const service = m[1] as string;
  return {
    verdict: 'block',
    service,
    product: service === 'cloudflare' ? 'country-ban' : 'web',
    ruleId: `${service}.test-rule`,
    evidence: text.slice(0, 500),
    ...(m[2] ? { country: m[2] } : {}),
  };
}

let clock = Date.UTC(2026, 10, 5, 9);
let settings: Settings;

function setup() {
  const badges = new Map<number, ReturnType<typeof badgeView>>();
  const notified: string[] = [];
  const bg = createBackground({
    local: browserArea('local'),
    session: browserArea('session'),
    settings: async () => settings,
    badge: { show: async (tabId, state, s) => void badges.set(tabId, badgeView(state, s.badge)) },
    notify: { blocked: async (event) => void notified.push(event.service) },
    hostPorts: {
      hasPermission: async (origins) => origins.every((o) => o.startsWith('https://gateway.example.com')),
      register: vi.fn(async () => {}),
      unregister: vi.fn(async () => {}),
      registeredIds: async () => [],
      files: { pageWatch: 'content-scripts/page-watch.js', fetchTap: 'content-scripts/fetch-tap.js' },
    },
    extension: { id: EXT_ID, origin: EXT_ORIGIN },
    classify: fakeClassify,
    wayForward: null,
    now: () => clock,
  });
  const { log, tabs, hosts, recorder } = bg;
  return { handlers: bg.router, log, tabs, badges, notified, hosts, recorder };
}

const page = (url: string, tabId = 1, extra: Partial<MessageSender> = {}): MessageSender => ({
  id: EXT_ID,
  url,
  frameId: 0,
  tab: { id: tabId, url },
  ...extra,
});
const popup: MessageSender = { id: EXT_ID, url: `${EXT_ORIGIN}popup.html` };
const text = (body: string) => ({ channel: 'page-text', observation: { kind: 'page', body } });

beforeEach(() => {
  fakeBrowser.reset();
  settings = structuredClone(DEFAULT_SETTINGS) as Settings;
  clock = Date.UTC(2026, 10, 5, 9);
});

describe('reportObservation: who may report what', () => {
  it('logs a page-text block from a content script on the service’s own host', async () => {
    const { handlers, log, badges, notified } = setup();
    const r = await handlers.reportObservation(
      text('Sorry BLOCK:openai'),
      page('https://chatgpt.com/c/1?x=secret'),
    );
    expect(r).toMatchObject({ accepted: true });
    const [event] = await log.all();
    expect(event).toMatchObject({
      service: 'openai',
      product: 'web',
      kind: 'page',
      url: 'https://chatgpt.com/c/1',
    });
    expect(badges.get(1)).toMatchObject({ state: 'blocked', text: '1', services: ['openai'] });
    expect(notified).toEqual(['openai']);
  });

  it('ignores the URL a page claims and uses the sender’s', async () => {
    const { handlers, log } = setup();
    await handlers.reportObservation(
      {
        channel: 'page-text',
        observation: { kind: 'page', url: 'https://claude.ai/', body: 'BLOCK:openai' },
      },
      page('https://chatgpt.com/'),
    );
    expect((await log.all())[0]?.url).toBe('https://chatgpt.com/');
  });

  it('refuses a block for another service than the page is (forged fetch-tap or text)', async () => {
    const { handlers, log } = setup();
    expect(await handlers.reportObservation(text('BLOCK:anthropic'), page('https://chatgpt.com/'))).toEqual({
      accepted: false,
      reason: 'serviceMismatch',
    });
    const forged = {
      channel: 'fetch-tap',
      observation: {
        kind: 'response',
        url: 'https://api.anthropic.com/v1/messages',
        status: 403,
        body: 'BLOCK:anthropic',
      },
    };
    expect(await handlers.reportObservation(forged, page('https://chatgpt.com/'))).toEqual({
      accepted: false,
      reason: 'urlNotOnService',
    });
    expect(await log.count()).toBe(0);
  });

  it('accepts a fetch-tap block for the API of the same service, logged as the API product', async () => {
    const { handlers, log } = setup();
    const r = await handlers.reportObservation(
      {
        channel: 'fetch-tap',
        observation: {
          kind: 'response',
          url: 'https://api.openai.com/v1/chat/completions?k=1',
          status: 403,
          body: 'BLOCK:openai',
        },
      },
      page('https://platform.openai.com/playground'),
    );
    expect(r.accepted).toBe(true);
    expect((await log.all())[0]).toMatchObject({
      service: 'openai',
      kind: 'response',
      status: 403,
      url: 'https://api.openai.com/v1/chat/completions',
      tabUrl: 'https://platform.openai.com/playground',
    });
  });

  it('one block seen by two channels in one tab is one sighting; in another tab it counts again', async () => {
    const { handlers, log } = setup();
    const api = {
      channel: 'fetch-tap',
      observation: {
        kind: 'response',
        url: 'https://api.openai.com/v1/chat/completions',
        status: 403,
        body: 'BLOCK:openai',
      },
    };
    await handlers.reportObservation(api, page('https://platform.openai.com/playground', 4));
    // The page then renders the same error text.
    await handlers.reportObservation(
      text('Error: BLOCK:openai'),
      page('https://platform.openai.com/playground', 4),
    );
    expect((await log.all()).map((e) => [e.kind, e.count])).toEqual([['response', 1]]);
    await handlers.reportObservation(api, page('https://platform.openai.com/playground', 9));
    expect((await log.all()).map((e) => [e.kind, e.count])).toEqual([['response', 2]]);
  });

  it('a block shown as page text first, then reported as the response, is logged as the response', async () => {
    const { handlers, log } = setup();
    const tab = page('https://platform.openai.com/playground', 4);
    await handlers.reportObservation(text('Error: BLOCK:openai'), tab);
    expect((await log.all()).map((e) => e.kind)).toEqual(['page']);
    await handlers.reportObservation(
      {
        channel: 'fetch-tap',
        observation: {
          kind: 'response',
          url: 'https://api.openai.com/v1/chat/completions?key=secret',
          status: 403,
          body: 'BLOCK:openai',
        },
      },
      tab,
    );
    const events = await log.all();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'response',
      status: 403,
      count: 1,
      url: 'https://api.openai.com/v1/chat/completions',
      tabUrl: 'https://platform.openai.com/playground',
    });
  });

  it('the same block after a new document in the tab is a new sighting, even within 5 s', async () => {
    const { handlers, log, recorder } = setup();
    const tab = page('https://chatgpt.com/', 6);
    await handlers.reportObservation(text('BLOCK:openai'), tab);
    await handlers.reportObservation(text('BLOCK:openai'), tab);
    expect((await log.all()).map((e) => e.count)).toEqual([1]);
    clock += NEW_PAGE_GRACE_MS + 1_000; // a person reloads the page
    await recorder.navigated(6, 'https://chatgpt.com/');
    await handlers.reportObservation(text('BLOCK:openai'), tab);
    expect((await log.all()).map((e) => e.count)).toEqual([2]);
  });

  it('a navigation event handled just after the first report of its own page does not make it a second sighting', async () => {
    const { handlers, log, recorder } = setup();
    const tab = page('https://claude.com/app-unavailable-in-region', 6);
    await handlers.reportObservation(text('BLOCK:anthropic'), tab);
    clock += 40; // the redirect's hop, or Firefox's tab event, arrives after the page's report
    await recorder.navigated(6, 'https://claude.com/app-unavailable-in-region');
    clock += 50;
    await handlers.reportObservation(text('BLOCK:anthropic'), tab);
    expect((await log.all()).map((e) => e.count)).toEqual([1]);
    // And the tab still shows it: badge and popup agree with the log.
    expect((await handlers.getTabState({ tabId: 6 }, popup)).events).toHaveLength(1);
  });

  it('accepts a Cloudflare 1009 country ban on a watched host, as that host’s service', async () => {
    const { handlers, log } = setup();
    const r = await handlers.reportObservation(
      text('Error 1009 BLOCK:cloudflare:RU'),
      page('https://claude.ai/'),
    );
    expect(r.accepted).toBe(true);
    expect((await log.all())[0]).toMatchObject({
      service: 'anthropic',
      product: 'claude-web',
      country: 'RU',
    });
  });

  it.each([
    ['an unwatched host', page('https://news.example.com/article')],
    ['another extension', page('https://chatgpt.com/', 1, { id: 'evil-extension' })],
    ['no tab', { id: EXT_ID, url: 'https://chatgpt.com/' }],
    ['a subframe', page('https://chatgpt.com/', 1, { frameId: 3 })],
    ['a non-http page', page('file:///tmp/x.html')],
    ['no sender', undefined],
  ])('refuses a report from %s', async (_name, sender) => {
    const { handlers, log } = setup();
    const r = await handlers.reportObservation(text('BLOCK:openai'), sender as MessageSender | undefined);
    expect(r.accepted).toBe(false);
    expect(await log.count()).toBe(0);
  });

  it.each([
    ['null', null],
    ['a string', 'BLOCK:openai'],
    ['unknown channel', { channel: 'magic', observation: { body: 'BLOCK:openai' } }],
    [
      'navigation from a page',
      { channel: 'navigation', observation: { url: 'https://chatgpt.com/BLOCK:openai' } },
    ],
    ['a huge body', text(`BLOCK:openai ${'x'.repeat(40_000)}`)],
    ['a non-string body', { channel: 'page-text', observation: { body: { toString: 'BLOCK:openai' } } }],
    [
      'status out of range',
      { channel: 'fetch-tap', observation: { url: 'https://api.openai.com/', status: 1e6 } },
    ],
    [
      '__proto__ headers',
      JSON.parse(
        '{"channel":"page-text","observation":{"body":"BLOCK:openai","headers":{"__proto__":{"x":1}}}}',
      ),
    ],
  ])('refuses malformed input: %s', async (_name, input) => {
    const { handlers, log } = setup();
    const r = await handlers.reportObservation(input, page('https://chatgpt.com/'));
    expect(r.accepted).toBe(false);
    expect(await log.count()).toBe(0);
  });

  it('does not log a clean observation or an unwatched service', async () => {
    const { handlers, log } = setup();
    expect(await handlers.reportObservation(text('hello'), page('https://chatgpt.com/'))).toEqual({
      accepted: false,
      reason: 'clean',
    });
    settings.watchedServices = { openai: false };
    expect(await handlers.reportObservation(text('BLOCK:openai'), page('https://chatgpt.com/'))).toEqual({
      accepted: false,
      reason: 'serviceNotWatched',
    });
    expect(await log.count()).toBe(0);
  });

  it('rate-limits a flood from one tab (20 per 10 s) without slowing other tabs', async () => {
    const { handlers, log } = setup();
    const flood = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        handlers.reportObservation(text(`BLOCK:openai #${i}`), page('https://chatgpt.com/', 1)),
      ),
    );
    expect(flood.filter((r) => r.accepted)).toHaveLength(20);
    expect(flood.filter((r) => r.reason === 'rateLimited')).toHaveLength(980);
    expect(
      (await handlers.reportObservation(text('BLOCK:openai'), page('https://chatgpt.com/', 2))).accepted,
    ).toBe(true);
    clock += 10_000;
    expect(
      (await handlers.reportObservation(text('BLOCK:openai'), page('https://chatgpt.com/', 1))).accepted,
    ).toBe(true);
    // Everything accepted is one deduped row (same service, rule and page origin).
    expect((await log.all())[0]?.count).toBeGreaterThanOrEqual(2);
  });

  it('20 tabs reporting at once: every accepted report is counted', async () => {
    const { handlers, log } = setup();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, tab) =>
        Array.from({ length: 10 }, (_, i) =>
          handlers.reportObservation(
            text(`BLOCK:openai ${i}`),
            page(`https://chatgpt.com/c/${tab}`, 100 + tab),
          ),
        ),
      ).flat(),
    );
    expect(results.every((r) => r.accepted)).toBe(true);
    const events = await log.all();
    // Same service, rule and origin: one row; the same tab+URL within 5 s is one sighting.
    expect(events).toHaveLength(1);
    expect(events[0]?.count).toBe(20);
  });
});

describe('extension-page requests', () => {
  it('queryLog, getTabState, exportLog and clearLog work from our pages only', async () => {
    const { handlers } = setup();
    await handlers.reportObservation(text('BLOCK:openai'), page('https://chatgpt.com/', 5));
    await expect(handlers.queryLog({ limit: 5 }, page('https://chatgpt.com/', 5))).rejects.toThrow(
      /notExtensionPage/,
    );
    const q = await handlers.queryLog({ limit: 5 }, popup);
    expect(q.total).toBe(1);
    expect((await handlers.queryLog({ tabId: 5 }, popup)).total).toBe(1);
    expect((await handlers.queryLog({ tabId: 6 }, popup)).total).toBe(0);
    expect((await handlers.getTabState({ tabId: 5 }, popup)).events).toHaveLength(1);
    const csv = await handlers.exportLog({ format: 'csv' }, popup);
    expect(csv.text.split('\r\n').filter(Boolean)).toHaveLength(2);
    const json = JSON.parse((await handlers.exportLog({ format: 'json' }, popup)).text);
    expect(json).toMatchObject({ format: 'detour-log', version: 1, events: [{ service: 'openai' }] });
    expect(await handlers.clearLog({}, popup)).toEqual({ cleared: 1 });
  });

  it('checkReachability without a checker in this build answers unknown, asking nothing', async () => {
    const { handlers } = setup();
    expect(await handlers.checkReachability({ service: 'openai' }, popup)).toEqual({
      service: 'openai',
      checkedAt: clock,
      status: 'unknown',
      ruleId: null,
      evidence: '',
      exitCountry: null,
      reason: 'checkUnavailable',
    });
    await expect(
      handlers.checkReachability({ service: 'openai' }, page('https://chatgpt.com/', 5)),
    ).rejects.toThrow(/notExtensionPage/);
  });

  it.each([
    ['getSuggestions', { service: 'openai', region: 'CN' }],
    ['getMigrationSnippets', { platformId: 'zhipu', sourceModel: 'gpt-4o' }],
    ['judgeExitCountry', { service: 'openai', country: 'CN' }],
    ['guessRegion', { uiLanguage: 'en', timeZone: 'UTC' }],
  ] as const)(
    '%s is refused to a web page before it is read, then as unavailable without the catalog',
    async (type, input) => {
      const { handlers } = setup();
      const call = handlers[type] as (i: unknown, s: MessageSender) => Promise<unknown>;
      await expect(call(input, page('https://chatgpt.com/', 5))).rejects.toThrow(/notExtensionPage/);
      await expect(call({ bogus: true }, page('https://chatgpt.com/', 5))).rejects.toThrow(
        /notExtensionPage/,
      );
      await expect(call({ bogus: true }, popup)).rejects.toThrow(/invalidInput/);
      await expect(call(input, popup)).rejects.toThrow('refused: unavailable');
    },
  );

  it.each([
    ['queryLog', { limit: 100_000 }],
    ['queryLog', { offset: -1 }],
    ['queryLog', { search: 'x'.repeat(501) }],
    ['getTabState', { tabId: 'one' }],
    ['exportLog', { format: 'xml' }],
    ['checkReachability', { service: '../../etc' }],
    ['watchGrantedHost', { origin: 'javascript:alert(1)', service: 'openai' }],
  ] as const)('%s refuses %j', async (type, input) => {
    const { handlers } = setup();
    await expect(
      (handlers[type] as (i: unknown, s: MessageSender) => Promise<unknown>)(input, popup),
    ).rejects.toThrow(/invalidInput/);
  });

  it('watchGrantedHost needs the permission and a known service; reports from the host then count', async () => {
    const { handlers, hosts, log } = setup();
    expect(
      await handlers.watchGrantedHost({ origin: 'https://other.example.com', service: 'openai' }, popup),
    ).toEqual({
      ok: false,
      reason: 'permissionMissing',
    });
    expect(
      await handlers.watchGrantedHost({ origin: 'https://gateway.example.com', service: 'nope' }, popup),
    ).toEqual({
      ok: false,
      reason: 'unknownService',
    });
    expect(
      await handlers.watchGrantedHost({ origin: 'https://gateway.example.com', service: 'openai' }, popup),
    ).toEqual({
      ok: true,
    });
    expect(await handlers.listGrantedHosts({}, popup)).toEqual([
      { origin: 'https://gateway.example.com', service: 'openai' },
    ]);
    const r = await handlers.reportObservation(
      text('BLOCK:openai'),
      page('https://gateway.example.com/chat'),
    );
    expect(r.accepted).toBe(true);
    // A granted host for OpenAI still cannot log another service.
    expect(
      (await handlers.reportObservation(text('BLOCK:google'), page('https://gateway.example.com/x', 2)))
        .reason,
    ).toBe('serviceMismatch');
    await handlers.unwatchGrantedHost({ origin: 'https://gateway.example.com' }, popup);
    expect(hosts.list()).toEqual([]);
    expect(
      (await handlers.reportObservation(text('BLOCK:openai'), page('https://gateway.example.com/', 3)))
        .reason,
    ).toBe('senderNotWatched');
    expect(await log.count()).toBe(1);
  });
});

describe('through @webext-core/messaging on fakeBrowser', () => {
  it('a round trip reaches the handler; fakeBrowser’s empty sender is refused as foreign', async () => {
    const { handlers } = setup();
    const messaging = defineExtensionMessaging<ProtocolMap>();
    messaging.onMessage('reportObservation', ({ data, sender }) => handlers.reportObservation(data, sender));
    messaging.onMessage('queryLog', ({ data, sender }) => handlers.queryLog(data, sender));
    expect(await messaging.sendMessage('reportObservation', text('BLOCK:openai') as never)).toEqual({
      accepted: false,
      reason: 'foreignSender',
    });
    await expect(messaging.sendMessage('queryLog', {})).rejects.toThrow(/foreignSender/);
    messaging.removeAllListeners();
  });

  it('the library’s listener passes a real sender through to the handler', async () => {
    const { handlers, log } = setup();
    const messaging = defineExtensionMessaging<ProtocolMap>();
    messaging.onMessage('reportObservation', ({ data, sender }) => handlers.reportObservation(data, sender));
    // Drive the listener the way the browser does, with a content script's sender.
    const reply = await new Promise((resolve) => {
      void fakeBrowser.runtime.onMessage.trigger(
        { id: 1, type: 'reportObservation', data: text('BLOCK:openai'), timestamp: Date.now() },
        page('https://chatgpt.com/') as Parameters<typeof fakeBrowser.runtime.onMessage.trigger>[1],
        resolve,
      );
    });
    expect(reply).toMatchObject({ res: { accepted: true } });
    expect(await log.count()).toBe(1);
    messaging.removeAllListeners();
  });
});
