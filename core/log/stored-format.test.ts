/**
 * The stored format (./stored-format.ts), through EventLog as a worker opens it: which index a
 * read accepts (one that is corrupted, newer than this code or whose service counts do not add
 * up is reset with a warning), and the migrations from older versions, version 1 among them.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browserArea, type KeyValueArea } from '../storage/key-value-area';
import { chunkKey, LOG_VERSION, META_KEY } from './stored-format';
import {
  bruteCounts,
  countingArea,
  expectCountsMatchLog,
  makeLog,
  report,
  type StoredMeta,
  stored,
  T0,
  TEST_SERVICES,
  TestClock,
} from './test-fixtures';

let clock: TestClock;
beforeEach(() => {
  fakeBrowser.reset();
  clock = new TestClock();
});

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

describe('stored format: reading the index', () => {
  it('resets a corrupted index with a warning instead of crashing', async () => {
    await fakeBrowser.storage.local.set({ [META_KEY]: { v: 1, chunks: 'nope' }, [chunkKey(3)]: [1, 2] });
    const warn = vi.fn();
    const log = makeLog(clock, { warn });
    await log.append(report());
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/corrupted/));
    expect(await log.count()).toBe(1);
    expect(await stored(chunkKey(3))).toBeUndefined();
  });

  it('resets a store from an unknown newer version with a warning', async () => {
    await fakeBrowser.storage.local.set({ [META_KEY]: { v: 99, whatever: true } });
    const warn = vi.fn();
    const log = makeLog(clock, { warn });
    expect(await log.count()).toBe(0);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/version 99/));
    expect(await stored(META_KEY)).toMatchObject({ v: LOG_VERSION });
  });

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
      await makeLog(clock).append(report());
      const meta = (await stored(META_KEY)) as Record<string, unknown>;
      expect(meta.services).toEqual({ openai: 1 });
      tamper(meta);
      await fakeBrowser.storage.local.set({ [META_KEY]: meta });
      const warn = vi.fn();
      expect(await makeLog(clock, { warn }).count()).toBe(0);
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/corrupted/));
      expect(await stored(chunkKey(0))).toBeUndefined();
    }
  });
});

describe('stored format: migrations', () => {
  it('runs migrations in order from an older version and records the new version', async () => {
    // A store written by this version; this build pretends to be two versions newer.
    const older = makeLog(clock);
    await older.append(report({ ruleId: 'kept' }));
    const order: number[] = [];
    const log = makeLog(clock, {
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
    await makeLog(clock).append(report());
    const warn = vi.fn();
    const log = makeLog(clock, {
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

  it('migrates a version 1 store: each chunk read once, counts of its valid events, same answers', async () => {
    // 350 events in chunks 0-3 (100, 100, 100, 50). Chunk 1 also holds two corrupted items its
    // v1 entry counted; chunk 2 is missing from storage (its entry survives).
    const events = Array.from({ length: 350 }, (_, i) =>
      v1Event(i, TEST_SERVICES[(i * 7) % 11 < 6 ? 0 : (i % 3) + 1] as string),
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
    const log = makeLog(clock, { area, warn, limits: () => ({ cap: 5000, retentionDays: 3650 }) });
    const valid = events.filter((_, i) => i < 200 || i >= 300);
    expect(await log.count()).toBe(valid.length);
    expect(warn).not.toHaveBeenCalled();
    expect([...chunkReads].sort()).toEqual([0, 1, 2, 3].map(chunkKey));
    const meta = (await stored(META_KEY)) as StoredMeta;
    expect(meta.v).toBe(LOG_VERSION);
    expect(meta.chunks.map((c) => c.count)).toEqual([100, 100, 0, 50]);
    expect(new Map(Object.entries(meta.services))).toEqual(bruteCounts(valid));
    await expectCountsMatchLog(clock);

    // Same answers as a filter over the events themselves, newest first.
    const newestFirst = [...valid].reverse();
    for (const service of TEST_SERVICES) {
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
    expect(await makeLog(clock, { area }).count()).toBe(valid.length);
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
    expect(await makeLog(clock, { area, warn }).count()).toBe(0);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/version 1 failed.*IO error/));
    expect(await stored(META_KEY)).toMatchObject({ v: LOG_VERSION, total: 0 });
  });
});
