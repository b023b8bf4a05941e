/**
 * A service that cannot be reached from this network: when failed requests count (UnreachableWatch)
 * and how they are logged (UnreachableRecorder): once per service per network per day, its own
 * kind, its own badge state, exported with the log. Real EventLog and TabStates on fakeBrowser.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { LogEvent } from '../log/event';
import { EventLog } from '../log/event-log';
import { logToCsv, logToJson } from '../log/export';
import { browserArea } from '../log/key-value-area';
import { TabStates } from '../log/tab-states';
import { DEFAULT_SETTINGS, type Settings } from '../settings/schema';
import { badgeView, UNREACHABLE_COLOR } from './badge';
import { UNREACHABLE_RULE_ID, UnreachableRecorder } from './unreachable-recorder';
import {
  OTHER_SITES_WINDOW_MS,
  PENDING_MS,
  type RequestFailure,
  type UnreachableSighting,
  UnreachableWatch,
} from './unreachable-watch';

const OPENAI = { service: 'openai', product: 'chatgpt' };
const ANTHROPIC = { service: 'anthropic', product: 'claude' };

let clock: number;

const pageFailure = (error: string, url = 'https://chatgpt.com/', tabId = 1): RequestFailure => ({
  url,
  tabId,
  mainFrame: true,
  error,
  owner: OPENAI,
  tabUrl: url,
});
const apiFailure = (error: string): RequestFailure => ({
  url: 'https://api.openai.com/v1/models?key=x',
  tabId: 1,
  mainFrame: false,
  error,
  owner: OPENAI,
});

function watch(online = true) {
  const seen: UnreachableSighting[] = [];
  const recovered: string[] = [];
  const w = new UnreachableWatch({
    now: () => clock,
    online: () => online,
    onUnreachable: (s) => seen.push(s),
    onRecovered: (service) => recovered.push(service),
  });
  const otherSiteLoads = () =>
    w.succeeded({ url: 'https://claude.ai/', service: 'anthropic', mainFrame: true, tabId: 9 });
  return { w, seen, recovered, otherSiteLoads };
}

beforeEach(() => {
  fakeBrowser.reset();
  clock = new Date(2026, 11, 5, 10, 0, 0).getTime();
});

describe('UnreachableWatch', () => {
  it('counts a page that failed while another site loads, with the error names per host', () => {
    const { w, seen, otherSiteLoads } = watch();
    otherSiteLoads();
    clock += 1_000;
    w.failed(pageFailure('net::ERR_CONNECTION_REFUSED'));
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ owner: OPENAI, tabId: 1, tabUrl: 'https://chatgpt.com/' });
    expect(seen[0]?.errors).toEqual(['chatgpt.com: ERR_CONNECTION_REFUSED']);
  });

  it('waits for another site: a success within 2 minutes counts the failure, later does not', () => {
    const a = watch();
    a.w.failed(pageFailure('NS_ERROR_UNKNOWN_HOST'));
    expect(a.seen).toHaveLength(0);
    clock += 30_000;
    a.otherSiteLoads();
    expect(a.seen).toHaveLength(1);
    expect(a.seen[0]?.errors).toEqual(['chatgpt.com: NS_ERROR_UNKNOWN_HOST']);

    const b = watch();
    b.w.failed(pageFailure('net::ERR_NAME_NOT_RESOLVED'));
    clock += PENDING_MS + 1;
    b.otherSiteLoads();
    expect(b.seen).toHaveLength(0);
  });

  it('gives nothing when every host fails: no success anywhere is no evidence that other sites load', () => {
    const { w, seen } = watch();
    w.failed(pageFailure('net::ERR_NAME_NOT_RESOLVED'));
    w.failed({ ...pageFailure('net::ERR_NAME_NOT_RESOLVED', 'https://claude.ai/', 2), owner: ANTHROPIC });
    w.failed(apiFailure('net::ERR_NAME_NOT_RESOLVED'));
    clock += 10 * 60_000;
    expect(seen).toHaveLength(0);
  });

  it('a success of the same service is not another site, and an old success is not recent', () => {
    const a = watch();
    a.w.succeeded({ url: 'https://cdn.oaistatic.com/x.js', service: 'openai', mainFrame: false, tabId: 1 });
    a.w.failed(pageFailure('net::ERR_CONNECTION_RESET'));
    expect(a.seen).toHaveLength(0);

    const b = watch();
    b.otherSiteLoads();
    clock += OTHER_SITES_WINDOW_MS + 1;
    b.w.failed(pageFailure('net::ERR_CONNECTION_RESET'));
    expect(b.seen).toHaveLength(0);
  });

  it('ignores aborts, blocks by the client, offline errors and an offline browser', () => {
    const { w, seen, otherSiteLoads } = watch();
    otherSiteLoads();
    for (const e of [
      'net::ERR_ABORTED',
      'NS_BINDING_ABORTED',
      'net::ERR_BLOCKED_BY_CLIENT',
      'NS_ERROR_ABORT',
    ])
      w.failed(pageFailure(e));
    w.failed(pageFailure('net::ERR_INTERNET_DISCONNECTED'));
    expect(seen).toHaveLength(0);

    const offline = watch(false);
    offline.otherSiteLoads();
    offline.w.failed(pageFailure('net::ERR_CONNECTION_REFUSED'));
    expect(offline.seen).toHaveLength(0);
  });

  it('an offline error drops a failure that was waiting for evidence', () => {
    const { w, seen, otherSiteLoads } = watch();
    w.failed(pageFailure('net::ERR_NAME_NOT_RESOLVED'));
    w.failed(apiFailure('net::ERR_NETWORK_CHANGED'));
    otherSiteLoads();
    expect(seen).toHaveLength(0);
  });

  it('one flaky API request is not enough; three within a minute are', () => {
    const { w, seen, otherSiteLoads } = watch();
    otherSiteLoads();
    w.failed(apiFailure('net::ERR_CONNECTION_RESET'));
    clock += 61_000;
    w.failed(apiFailure('net::ERR_CONNECTION_RESET'));
    clock += 1_000;
    w.failed(apiFailure('net::ERR_CONNECTION_RESET'));
    expect(seen).toHaveLength(0);
    clock += 1_000;
    w.failed(apiFailure('NS_ERROR_NET_TIMEOUT'));
    expect(seen).toHaveLength(1);
    expect(seen[0]?.errors).toEqual([
      'api.openai.com: ERR_CONNECTION_RESET',
      'api.openai.com: NS_ERROR_NET_TIMEOUT',
    ]);
  });

  it('a page of the service that loads is the recovery', () => {
    const { w, recovered } = watch();
    w.succeeded({ url: 'https://chatgpt.com/', service: 'openai', mainFrame: true, tabId: 1 });
    expect(recovered).toEqual(['openai']);
  });
});

describe('UnreachableRecorder', () => {
  let settings: Settings;
  beforeEach(() => {
    settings = { ...DEFAULT_SETTINGS };
  });

  function setup() {
    const log = new EventLog({ area: browserArea('local'), now: () => clock, warn: () => {} });
    const tabs = new TabStates(browserArea('session'), () => clock);
    const badges = new Map<number, ReturnType<typeof badgeView>>();
    const notified: LogEvent[] = [];
    const recorder = new UnreachableRecorder({
      log,
      tabs,
      settings: async () => settings,
      badge: { show: async (tabId, state, s) => void badges.set(tabId, badgeView(state, s.badge)) },
      notify: { blocked: async (event) => void notified.push(event) },
      episodes: browserArea('local'),
      now: () => clock,
      warn: () => {},
    });
    return { log, tabs, badges, notified, recorder };
  }

  const sighting = (
    tabId: number,
    host = 'chatgpt.com',
    error = 'ERR_CONNECTION_REFUSED',
  ): UnreachableSighting => ({
    owner: OPENAI,
    tabId,
    tabUrl: `https://${host}/`,
    url: `https://${host}/?q=secret`,
    errors: [`${host}: ${error}`],
  });

  it('logs one unreachable event, counted once, shown on each tab that failed, notified once', async () => {
    const { log, tabs, badges, notified, recorder } = setup();
    const first = await recorder.record(sighting(1));
    expect(first).toMatchObject({ recorded: true, deduped: false });
    clock += 60_000;
    const second = await recorder.record(sighting(2, 'chat.openai.com', 'ERR_NAME_NOT_RESOLVED'));
    expect(second).toMatchObject({ recorded: true, deduped: true });
    clock += 3 * 60 * 60_000;
    await recorder.record(sighting(1));

    const page = await log.query({});
    expect(page.total).toBe(1);
    const event = page.events[0];
    expect(event).toMatchObject({
      kind: 'unreachable',
      ruleId: UNREACHABLE_RULE_ID,
      service: 'openai',
      count: 1,
      url: 'https://chatgpt.com/',
      evidence: 'chatgpt.com: ERR_CONNECTION_REFUSED',
    });
    expect(notified).toHaveLength(1);
    expect((await tabs.get(2)).events.map((e) => e.id)).toEqual([event?.id]);
    expect(badges.get(1)).toMatchObject({
      state: 'unreachable',
      color: UNREACHABLE_COLOR,
      services: ['openai'],
    });
    expect(badges.get(2)?.state).toBe('unreachable');
  });

  it('a new day, or a page of the service loading in between, is a new event', async () => {
    const { log, recorder } = setup();
    await recorder.record(sighting(1));
    clock += 24 * 60 * 60_000;
    await recorder.record(sighting(1));
    expect((await log.query({})).total).toBe(2);
    await recorder.recovered('openai');
    clock += 20 * 60_000;
    await recorder.record(sighting(1));
    expect((await log.query({})).total).toBe(3);
  });

  it('remembers the episode across a restarted worker, and starts over from corrupted storage', async () => {
    await setup().recorder.record(sighting(1));
    const restarted = setup();
    clock += 60_000;
    await restarted.recorder.record(sighting(3));
    expect((await restarted.log.query({})).total).toBe(1);

    await fakeBrowser.storage.local.set({ 'unreachable.episodes': { openai: { day: 5 } } });
    clock += 20 * 60_000;
    const third = setup();
    await third.recorder.record(sighting(4));
    expect((await third.log.query({})).total).toBe(2);
  });

  it('records nothing for a service the user does not watch', async () => {
    settings = { ...settings, watchedServices: { ...settings.watchedServices, openai: false } };
    const { log, recorder } = setup();
    expect(await recorder.record(sighting(1))).toEqual({ recorded: false, reason: 'serviceNotWatched' });
    expect((await log.query({})).total).toBe(0);
  });

  it('a refusal on the same tab wins the badge; the export carries the new kind', async () => {
    const { log, tabs, recorder } = setup();
    await recorder.record(sighting(1));
    const state = await tabs.get(1);
    const refusal: LogEvent = { ...(state.events[0] as LogEvent), id: 'r', kind: 'response', status: 403 };
    expect(badgeView({ ...state, events: [refusal, ...state.events] }, true).state).toBe('blocked');
    expect(badgeView(state, false).state).toBe('none');

    const events = (await log.query({})).events;
    const json = JSON.parse(logToJson(events, clock).text);
    expect(json.events[0].kind).toBe('unreachable');
    const csv = logToCsv(events, clock).text.split('\r\n');
    const header = (csv[0] ?? '').replace('\ufeff', '').split(',');
    expect(csv[1]?.split(',')[header.indexOf('kind')]).toBe('unreachable');
  });

  it('reads a log written before the new kind existed', async () => {
    const old = {
      id: 'old-1',
      service: 'openai',
      product: 'chatgpt',
      kind: 'response',
      ruleId: 'openai-unsupported-country',
      url: 'https://api.openai.com/v1/chat/completions',
      status: 403,
      evidence: 'unsupported_country_region_territory',
      firstSeen: clock,
      lastSeen: clock,
      count: 1,
    };
    await fakeBrowser.storage.local.set({
      'log.meta': {
        v: 2,
        nextChunk: 1,
        chunks: [{ n: 0, count: 1, bytes: 300, minLastSeen: clock, maxLastSeen: clock }],
        total: 1,
        services: { openai: 1 },
        recent: [],
      },
      'log.chunk.0': [old],
    });
    const { log, recorder } = setup();
    await recorder.record(sighting(1));
    const page = await log.query({});
    expect(page.events.map((e) => e.kind).sort()).toEqual(['response', 'unreachable']);
  });
});
