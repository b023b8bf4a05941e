/**
 * A refusal a gateway relays, from the gateway's page or API to the log, the tab, the badge and
 * the notification, with the real engine: logged as the upstream service's refusal, marked with
 * the gateway it was seen on, watched by the gateway's switch. On any other service's host,
 * another service's refusal is still refused.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as v from 'valibot';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Verdict } from '../detection/observation';
import { LogEvent } from '../log/event';
import { logToCsv, logToJson } from '../log/export';
import type { MessageSender } from '../messaging/sender';
import { DEFAULT_SETTINGS, type Settings } from '../settings/schema';
import { badgeView } from './badge';
import { createBackground } from './create-background';
import { relayOf } from './recorder';
import { quietBackgroundDeps, TEST_EXTENSION_ID } from './test-deps';

interface Fixture {
  id: string;
  url: string;
  http_status: number | null;
  body: string;
}
const FIXTURES = JSON.parse(
  readFileSync(join(__dirname, '../../reference/block-signatures.json'), 'utf8'),
) as Fixture[];
function fixture(id: string): Fixture {
  const found = FIXTURES.find((f) => f.id === id);
  if (!found) throw new Error(`no fixture ${id}`);
  return found;
}
/** OpenRouter's 400 wrapping Google AI Studio's FAILED_PRECONDITION (langgenius/dify#26185). */
const OPENROUTER_RELAY = fixture('gemini-openrouter-provider-returned-error');
/** Gemini API's own refusal body, as an upstream error a chat client passes on unchanged. */
const GEMINI_REFUSAL = fixture('gemini-api-400-user-location-native-json').body;

/** LobeChat's own words for a region refusal it relays (lobehub/lobehub#4240). */
const LOBECHAT_OWN_WORDS = fixture('lobechat-location-not-support-zh');

let clock = Date.UTC(2026, 10, 5, 9);
let settings: Settings;

function setup() {
  const badges = new Map<number, ReturnType<typeof badgeView>>();
  const notified: Array<{ service: string; relayedBy?: string }> = [];
  const bg = createBackground(
    quietBackgroundDeps({
      settings: async () => settings,
      badge: { show: async (tabId, state, s) => void badges.set(tabId, badgeView(state, s.badge)) },
      notify: {
        blocked: async (event) => void notified.push({ service: event.service, relayedBy: event.relayedBy }),
      },
      now: () => clock,
    }),
  );
  return { ...bg, badges, notified };
}

const page = (url: string, tabId = 1): MessageSender => ({
  id: TEST_EXTENSION_ID,
  url,
  frameId: 0,
  tab: { id: tabId, url },
});
const tapped = (url: string, status: number, body: string) => ({
  channel: 'fetch-tap',
  observation: { kind: 'response', url, status, contentType: 'application/json', body },
});

const LOBECHAT_PAGE = 'https://lobechat.com/chat';
const LOBECHAT_API = 'https://lobechat.com/webapi/chat/google?session=abc';

beforeEach(() => {
  fakeBrowser.reset();
  settings = structuredClone(DEFAULT_SETTINGS) as Settings;
  clock = Date.UTC(2026, 10, 5, 9);
});

