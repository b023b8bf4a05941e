import * as v from 'valibot';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { seededRandom } from '../../test/support/seeded-random';
import { browserArea, type KeyValueArea } from '../storage/key-value-area';
import { LogEvent } from './event';
import { EventLog, type EventLogOptions } from './event-log';
import { DEDUPE_WINDOW_MS, type NewLogEvent } from './log-writer';
import { CHUNK_SIZE, chunkKey, LOG_VERSION, META_KEY } from './stored-format';

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

/** The local area, recording which chunk keys each `get` asked for. */
function countingArea() {
  const real = browserArea('local');
  const chunkReads: string[] = [];
  const area: KeyValueArea = {
    ...real,
    get: async (keys) => {
      for (const k of keys) if (k !== META_KEY) chunkReads.push(k);
      return real.get(keys);
    },
  };
  return { area, chunkReads };
}

interface StoredMeta {
  v: number;
  chunks: Record<string, unknown>[];
  total: number;
  services: Record<string, number>;
}

/** Events per service, counted one by one (Map: any name is a plain key). */
function bruteCounts(events: { service: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.service, (counts.get(e.service) ?? 0) + 1);
  return counts;
}

/**
 * The stored index must match the stored events: each chunk's count its valid events, the
 * log-wide service counts those of `all()` from a fresh log (a restarted worker), and both the
 * total.
 */
async function expectCountsMatchLog(): Promise<void> {
  const meta = (await stored(META_KEY)) as StoredMeta;
  let total = 0;
  for (const info of meta.chunks) {
    expect(Object.keys(info).sort(), 'a chunk entry').toEqual(
      ['bytes', 'count', 'maxLastSeen', 'minLastSeen', 'n'].sort(),
    );
    // Only the items a read keeps (the same schema), as queries see them.
    const raw = (await stored(chunkKey(info.n as number))) ?? [];
    const events = (Array.isArray(raw) ? raw : []).filter((e) => v.is(LogEvent, e)) as LogEvent[];
    expect(info.count, `chunk ${info.n}`).toBe(events.length);
    total += events.length;
  }
  expect(meta.total).toBe(total);
  const all = await makeLog().all();
  expect(all).toHaveLength(total);
  expect(new Map(Object.entries(meta.services))).toEqual(bruteCounts(all));
}

/** A stored event as version 1 wrote it (the event shape did not change). */
function v1Event(i: number, service: string) {
  return {
    id: `old${i}`,
    service,
    product: `${service}-web`,
    kind: 'page',
    ruleId: `rule-${i}`,
    url: `https://${service}.example/`,
    evidence: 'blocked',
    tabUrl: `https://${service}.example/`,
    firstSeen: T0 + i * 1000,
    lastSeen: T0 + i * 1000,
    count: 1,
  };
}

