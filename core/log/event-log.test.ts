import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  CHUNK_SIZE,
  chunkKey,
  DEDUPE_WINDOW_MS,
  EventLog,
  type EventLogOptions,
  LOG_VERSION,
  META_KEY,
  type NewLogEvent,
} from './event-log';
import { browserArea, type KeyValueArea } from './key-value-area';

const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);
const MIN = 60_000;
const DAY = 86_400_000;

function report(overrides: Partial<NewLogEvent> = {}): NewLogEvent {
  return {
    service: 'openai',
    product: 'chatgpt',
    kind: 'page',
    ruleId: 'openai.unsupported-country',
    url: 'https://chatgpt.com/c/123?token=secret#frag',
    evidence: 'Unsupported country',
    tabUrl: 'https://chatgpt.com/c/123?q=1',
    at: T0,
    ...overrides,
  };
}

let clock = T0;
function makeLog(opts: Partial<EventLogOptions> = {}) {
  let seq = 0;
  return new EventLog({
    area: browserArea('local'),
    now: () => clock,
    newId: () => `e${++seq}`,
    warn: vi.fn(),
    ...opts,
  });
}

async function stored(key: string): Promise<unknown> {
  return (await fakeBrowser.storage.local.get(key))[key];
}

beforeEach(() => {
  fakeBrowser.reset();
  clock = T0;
});

describe('EventLog: append and dedupe', () => {
  it('stores a sanitised event and acknowledges only after the write', async () => {
    const log = makeLog();
    const { event, deduped } = await log.append(
      report({ evidence: 'a\u200b<b>b</b>\u0000c'.padEnd(500, 'x') }),
    );
    expect(deduped).toBe(false);
    expect(event.url).toBe('https://chatgpt.com/c/123');
    expect(event.tabUrl).toBe('https://chatgpt.com/c/123');
    expect(event.evidence.length).toBeLessThanOrEqual(300);
    expect(event.evidence.startsWith('a b c')).toBe(true);
    const chunk = (await stored(chunkKey(0))) as unknown[];
    expect(chunk).toHaveLength(1);
    expect((await stored(META_KEY)) as { total: number }).toMatchObject({ total: 1, v: LOG_VERSION });
  });

  it('counts a repeat of the same service, rule and page origin within 10 minutes', async () => {
    const log = makeLog();
    const first = await log.append(report());
    clock = T0 + 9 * MIN;
    const again = await log.append(report({ at: T0 + 9 * MIN, url: 'https://chatgpt.com/other' }));
    expect(again.deduped).toBe(true);
    expect(again.event.id).toBe(first.event.id);
    expect(again.event.count).toBe(2);
    expect(again.event.lastSeen).toBe(T0 + 9 * MIN);
    expect(again.event.firstSeen).toBe(T0);
    expect(await log.count()).toBe(1);
  });

  it('adds a new row after the window, for another rule, or for another page origin', async () => {
    const log = makeLog();
    await log.append(report());
    clock = T0 + DEDUPE_WINDOW_MS + 1;
    const late = await log.append(report({ at: clock }));
    const otherRule = await log.append(report({ at: clock, ruleId: 'openai.other' }));
    const otherOrigin = await log.append(report({ at: clock, tabUrl: 'https://chat.openai.com/' }));
    expect([late.deduped, otherRule.deduped, otherOrigin.deduped]).toEqual([false, false, false]);
    expect(await log.count()).toBe(4);
  });

  it('dedupes across worker restarts (the index is persisted)', async () => {
    await makeLog().append(report());
    const restarted = makeLog({ newId: () => 'fresh' });
    const r = await restarted.append(report({ at: T0 + MIN }));
    expect(r.deduped).toBe(true);
    expect(r.event.count).toBe(2);
  });

  it('rejects a malformed event without touching the store', async () => {
    const log = makeLog();
    await expect(log.append(report({ kind: 'bogus' as never }))).rejects.toThrow();
    expect(await stored(META_KEY)).toBeUndefined();
  });
});

describe('EventLog: bounds', () => {
  it('drops the oldest events beyond the cap', async () => {
    const log = makeLog({ limits: () => ({ cap: 150, retentionDays: 90 }) });
    for (let i = 0; i < 300; i++) {
      await log.append(report({ ruleId: `r${i}`, at: T0 + i }));
    }
    expect(await log.count()).toBe(150);
    const all = await log.all();
    expect(all).toHaveLength(150);
    expect(all[0]?.ruleId).toBe('r150');
    expect(all.at(-1)?.ruleId).toBe('r299');
    // Whole chunks that fell off are removed from storage, not left behind.
    expect(await stored(chunkKey(0))).toBeUndefined();
  });

  it('drops events older than the retention period', async () => {
    const log = makeLog({ limits: () => ({ cap: 5000, retentionDays: 90 }) });
    await log.append(report({ ruleId: 'old', at: T0 - 91 * DAY }));
    await log.append(report({ ruleId: 'kept', at: T0 - 89 * DAY }));
    await log.append(report({ ruleId: 'now', at: T0 }));
    expect((await log.all()).map((e) => e.ruleId)).toEqual(['kept', 'now']);
    clock = T0 + 2 * DAY;
    await log.enforceLimits();
    expect((await log.all()).map((e) => e.ruleId)).toEqual(['now']);
  });

  it('keeps the store within its byte budget even with a huge cap', async () => {
    const log = makeLog({ limits: () => ({ cap: 100_000, retentionDays: 90 }), byteBudget: 200_000 });
    const events = Array.from({ length: 2000 }, (_, i) =>
      log.append(report({ ruleId: `rule-${i}`, evidence: 'x'.repeat(300), at: T0 + i })),
    );
    await Promise.all(events);
    const meta = (await stored(META_KEY)) as { chunks: { bytes: number }[] };
    const bytes = meta.chunks.reduce((s, c) => s + c.bytes, 0);
    expect(bytes).toBeLessThanOrEqual(200_000);
    expect(await log.count()).toBeLessThan(2000);
  });
});

