/**
 * EventLog (./event-log.ts) under load and after damage: many appends at once batched into few
 * writes with nothing lost, a failed write that leaves the stored log as it was, events corrupted
 * in storage left out (and the index counted again) rather than the log reset, and clear.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browserArea, type KeyValueArea } from '../storage/key-value-area';
import { chunkKey, META_KEY } from './stored-format';
import {
  expectCountsMatchLog,
  filled,
  makeLog,
  report,
  type StoredMeta,
  spread,
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

describe('EventLog: concurrency and faults', () => {
  it('20 tabs x 50 reports at once: nothing lost, batched into few writes', async () => {
    const area = browserArea('local');
    const set = vi.spyOn(area, 'set');
    const log = makeLog(clock, { area });
    const all: Promise<unknown>[] = [];
    for (let tab = 0; tab < 20; tab++) {
      for (let i = 0; i < 50; i++) {
        all.push(log.append(report({ ruleId: `tab${tab}-r${i}`, at: T0 + tab * 50 + i })));
      }
    }
    await Promise.all(all);
    expect(await log.count()).toBe(1000);
    // A second instance reading the same storage (a restarted worker) sees all of them.
    const reread = makeLog(clock);
    const ids = new Set((await reread.all()).map((e) => e.ruleId));
    expect(ids.size).toBe(1000);
    expect(set.mock.calls.length).toBeLessThan(50);
  });

  it('1000 concurrent repeats of one block become one row counted 1000 times', async () => {
    const log = makeLog(clock);
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
    const log = makeLog(clock, { area });
    await log.append(report({ ruleId: 'a' }));
    fail = true;
    await expect(log.append(report({ ruleId: 'b' }))).rejects.toThrow(/quota/);
    fail = false;
    await log.append(report({ ruleId: 'c' }));
    expect((await log.all()).map((e) => e.ruleId)).toEqual(['a', 'c']);
  });
});

describe('EventLog: corrupted events in storage', () => {
  it('drops corrupted events inside a chunk and keeps the valid ones', async () => {
    const log = makeLog(clock);
    await log.append(report({ ruleId: 'good' }));
    const chunk = (await stored(chunkKey(0))) as unknown[];
    await fakeBrowser.storage.local.set({ [chunkKey(0)]: [...chunk, { id: 5 }, 'junk'] });
    const warn = vi.fn();
    const events = await makeLog(clock, { warn }).all();
    expect(events.map((e) => e.ruleId)).toEqual(['good']);
    expect(warn).toHaveBeenCalled();
  });

  it('counts again when a chunk lost events in storage, instead of resetting the log later', async () => {
    await spread(clock, 250, (i) => TEST_SERVICES[i % 4] as string);
    // Two events of chunk 2 and one of chunk 0 are damaged outside the log.
    for (const n of [0, 2]) {
      const chunk = (await stored(chunkKey(n))) as unknown[];
      chunk[3] = { id: 5 };
      if (n === 2) chunk[4] = 'junk';
      await fakeBrowser.storage.local.set({ [chunkKey(n)]: chunk });
    }
    const warn = vi.fn();
    const log = makeLog(clock, { warn });
    // Appending rewrites chunk 2 without its damaged items: the index is counted again.
    await log.append(report({ service: 'gemini', ruleId: 'after-damage', at: clock.now }));
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/counted again/));
    expect(await log.count()).toBe(248);
    await expectCountsMatchLog(clock);
    const all = await makeLog(clock).all();
    expect(all).toHaveLength(248);
    expect((await makeLog(clock).query({ service: 'gemini' }, 0, 500)).total).toBe(
      all.filter((e) => e.service === 'gemini').length,
    );

    // An amend of an event in a damaged chunk: the same.
    fakeBrowser.reset();
    const fresh = makeLog(clock);
    const { event } = await fresh.append(report({ ruleId: 'x', at: clock.now }));
    await fresh.append(report({ service: 'gemini', ruleId: 'y', at: clock.now }));
    const [first] = (await stored(chunkKey(0))) as unknown[];
    await fakeBrowser.storage.local.set({ [chunkKey(0)]: [first, 'junk'] });
    const amendWarn = vi.fn();
    const restarted = makeLog(clock, { warn: amendWarn });
    expect(
      await restarted.amend(event.id, { kind: 'response', url: event.url, product: 'api' }),
    ).not.toBeNull();
    expect(amendWarn).toHaveBeenCalledWith(expect.stringMatching(/counted again/));
    await expectCountsMatchLog(clock);
    expect(((await stored(META_KEY)) as StoredMeta).services).toEqual({ openai: 1 });
  });
});

describe('EventLog: clear', () => {
  it('clear removes every event and chunk', async () => {
    const log = await filled(clock, 250);
    expect(await log.clear()).toBe(250);
    expect(await log.count()).toBe(0);
    for (let n = 0; n < 3; n++) expect(await stored(chunkKey(n))).toBeUndefined();
    await log.append(report());
    expect(await log.count()).toBe(1);
  });
});