describe('EventLog: per-service counts (index version 2)', () => {
  const SERVICES = ['openai', 'anthropic', 'gemini', 'mistral'];

  it('migrates a version 1 store: each chunk read once, counts of its valid events, same answers', async () => {
    // 350 events in chunks 0-3 (100, 100, 100, 50). Chunk 1 also holds two corrupted items its
    // v1 entry counted; chunk 2 is missing from storage (its entry survives).
    const events = Array.from({ length: 350 }, (_, i) =>
      v1Event(i, SERVICES[(i * 7) % 11 < 6 ? 0 : (i % 3) + 1] as string),
    );
    const raw: Record<string, unknown> = {};
    const chunks = [];
    for (let n = 0; n < 4; n++) {
      const part = events.slice(n * 100, n * 100 + 100);
      const times = part.map((e) => e.lastSeen);
      const written = n === 1 ? [...part.slice(0, 50), { id: 7 }, 'junk', ...part.slice(50)] : part;
      if (n !== 2) raw[chunkKey(n)] = written;
      chunks.push({
        n,
        count: written.length,
        bytes: JSON.stringify(written).length,
        minLastSeen: Math.min(...times),
        maxLastSeen: Math.max(...times),
      });
    }
    raw[META_KEY] = { v: 1, nextChunk: 4, chunks, total: 352, recent: [] };
    await fakeBrowser.storage.local.set(raw);

    const { area, chunkReads } = countingArea();
    const warn = vi.fn();
    const log = makeLog({ area, warn, limits: () => ({ cap: 5000, retentionDays: 3650 }) });
    const valid = events.filter((_, i) => i < 200 || i >= 300);
    expect(await log.count()).toBe(valid.length);
    expect(warn).not.toHaveBeenCalled();
    expect([...chunkReads].sort()).toEqual([0, 1, 2, 3].map(chunkKey));
    const meta = (await stored(META_KEY)) as StoredMeta;
    expect(meta.v).toBe(LOG_VERSION);
    expect(meta.chunks.map((c) => c.count)).toEqual([100, 100, 0, 50]);
    expect(new Map(Object.entries(meta.services))).toEqual(bruteCounts(valid));
    await expectCountsMatchLog();

    // Same answers as a filter over the events themselves, newest first.
    const newestFirst = [...valid].reverse();
    for (const service of SERVICES) {
      const want = newestFirst.filter((e) => e.service === service);
      for (const [offset, limit] of [
        [0, 5],
        [40, 7],
        [want.length - 2, 10],
      ] as const) {
        const got = await log.query({ service }, offset, limit);
        expect(got.total).toBe(want.length);
        expect(got.events.map((e) => e.id)).toEqual(want.slice(offset, offset + limit).map((e) => e.id));
      }
    }
    // Opening again does not migrate again.
    chunkReads.length = 0;
    expect(await makeLog({ area }).count()).toBe(valid.length);
    expect(chunkReads).toEqual([]);
  });

  it('a version 1 store whose chunks cannot be read resets with a warning', async () => {
    await fakeBrowser.storage.local.set({
      [META_KEY]: {
        v: 1,
        nextChunk: 1,
        chunks: [{ n: 0, count: 1, bytes: 10, minLastSeen: T0, maxLastSeen: T0 }],
        total: 1,
        recent: [],
      },
      [chunkKey(0)]: [v1Event(0, 'openai')],
    });
    const real = browserArea('local');
    const area: KeyValueArea = {
      ...real,
      get: async (keys) => {
        if (keys.some((k) => k.startsWith('log.chunk.'))) throw new Error('IO error');
        return real.get(keys);
      },
    };
    const warn = vi.fn();
    expect(await makeLog({ area, warn }).count()).toBe(0);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/version 1 failed.*IO error/));
    expect(await stored(META_KEY)).toMatchObject({ v: LOG_VERSION, total: 0 });
  });

  async function spread(n: number, serviceOf: (i: number) => string) {
    const log = makeLog({ limits: () => ({ cap: 20_000, retentionDays: 90 }) });
    await Promise.all(
      Array.from({ length: n }, (_, i) =>
        log.append(report({ service: serviceOf(i), ruleId: `rule-${i}`, at: T0 + i * 1000 })),
      ),
    );
    clock = T0 + n * 1000;
  }

  it('a service query takes its total from the index and reads newest chunks only until its page is full', async () => {
    const rare = new Set([150, 151, 720]);
    await spread(1000, (i) => (rare.has(i) ? 'rare' : i % 2 ? 'anthropic' : 'openai'));

    const a = countingArea();
    const page = await makeLog({ area: a.area }).query({ service: 'rare' }, 0, 5);
    expect(page.total).toBe(3);
    expect(page.events.map((e) => e.ruleId)).toEqual(['rule-720', 'rule-151', 'rule-150']);
    // The page is not full, but all 3 of the index's events are found by chunk 1: chunk 0 is not read.
    expect(a.chunkReads).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1].map(chunkKey));

    const b = countingArea();
    const cold = makeLog({ area: b.area });
    const first = await cold.query({ service: 'anthropic' }, 0, 5);
    expect(first.total).toBe(499);
    expect(first.events.map((e) => e.ruleId)).toEqual([
      'rule-999',
      'rule-997',
      'rule-995',
      'rule-993',
      'rule-991',
    ]);
    // The popup's question: one chunk of ten.
    expect(b.chunkReads).toEqual([chunkKey(9)]);
    // A deeper page reads back to it (chunk 9 is already in memory).
    b.chunkReads.length = 0;
    const deep = await cold.query({ service: 'anthropic' }, 120, 5);
    expect(deep.events.map((e) => e.ruleId)).toEqual([
      'rule-759',
      'rule-757',
      'rule-755',
      'rule-753',
      'rule-751',
    ]);
    expect(b.chunkReads).toEqual([chunkKey(8), chunkKey(7)]);
    // A page ending right at a chunk boundary reads no chunk older than it needs.
    const c7 = countingArea();
    const boundary = await makeLog({ area: c7.area }).query({ service: 'anthropic' }, 98, 2);
    expect(boundary.events.map((e) => e.ruleId)).toEqual(['rule-803', 'rule-801']);
    expect(c7.chunkReads).toEqual([9, 8].map(chunkKey));

    const c = countingArea();
    expect(await makeLog({ area: c.area }).query({ service: 'nobody' }, 0, 5)).toEqual({
      events: [],
      total: 0,
    });
    expect(c.chunkReads).toEqual([]);
  });

  it('a service with other filters reads every chunk for its total (no per-chunk counts)', async () => {
    await spread(1000, (i) => (i >= 300 && i < 420 ? 'gemini' : 'openai'));
    const { area, chunkReads } = countingArea();
    const page = await makeLog({ area }).query({ service: 'gemini', kinds: ['page'] }, 0, 3);
    expect(page.total).toBe(120);
    expect(page.events.map((e) => e.ruleId)).toEqual(['rule-419', 'rule-418', 'rule-417']);
    expect(chunkReads).toHaveLength(10);
  });

  it('an ids filter stops reading once every id is found', async () => {
    await spread(1000, (i) => (i % 3 ? 'openai' : 'anthropic'));
    const all = await makeLog().all();
    const idOf = (i: number) => all[i]?.id as string;
    const ids = new Set([idOf(990), idOf(905), idOf(950)]);

    const a = countingArea();
    const page = await makeLog({ area: a.area }).query({ ids }, 0, 10);
    expect(page.total).toBe(3);
    expect(page.events.map((e) => e.ruleId)).toEqual(['rule-990', 'rule-950', 'rule-905']);
    expect(a.chunkReads).toEqual([chunkKey(9)]);

    // One id spans back to chunk 5: chunks 9 down to 5 are read, 4 to 0 are not.
    const b = countingArea();
    const wider = await makeLog({ area: b.area }).query({ ids: new Set([...ids, idOf(512)]) }, 1, 2);
    expect(wider).toMatchObject({ total: 4 });
    expect(wider.events.map((e) => e.ruleId)).toEqual(['rule-950', 'rule-905']);
    expect(b.chunkReads).toEqual([9, 8, 7, 6, 5].map(chunkKey));

    // An id no longer in the log: every chunk must be read, the answer is still right.
    const c = countingArea();
    const gone = await makeLog({ area: c.area }).query({ ids: new Set([idOf(990), 'gone']) }, 0, 10);
    expect(gone.events.map((e) => e.ruleId)).toEqual(['rule-990']);
    expect(gone.total).toBe(1);
    expect(c.chunkReads).toHaveLength(10);

    const d = countingArea();
    expect(await makeLog({ area: d.area }).query({ ids: new Set() }, 0, 10)).toEqual({
      events: [],
      total: 0,
    });
    expect(d.chunkReads).toEqual([]);
  });

  it('dedupe, amend, retention, cap, the byte budget and clear keep the service counts true', async () => {
    let cap = 5000;
    const warn = vi.fn();
    const log = makeLog({ limits: () => ({ cap, retentionDays: 90 }), byteBudget: 1_000_000, warn });
    const svc = (i: number) => SERVICES[i % 4] as string;
    for (let i = 0; i < 260; i++) {
      clock = T0 - 120 * DAY + i * DAY * 0.4;
      await log.append(report({ service: svc(i), ruleId: `r${i}`, at: clock }));
      // A repeat within the window: counted on the row, not as a new event.
      if (i % 5 === 0) await log.append(report({ service: svc(i), ruleId: `r${i}`, at: clock + MIN }));
    }
    // Retention (90 days) has already trimmed the first ~75 days' events, chunk by chunk.
    await expectCountsMatchLog();
    const kept = await log.all();
    expect(kept.length).toBeLessThan(260);
    expect(kept.every((e) => e.lastSeen >= clock - 90 * DAY)).toBe(true);
    expect(kept.find((e) => e.ruleId === 'r255')?.count).toBe(2);

    const last = kept.at(-1) as { id: string };
    expect(
      await log.amend(last.id, { kind: 'response', url: 'https://chatgpt.com/x', product: 'api' }),
    ).not.toBeNull();
    await expectCountsMatchLog();

    // 45 days on: the oldest chunk expires whole, the next one in part.
    const chunksBefore = ((await stored(META_KEY)) as StoredMeta).chunks.map((c) => c.n);
    clock += 45 * DAY;
    await log.enforceLimits();
    const chunksAfter = ((await stored(META_KEY)) as StoredMeta).chunks.map((c) => c.n);
    expect(chunksAfter).not.toContain(chunksBefore[0]);
    await expectCountsMatchLog();
    const left = await log.count();
    expect(left).toBeGreaterThan(60);

    cap = 50; // drops whole chunks and splits one
    await log.enforceLimits();
    await expectCountsMatchLog();
    expect(await log.count()).toBe(50);

    // Another instance (a restarted worker) with a budget that holds only a few chunks.
    for (let i = 0; i < 120; i++) await log.append(report({ service: svc(i), ruleId: `b${i}`, at: clock }));
    cap = 5000;
    for (let i = 0; i < 150; i++)
      await log.append(report({ service: svc(i + 1), ruleId: `c${i}`, at: clock }));
    await expectCountsMatchLog();
    const small = makeLog({ limits: () => ({ cap, retentionDays: 90 }), byteBudget: 30_000, warn });
    await small.append(report({ service: 'gemini', ruleId: 'late', at: clock }));
    await expectCountsMatchLog();
    expect(await small.count()).toBeLessThan(200);
    const gemini = await makeLog().query({ service: 'gemini' }, 0, 1000);
    expect(gemini.total).toBe((await makeLog().all()).filter((e) => e.service === 'gemini').length);
    expect(gemini.events).toHaveLength(gemini.total);

    expect(await small.clear()).toBeGreaterThan(0);
    expect((await stored(META_KEY)) as StoredMeta).toMatchObject({ total: 0, services: {} });
    await small.append(report({ service: 'mistral', ruleId: 'fresh', at: clock }));
    await expectCountsMatchLog();
    expect(((await stored(META_KEY)) as StoredMeta).services).toEqual({ mistral: 1 });
    // Every count above was kept by the events themselves, never by counting all chunks again.
    expect(warn).not.toHaveBeenCalled();
  });

  it('answers every query exactly like a filter over all(), for random logs (seeded)', async () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      fakeBrowser.reset();
      const rnd = seededRandom(seed);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
      // Skewed: openai common, mistral rare.
      const weighted = ['openai', 'openai', 'openai', 'anthropic', 'anthropic', 'gemini', 'mistral'];
      const kinds = ['page', 'response', 'navigation', 'text'] as const;
      const cap = 150 + Math.floor(rnd() * 300);
      const budget = rnd() < 0.3 ? 60_000 : 1_000_000;
      let seq = 0;
      const warned = vi.fn();
      const log = makeLog({
        warn: warned,
        limits: () => ({ cap, retentionDays: 30 }),
        byteBudget: budget,
        newId: () => `s${seed}-${++seq}`,
      });
      clock = T0 - 40 * DAY;
      for (let made = 0; made < 500; ) {
        const batch = 1 + Math.floor(rnd() * 12);
        const writes: Promise<unknown>[] = [];
        for (let j = 0; j < batch; j++, made++) {
          clock += Math.floor(rnd() * 3 * 3_600_000);
          const rule = rnd() < 0.2 ? 'repeat' : `r${made}`;
          writes.push(
            log.append(
              report({
                service: pick(weighted),
                kind: pick(kinds),
                ruleId: rule,
                evidence: 'x'.repeat(50),
                at: clock,
              }),
            ),
          );
        }
        await Promise.all(writes);
      }
      await expectCountsMatchLog();
      expect(warned, `seed ${seed}`).not.toHaveBeenCalled();

      const fresh = makeLog();
      const newestFirst = (await fresh.all()).reverse();
      expect(newestFirst.length, `seed ${seed}`).toBeGreaterThan(20);
      for (let q = 0; q < 40; q++) {
        const filter: {
          service?: string;
          kinds?: string[];
          since?: number;
          ids?: Set<string>;
        } = {};
        const shape = q % 5;
        if (shape !== 3) filter.service = pick([...weighted, 'nobody']);
        if (shape === 1) filter.kinds = [pick(kinds), pick(kinds)];
        if (shape === 2) filter.since = pick(newestFirst).lastSeen;
        if (shape >= 3) {
          const ids = new Set<string>();
          for (let k = Math.floor(rnd() * 20); k > 0; k--) ids.add(pick(newestFirst).id);
          if (rnd() < 0.3) ids.add('evicted-or-never');
          filter.ids = ids;
        }
        const want = newestFirst.filter(
          (e) =>
            (filter.service === undefined || e.service === filter.service) &&
            (filter.kinds === undefined || filter.kinds.includes(e.kind)) &&
            (filter.since === undefined || e.lastSeen >= filter.since) &&
            (filter.ids === undefined || filter.ids.has(e.id)),
        );
        const offset = Math.floor(rnd() * (want.length + 3));
        const limit = 1 + Math.floor(rnd() * 30);
        const got = await makeLog().query(filter, offset, limit);
        const label = `seed ${seed} query ${q} ${JSON.stringify({ ...filter, ids: filter.ids?.size, offset, limit })}`;
        expect(got.total, label).toBe(want.length);
        expect(
          got.events.map((e) => e.id),
          label,
        ).toEqual(want.slice(offset, offset + limit).map((e) => e.id));
      }
    }
  }, 60_000);

  it('resets an index whose service counts are missing, malformed or do not add up', async () => {
    for (const tamper of [
      (m: Record<string, unknown>) => {
        m.services = { openai: 5 };
      },
      (m: Record<string, unknown>) => {
        m.services = 'nope';
      },
      (m: Record<string, unknown>) => {
        m.services = { openai: 0.5, anthropic: 0.5 };
      },
      (m: Record<string, unknown>) => {
        m.services = { openai: 1, anthropic: 0 };
      },
      (m: Record<string, unknown>) => {
        m.services = ['openai'];
      },
      (m: Record<string, unknown>) => {
        delete m.services;
      },
    ]) {
      fakeBrowser.reset();
      await makeLog().append(report());
      const meta = (await stored(META_KEY)) as Record<string, unknown>;
      expect(meta.services).toEqual({ openai: 1 });
      tamper(meta);
      await fakeBrowser.storage.local.set({ [META_KEY]: meta });
      const warn = vi.fn();
      expect(await makeLog({ warn }).count()).toBe(0);
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/corrupted/));
      expect(await stored(chunkKey(0))).toBeUndefined();
    }
  });

  it('counts again when a chunk lost events in storage, instead of resetting the log later', async () => {
    await spread(250, (i) => SERVICES[i % 4] as string);
    // Two events of chunk 2 and one of chunk 0 are damaged outside the log.
    for (const n of [0, 2]) {
      const chunk = (await stored(chunkKey(n))) as unknown[];
      chunk[3] = { id: 5 };
      if (n === 2) chunk[4] = 'junk';
      await fakeBrowser.storage.local.set({ [chunkKey(n)]: chunk });
    }
    const warn = vi.fn();
    const log = makeLog({ warn });
    // Appending rewrites chunk 2 without its damaged items: the index is counted again.
    await log.append(report({ service: 'gemini', ruleId: 'after-damage', at: clock }));
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/counted again/));
    expect(await log.count()).toBe(248);
    await expectCountsMatchLog();
    const all = await makeLog().all();
    expect(all).toHaveLength(248);
    expect((await makeLog().query({ service: 'gemini' }, 0, 500)).total).toBe(
      all.filter((e) => e.service === 'gemini').length,
    );

    // An amend of an event in a damaged chunk: the same.
    fakeBrowser.reset();
    const fresh = makeLog();
    const { event } = await fresh.append(report({ ruleId: 'x', at: clock }));
    await fresh.append(report({ service: 'gemini', ruleId: 'y', at: clock }));
    const [first] = (await stored(chunkKey(0))) as unknown[];
    await fakeBrowser.storage.local.set({ [chunkKey(0)]: [first, 'junk'] });
    const amendWarn = vi.fn();
    const restarted = makeLog({ warn: amendWarn });
    expect(
      await restarted.amend(event.id, { kind: 'response', url: event.url, product: 'api' }),
    ).not.toBeNull();
    expect(amendWarn).toHaveBeenCalledWith(expect.stringMatching(/counted again/));
    await expectCountsMatchLog();
    expect(((await stored(META_KEY)) as StoredMeta).services).toEqual({ openai: 1 });
  });

  it('keeps services named like Object properties ("constructor", "__proto__") in its counts', async () => {
    const first = vi.fn();
    const log = makeLog({ warn: first });
    await log.append(report({ service: 'constructor', ruleId: 'a' }));
    await log.append(report({ service: '__proto__', ruleId: 'b' }));
    await log.append(report({ service: 'openai', ruleId: 'c' }));
    // Counted as it was added, not repaired by counting all chunks again.
    expect(first).not.toHaveBeenCalled();
    const warn = vi.fn();
    const fresh = makeLog({ warn });
    expect(await fresh.query({ service: 'constructor' }, 0, 5)).toMatchObject({ total: 1 });
    expect(await fresh.query({ service: '__proto__' }, 0, 5)).toMatchObject({ total: 1 });
    expect(await fresh.query({ service: 'toString' }, 0, 5)).toEqual({ events: [], total: 0 });
    expect(warn).not.toHaveBeenCalled();
    await fresh.append(report({ service: '__proto__', ruleId: 'd' }));
    await expectCountsMatchLog();
    expect(Object.getPrototypeOf(((await stored(META_KEY)) as StoredMeta).services)).toBe(Object.prototype);
    expect(Object.hasOwn(((await stored(META_KEY)) as StoredMeta).services, '__proto__')).toBe(true);
  });
});