describe('EventLog: concurrency and faults', () => {
  it('20 tabs x 50 reports at once: nothing lost, batched into few writes', async () => {
    const area = browserArea('local');
    const set = vi.spyOn(area, 'set');
    const log = makeLog({ area });
    const all: Promise<unknown>[] = [];
    for (let tab = 0; tab < 20; tab++) {
      for (let i = 0; i < 50; i++) {
        all.push(log.append(report({ ruleId: `tab${tab}-r${i}`, at: T0 + tab * 50 + i })));
      }
    }
    await Promise.all(all);
    expect(await log.count()).toBe(1000);
    // A second instance reading the same storage (a restarted worker) sees all of them.
    const reread = makeLog();
    const ids = new Set((await reread.all()).map((e) => e.ruleId));
    expect(ids.size).toBe(1000);
    expect(set.mock.calls.length).toBeLessThan(50);
  });

  it('1000 concurrent repeats of one block become one row counted 1000 times', async () => {
    const log = makeLog();
    await Promise.all(Array.from({ length: 1000 }, (_, i) => log.append(report({ at: T0 + i }))));
    const [only] = await log.all();
    expect(await log.count()).toBe(1);
    expect(only?.count).toBe(1000);
  });

  it('a failed write rejects the whole batch and leaves the stored log as it was', async () => {
    const real = browserArea('local');
    let fail = false;
    const area: KeyValueArea = {
      ...real,
      set: async (items) => {
        if (fail) throw new Error('QUOTA_BYTES quota exceeded');
        return real.set(items);
      },
    };
    const log = makeLog({ area });
    await log.append(report({ ruleId: 'a' }));
    fail = true;
    await expect(log.append(report({ ruleId: 'b' }))).rejects.toThrow(/quota/);
    fail = false;
    await log.append(report({ ruleId: 'c' }));
    expect((await log.all()).map((e) => e.ruleId)).toEqual(['a', 'c']);
  });
});

describe('EventLog: schema versions', () => {
  it('resets a corrupted index with a warning instead of crashing', async () => {
    await fakeBrowser.storage.local.set({ [META_KEY]: { v: 1, chunks: 'nope' }, [chunkKey(3)]: [1, 2] });
    const warn = vi.fn();
    const log = makeLog({ warn });
    await log.append(report());
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/corrupted/));
    expect(await log.count()).toBe(1);
    expect(await stored(chunkKey(3))).toBeUndefined();
  });

  it('resets a store from an unknown newer version with a warning', async () => {
    await fakeBrowser.storage.local.set({ [META_KEY]: { v: 99, whatever: true } });
    const warn = vi.fn();
    const log = makeLog({ warn });
    expect(await log.count()).toBe(0);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/version 99/));
    expect(await stored(META_KEY)).toMatchObject({ v: LOG_VERSION });
  });

  it('drops corrupted events inside a chunk and keeps the valid ones', async () => {
    const log = makeLog();
    await log.append(report({ ruleId: 'good' }));
    const chunk = (await stored(chunkKey(0))) as unknown[];
    await fakeBrowser.storage.local.set({ [chunkKey(0)]: [...chunk, { id: 5 }, 'junk'] });
    const warn = vi.fn();
    const events = await makeLog({ warn }).all();
    expect(events.map((e) => e.ruleId)).toEqual(['good']);
    expect(warn).toHaveBeenCalled();
  });

  it('runs migrations in order from an older version and records the new version', async () => {
    // A store written by this version; this build pretends to be two versions newer.
    const older = makeLog();
    await older.append(report({ ruleId: 'kept' }));
    const order: number[] = [];
    const log = makeLog({
      version: LOG_VERSION + 2,
      migrations: {
        [LOG_VERSION + 1]: async (meta, area) => {
          order.push(LOG_VERSION + 1);
          // e.g. a rewrite of every chunk: here every event's product is renamed.
          const key = chunkKey(0);
          const chunk = (await area.get([key]))[key] as { product: string }[];
          await area.set({ [key]: chunk.map((e) => ({ ...e, product: 'chatgpt-web' })) });
          return meta;
        },
        [LOG_VERSION + 2]: async (meta) => {
          order.push(LOG_VERSION + 2);
          return meta;
        },
      },
    });
    const [event] = await log.all();
    expect(order).toEqual([LOG_VERSION + 1, LOG_VERSION + 2]);
    expect(event?.product).toBe('chatgpt-web');
    expect(await stored(META_KEY)).toMatchObject({ v: LOG_VERSION + 2 });
  });

  it('a migration that throws resets the log with a warning', async () => {
    await makeLog().append(report());
    const warn = vi.fn();
    const log = makeLog({
      version: LOG_VERSION + 1,
      warn,
      migrations: {
        [LOG_VERSION + 1]: async () => {
          throw new Error('boom');
        },
      },
    });
    expect(await log.count()).toBe(0);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/boom/));
  });
});