describe('a refusal relayed by a gateway', () => {
  it('is logged as the upstream service’s, marked with the gateway it was seen on', async () => {
    const { router, log, tabs, badges, notified } = setup();
    const answer = await router.reportObservation(
      tapped(LOBECHAT_API, 400, GEMINI_REFUSAL),
      page(LOBECHAT_PAGE),
    );
    expect(answer.accepted).toBe(true);
    const [event] = await log.all();
    expect(event).toMatchObject({
      service: 'google',
      product: 'gemini-api',
      relayedBy: 'lobechat',
      kind: 'response',
      status: 400,
      url: 'https://lobechat.com/webapi/chat/google',
      tabUrl: LOBECHAT_PAGE,
      count: 1,
    });
    expect((await tabs.get(1)).events.map((e) => e.id)).toEqual([event?.id]);
    expect(badges.get(1)).toMatchObject({ state: 'blocked', text: '1', services: ['google'] });
    expect(notified).toEqual([{ service: 'google', relayedBy: 'lobechat' }]);
  });

  it('through OpenRouter’s API (Firefox reads the body), from the reference', async () => {
    const { observe, log } = setup();
    const r = await observe(
      {
        kind: 'response',
        url: OPENROUTER_RELAY.url,
        status: OPENROUTER_RELAY.http_status ?? undefined,
        body: OPENROUTER_RELAY.body,
      },
      {
        kind: 'response',
        url: OPENROUTER_RELAY.url,
        tabId: 4,
        tabUrl: 'https://openrouter.ai/chat',
        owner: { service: 'openrouter', product: 'api' },
      },
    );
    expect(r.recorded).toBe(true);
    expect(await log.all()).toMatchObject([
      { service: 'google', product: 'gemini-api', relayedBy: 'openrouter', url: OPENROUTER_RELAY.url },
    ]);
  });

  it('is one sighting however often the page reports it, and counts again after the page loads again', async () => {
    const { router, recorder, log, tabs, badges } = setup();
    await router.reportObservation(tapped(LOBECHAT_API, 400, GEMINI_REFUSAL), page(LOBECHAT_PAGE));
    const again = await router.reportObservation(
      tapped(LOBECHAT_API, 400, GEMINI_REFUSAL),
      page(LOBECHAT_PAGE),
    );
    expect(again.accepted).toBe(true);
    expect((await log.all()).map((e) => e.count)).toEqual([1]);

    clock += 60_000;
    await recorder.navigated(1, LOBECHAT_PAGE);
    expect((await tabs.get(1)).events).toEqual([]);
    expect(badges.get(1)).toEqual({ state: 'none' });

    await router.reportObservation(tapped(LOBECHAT_API, 400, GEMINI_REFUSAL), page(LOBECHAT_PAGE));
    const events = await log.all();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ service: 'google', relayedBy: 'lobechat', count: 2 });
    expect(badges.get(1)).toMatchObject({ state: 'blocked', text: '1' });
  });

  it('is one refusal with the gateway’s own words for it on the page, shown just after', async () => {
    const { router, log, tabs, badges } = setup();
    const relayed = await router.reportObservation(
      tapped(LOBECHAT_API, 400, GEMINI_REFUSAL),
      page(LOBECHAT_PAGE),
    );
    clock += 200;
    const shown = await router.reportObservation(
      { channel: 'page-text', observation: { kind: 'page', body: LOBECHAT_OWN_WORDS.body } },
      page(LOBECHAT_PAGE),
    );
    expect(shown).toEqual(relayed);
    expect((await log.all()).map((e) => [e.service, e.count])).toEqual([['google', 1]]);
    expect((await tabs.get(1)).events).toHaveLength(1);
    expect(badges.get(1)).toMatchObject({ state: 'blocked', text: '1' });
  });

  it('is one refusal when the gateway’s own words reach Detour before the response they render', async () => {
    const { router, log, tabs, badges } = setup();
    // The page's text and the fetch tap's report travel apart; in Chromium the text came first.
    const shownFirst = router.reportObservation(
      { channel: 'page-text', observation: { kind: 'page', body: LOBECHAT_OWN_WORDS.body } },
      page(LOBECHAT_PAGE),
    );
    const relayed = await router.reportObservation(
      tapped(LOBECHAT_API, 400, GEMINI_REFUSAL),
      page(LOBECHAT_PAGE),
    );
    expect(await shownFirst).toEqual(relayed);
    expect((await log.all()).map((e) => [e.service, e.relayedBy, e.count])).toEqual([
      ['google', 'lobechat', 1],
    ]);
    expect((await tabs.get(1)).events).toHaveLength(1);
    expect(badges.get(1)).toMatchObject({ state: 'blocked', text: '1' });
  });

  it('leaves the gateway’s own refusal its own when it relayed nothing just before', async () => {
    const { router, log } = setup();
    await router.reportObservation(tapped(LOBECHAT_API, 400, GEMINI_REFUSAL), page(LOBECHAT_PAGE));
    // Another tab, and the same tab long after: LobeChat's words alone are LobeChat's refusal.
    await router.reportObservation(
      { channel: 'page-text', observation: { kind: 'page', body: LOBECHAT_OWN_WORDS.body } },
      page(LOBECHAT_PAGE, 2),
    );
    clock += 60_000;
    await router.reportObservation(
      { channel: 'page-text', observation: { kind: 'page', body: LOBECHAT_OWN_WORDS.body } },
      page(LOBECHAT_PAGE),
    );
    expect((await log.all()).map((e) => [e.service, e.relayedBy ?? null, e.count])).toEqual([
      ['google', 'lobechat', 1],
      // Seen twice on lobechat.com within the log's 10 minutes: one row, counted twice.
      ['lobechat', null, 2],
    ]);
  });

  it('is watched by the gateway’s switch: the user watches the site they use', async () => {
    const { router, log } = setup();
    settings.watchedServices = { lobechat: false };
    expect(
      await router.reportObservation(tapped(LOBECHAT_API, 400, GEMINI_REFUSAL), page(LOBECHAT_PAGE)),
    ).toEqual({ accepted: false, reason: 'serviceNotWatched' });
    expect(await log.all()).toEqual([]);

    // Not watching Google's own sites does not hide what LobeChat, which is watched, passes on.
    settings.watchedServices = { google: false };
    expect(
      (await router.reportObservation(tapped(LOBECHAT_API, 400, GEMINI_REFUSAL), page(LOBECHAT_PAGE, 2)))
        .accepted,
    ).toBe(true);
  });

  it('is kept apart from the same refusal on the upstream’s own host', async () => {
    const { router, observe, log } = setup();
    await router.reportObservation(tapped(LOBECHAT_API, 400, GEMINI_REFUSAL), page(LOBECHAT_PAGE));
    await observe(
      {
        kind: 'response',
        url: 'https://generativelanguage.googleapis.com/v1beta/models',
        status: 400,
        body: GEMINI_REFUSAL,
      },
      {
        kind: 'response',
        url: 'https://generativelanguage.googleapis.com/v1beta/models',
        tabId: -1,
        owner: { service: 'google', product: 'gemini-api' },
      },
    );
    const events = await log.all();
    expect(events.map((e) => [e.service, e.relayedBy ?? null])).toEqual([
      ['google', 'lobechat'],
      ['google', null],
    ]);
  });

  it('is exported with the gateway, in JSON and CSV', async () => {
    const { router, log } = setup();
    await router.reportObservation(tapped(LOBECHAT_API, 400, GEMINI_REFUSAL), page(LOBECHAT_PAGE));
    const events = await log.all();
    const json = JSON.parse(logToJson(events, clock).text) as { events: LogEvent[] };
    expect(json.events[0]).toMatchObject({ service: 'google', relayedBy: 'lobechat' });
    const [header, row] = logToCsv(events, clock).text.replace('\ufeff', '').split('\r\n');
    // The gateway is the last column (the evidence before it holds quoted commas).
    expect(header?.split(',').at(-1)).toBe('relayedBy');
    expect(row?.split(',').at(-1)).toBe('lobechat');
  });
});