describe('EventLog: amendEvidence', () => {
  it('replaces the evidence of an older row, outside the dedupe window, and leaves count, times and totals alone', async () => {
    const log = makeLog();
    const { event: first } = await log.append(report({ kind: 'unreachable', evidence: 'chatgpt.com: A' }));
    // Enough later events, hours later, that the first row is in an older chunk and not recent.
    for (let i = 0; i < CHUNK_SIZE + 5; i++) {
      clock = T0 + 3 * 60 * MIN + i * MIN;
      await log.append(
        report({ service: 'anthropic', url: `https://claude.ai/${i}`, tabUrl: `https://claude.ai/${i}` }),
      );
    }
    const before = await log.count();
    const amended = await log.amendEvidence(first, 'chatgpt.com: A; api.openai.com: <b>B</b>');
    expect(amended).toMatchObject({
      id: first.id,
      count: 1,
      firstSeen: first.firstSeen,
      lastSeen: first.lastSeen,
    });
    // Evidence is cleaned as on append: plain text only.
    expect(amended?.evidence).toMatch(/^chatgpt\.com: A; api\.openai\.com: B\s?$/);
    expect(await log.count()).toBe(before);
    const reread = (await makeLog().all()).find((e) => e.id === first.id);
    expect(reread?.evidence).toBe(amended?.evidence);
    expect(reread?.count).toBe(1);
  });

  it('returns null for an event no longer in the log, and writes nothing', async () => {
    const log = makeLog();
    const { event } = await log.append(report());
    await log.clear();
    const meta = await stored(META_KEY);
    expect(await log.amendEvidence(event, 'anything')).toBeNull();
    expect(await stored(META_KEY)).toEqual(meta);
  });
});