describe('EventLog: queries', () => {
  async function filled(n: number) {
    const log = makeLog({ limits: () => ({ cap: 20_000, retentionDays: 90 }) });
    const all: Promise<unknown>[] = [];
    for (let i = 0; i < n; i++) {
      all.push(
        log.append(
          report({
            service: i % 2 ? 'anthropic' : 'openai',
            kind: i % 3 ? 'page' : 'response',
            ruleId: `rule-${i}`,
            evidence: i === 4242 ? 'Needle in the haystack' : 'blocked',
            at: T0 + i * 1000,
          }),
        ),
      );
    }
    await Promise.all(all);
    return log;
  }

  it('pages newest first and reads only the newest chunk for the first page of 10,000', async () => {
    await filled(10_000);
    const area = browserArea('local');
    const get = vi.spyOn(area, 'get');
    const fresh = makeLog({ area });
    const page = await fresh.query({}, 0, 5);
    expect(page.total).toBe(10_000);
    expect(page.events.map((e) => e.ruleId)).toEqual([
      'rule-9999',
      'rule-9998',
      'rule-9997',
      'rule-9996',
      'rule-9995',
    ]);
    // meta + one chunk, not 100 chunks.
    expect(get.mock.calls.length).toBe(2);
    const deep = await fresh.query({}, 150, 3);
    expect(deep.events.map((e) => e.ruleId)).toEqual(['rule-9849', 'rule-9848', 'rule-9847']);
  }, 30_000);

  it('warm reads the index and the newest chunk ahead, so the first page needs no storage read', async () => {
    await filled(1_000);
    const area = browserArea('local');
    const get = vi.spyOn(area, 'get');
    const fresh = makeLog({ area });
    await fresh.warm(50);
    expect(get.mock.calls.map((call) => call[0])).toEqual([[META_KEY], [chunkKey(9)]]);
    get.mockClear();
    const page = await fresh.query({}, 0, 20);
    expect(page.events[0]?.ruleId).toBe('rule-999');
    expect(get).not.toHaveBeenCalled();
  });

  it('enforceLimits that changes nothing writes nothing', async () => {
    await filled(300);
    const area = browserArea('local');
    const set = vi.spyOn(area, 'set');
    const fresh = makeLog({ area, limits: () => ({ cap: 20_000, retentionDays: 90 }) });
    await fresh.enforceLimits();
    expect(set).not.toHaveBeenCalled();
    await makeLog({ area, limits: () => ({ cap: 250, retentionDays: 90 }) }).enforceLimits();
    expect(set).toHaveBeenCalledTimes(1);
    expect(await makeLog({ area }).count()).toBe(250);
  });

  it('filters by service, kind, time range and search, with totals', async () => {
    const log = await filled(10_000);
    const anthropic = await log.query({ service: 'anthropic' }, 0, 10);
    expect(anthropic.total).toBe(5000);
    expect(anthropic.events.every((e) => e.service === 'anthropic')).toBe(true);
    const responses = await log.query({ kinds: ['response'] }, 0, 1);
    expect(responses.total).toBe(3334);
    const range = await log.query({ since: T0 + 100_000, until: T0 + 109_000 }, 0, 100);
    expect(range.total).toBe(10);
    const search = await log.query({ search: 'NEEDLE' }, 0, 10);
    expect(search.events.map((e) => e.ruleId)).toEqual(['rule-4242']);
    const none = await log.query({ search: 'nothing like this' }, 0, 10);
    expect(none).toEqual({ events: [], total: 0 });
  }, 30_000);

  it('clear removes every event and chunk', async () => {
    const log = await filled(250);
    expect(await log.clear()).toBe(250);
    expect(await log.count()).toBe(0);
    for (let n = 0; n < 3; n++) expect(await stored(chunkKey(n))).toBeUndefined();
    await log.append(report());
    expect(await log.count()).toBe(1);
  });

  it('keeps at most CHUNK_SIZE events per key', async () => {
    await filled(CHUNK_SIZE * 2 + 1);
    expect(((await stored(chunkKey(0))) as unknown[]).length).toBe(CHUNK_SIZE);
    expect(((await stored(chunkKey(2))) as unknown[]).length).toBe(1);
  });
});
