/**
 * How "cannot be reached from this network" is logged: once per service per network per day, its
 * own kind, its own badge state, exported with the log. Real EventLog and TabStates on fakeBrowser.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { LogEvent } from '../log/event';
import { EventLog } from '../log/event-log';
import { logToCsv, logToJson } from '../log/export';
import { TabStates } from '../log/tab-states';
import { DEFAULT_SETTINGS, type Settings } from '../settings/schema';
import { browserArea } from '../storage/key-value-area';
import type { UnreachableSighting } from '../watch/unreachable-watch';
import { badgeView, UNREACHABLE_COLOR } from './badge';
import {
  mergeUnreachableEvidence,
  UNREACHABLE_RULE_ID,
  UnreachableRecorder,
  unreachableEvidence,
} from './unreachable-recorder';

const OPENAI = { service: 'openai', product: 'chatgpt' };

let clock: number;

beforeEach(() => {
  fakeBrowser.reset();
  clock = new Date(2026, 11, 5, 10, 0, 0).getTime();
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
      // The later host's failure joins the evidence; the repeat of the first adds nothing.
      evidence: 'chatgpt.com: ERR_CONNECTION_REFUSED; chat.openai.com: ERR_NAME_NOT_RESOLVED',
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

  it('adds later error names of the same episode to the evidence: distinct, capped, no count, no notification, exported', async () => {
    const { log, tabs, notified, recorder } = setup();
    await recorder.record(sighting(1));
    const hosts = [
      'chat.openai.com',
      'api.openai.com',
      'platform.openai.com',
      'auth.openai.com',
      'cdn.oaistatic.com',
    ];
    for (const [i, host] of hosts.entries()) {
      clock += 2 * 60 * 60_000; // hours apart: the row is long out of the log's dedupe window
      await recorder.record(sighting(2 + i, host, i % 2 ? 'ERR_CONNECTION_RESET' : 'ERR_NAME_NOT_RESOLVED'));
    }
    // The same host and name again, and two names in one sighting: nothing new fits after the cap.
    await recorder.record(sighting(1));
    await recorder.record({
      ...sighting(9),
      errors: ['cdn.oaistatic.com: ERR_TIMED_OUT', 'chatgpt.com: ERR_CONNECTION_REFUSED'],
    });

    const page = await log.query({});
    expect(page.total).toBe(1);
    const event = page.events[0] as LogEvent;
    expect(event.count).toBe(1);
    expect(event.evidence.split('; ')).toEqual([
      'chatgpt.com: ERR_CONNECTION_REFUSED',
      'chat.openai.com: ERR_NAME_NOT_RESOLVED',
      'api.openai.com: ERR_CONNECTION_RESET',
      'platform.openai.com: ERR_NAME_NOT_RESOLVED',
      'auth.openai.com: ERR_CONNECTION_RESET',
    ]);
    expect(notified).toHaveLength(1);
    // The tab that added a name shows the event as it now reads.
    expect((await tabs.get(3)).events[0]?.evidence).toContain('api.openai.com: ERR_CONNECTION_RESET');

    const json = JSON.parse(logToJson(page.events, clock).text);
    expect(json.events[0].evidence).toBe(event.evidence);
    expect(logToCsv(page.events, clock).text).toContain('api.openai.com: ERR_CONNECTION_RESET');
  });

  it("keeps whole entries within the log's 300 characters", () => {
    const long = (i: number) => `${'x'.repeat(55)}${i}.example: ERR_NAME_NOT_RESOLVED`;
    const merged = mergeUnreachableEvidence('', [
      long(1),
      long(2),
      long(3),
      long(4),
      'a.example: ERR_TIMED_OUT',
    ]);
    expect(merged.length).toBeLessThanOrEqual(300);
    expect(merged.split('; ')).toEqual([long(1), long(2), long(3), 'a.example: ERR_TIMED_OUT']);
    expect(mergeUnreachableEvidence(merged, [long(4)])).toBe(merged);
    expect(unreachableEvidence(['y'.repeat(400)])).toHaveLength(300);
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