describe('another service’s refusal on a service that is no gateway', () => {
  it('is still refused (a quote, an answer or a forgery is not this service refusing)', async () => {
    const { router, log, badges, notified } = setup();
    // The engine names Google for Gemini's strong signature in any error response…
    const answer = await router.reportObservation(
      tapped('https://chatgpt.com/backend-api/conversation', 400, GEMINI_REFUSAL),
      page('https://chatgpt.com/'),
    );
    // …and the recorder will not log it for a page of ChatGPT.
    expect(answer).toEqual({ accepted: false, reason: 'serviceMismatch' });
    expect(await log.all()).toEqual([]);
    expect(badges.get(1)).toBeUndefined();
    expect(notified).toEqual([]);
  });
});

describe('relayOf', () => {
  const block = (service: string): Verdict & { verdict: 'block' } => ({
    verdict: 'block',
    service,
    product: 'x',
    ruleId: 'r',
    evidence: '',
  });
  it('names the gateway only when a gateway’s sighting carries another service’s refusal', () => {
    expect(relayOf(block('google'), { service: 'openrouter', product: 'api' })).toBe('openrouter');
    expect(relayOf(block('anthropic'), { service: 'lobechat', product: 'chat' })).toBe('lobechat');
    expect(relayOf(block('openrouter'), { service: 'openrouter', product: 'api' })).toBeNull();
    expect(relayOf(block('cloudflare'), { service: 'openrouter', product: 'api' })).toBeNull();
    expect(relayOf(block('google'), { service: 'openai', product: 'chatgpt' })).toBeNull();
    expect(relayOf(block('google'), { service: 'anthropic', product: 'claude-web' })).toBeNull();
  });
});

describe('the stored event', () => {
  const base = {
    id: 'e1',
    service: 'google',
    product: 'gemini-api',
    kind: 'response',
    ruleId: 'r',
    url: 'https://openrouter.ai/api/v1/chat/completions',
    evidence: '',
    firstSeen: 1,
    lastSeen: 1,
    count: 1,
  };
  it('reads events logged before the gateway was recorded, and rejects a malformed gateway', () => {
    expect(v.safeParse(LogEvent, base).success).toBe(true);
    expect(v.safeParse(LogEvent, { ...base, relayedBy: 'openrouter' }).success).toBe(true);
    expect(v.safeParse(LogEvent, { ...base, relayedBy: '<b>x</b>' }).success).toBe(false);
    expect(v.safeParse(LogEvent, { ...base, relayedBy: '' }).success).toBe(false);
  });
});
