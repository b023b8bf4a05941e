/**
 * The writer (./log-writer.ts), through EventLog: what an append stores, when a repeat is counted
 * on its row instead (the dedupe window, across worker restarts), the limits (cap, retention,
 * byte budget, chunk size), and the per-service counts every change keeps true.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browserArea } from '../storage/key-value-area';
import { DEDUPE_WINDOW_MS } from './log-writer';
import { CHUNK_SIZE, chunkKey, LOG_VERSION, META_KEY } from './stored-format';
import {
  DAY,
  expectCountsMatchLog,
  filled,
  MIN,
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

describe('log writer: append and dedupe', () => {
  it('stores a sanitised event and acknowledges only after the write', async () => {
    const log = makeLog(clock);
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
    const log = makeLog(clock);
    const first = await log.append(report());
    clock.now = T0 + 9 * MIN;
    const again = await log.append(report({ at: T0 + 9 * MIN, url: 'https://chatgpt.com/other' }));
    expect(again.deduped).toBe(true);
    expect(again.event.id).toBe(first.event.id);
    expect(again.event.count).toBe(2);
    expect(again.event.lastSeen).toBe(T0 + 9 * MIN);
    expect(again.event.firstSeen).toBe(T0);
    expect(await log.count()).toBe(1);
  });

  it('adds a new row after the window, for another rule, or for another page origin', async () => {
    const log = makeLog(clock);
    await log.append(report());
    clock.now = T0 + DEDUPE_WINDOW_MS + 1;
    const late = await log.append(report({ at: clock.now }));
    const otherRule = await log.append(report({ at: clock.now, ruleId: 'openai.other' }));
    const otherOrigin = await log.append(report({ at: clock.now, tabUrl: 'https://chat.openai.com/' }));
    expect([late.deduped, otherRule.deduped, otherOrigin.deduped]).toEqual([false, false, false]);
    expect(await log.count()).toBe(4);
  });

  it('dedupes across worker restarts (the index is persisted)', async () => {
    await makeLog(clock).append(report());
    const restarted = makeLog(clock, { newId: () => 'fresh' });
    const r = await restarted.append(report({ at: T0 + MIN }));
    expect(r.deduped).toBe(true);
    expect(r.event.count).toBe(2);
  });

  it('rejects a malformed event without touching the store', async () => {
    const log = makeLog(clock);
    await expect(log.append(report({ kind: 'bogus' as never }))).rejects.toThrow();
    expect(await stored(META_KEY)).toBeUndefined();
  });
});

describe('log writer: limits and chunks', () => {
  it('drops the oldest events beyond the cap', async () => {
    const log = makeLog(clock, { limits: () => ({ cap: 150, retentionDays: 90 }) });
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
    const log = makeLog(clock, { limits: () => ({ cap: 5000, retentionDays: 90 }) });
    await log.append(report({ ruleId: 'old', at: T0 - 91 * DAY }));
    await log.append(report({ ruleId: 'kept', at: T0 - 89 * DAY }));
    await log.append(report({ ruleId: 'now', at: T0 }));
    expect((await log.all()).map((e) => e.ruleId)).toEqual(['kept', 'now']);
    clock.now = T0 + 2 * DAY;
    await log.enforceLimits();
    expect((await log.all()).map((e) => e.ruleId)).toEqual(['now']);
  });

  it('keeps the store within its byte budget even with a huge cap', async () => {
    const log = makeLog(clock, { limits: () => ({ cap: 100_000, retentionDays: 90 }), byteBudget: 200_000 });
    const events = Array.from({ length: 2000 }, (_, i) =>
      log.append(report({ ruleId: `rule-${i}`, evidence: 'x'.repeat(300), at: T0 + i })),
    );
    await Promise.all(events);
    const meta = (await stored(META_KEY)) as { chunks: { bytes: number }[] };
    const bytes = meta.chunks.reduce((s, c) => s + c.bytes, 0);
    expect(bytes).toBeLessThanOrEqual(200_000);
    expect(await log.count()).toBeLessThan(2000);
  });

  it('enforceLimits that changes nothing writes nothing', async () => {
    await filled(clock, 300);
    const area = browserArea('local');
    const set = vi.spyOn(area, 'set');
    const fresh = makeLog(clock, { area, limits: () => ({ cap: 20_000, retentionDays: 90 }) });
    await fresh.enforceLimits();
    expect(set).not.toHaveBeenCalled();
    await makeLog(clock, { area, limits: () => ({ cap: 250, retentionDays: 90 }) }).enforceLimits();
    expect(set).toHaveBeenCalledTimes(1);
    expect(await makeLog(clock, { area }).count()).toBe(250);
  });

  it('keeps at most CHUNK_SIZE events per key', async () => {
    await filled(clock, CHUNK_SIZE * 2 + 1);
    expect(((await stored(chunkKey(0))) as unknown[]).length).toBe(CHUNK_SIZE);
    expect(((await stored(chunkKey(2))) as unknown[]).length).toBe(1);
  });
});

describe('log writer: per-service counts', () => {
  it('dedupe, amend, retention, cap, the byte budget and clear keep the service counts true', async () => {
    let cap = 5000;
    const warn = vi.fn();
    const log = makeLog(clock, { limits: () => ({ cap, retentionDays: 90 }), byteBudget: 1_000_000, warn });
    const svc = (i: number) => TEST_SERVICES[i % 4] as string;
    for (let i = 0; i < 260; i++) {
      clock.now = T0 - 120 * DAY + i * DAY * 0.4;
      await log.append(report({ service: svc(i), ruleId: `r${i}`, at: clock.now }));
      // A repeat within the window: counted on the row, not as a new event.
      if (i % 5 === 0) await log.append(report({ service: svc(i), ruleId: `r${i}`, at: clock.now + MIN }));
    }
    // Retention (90 days) has already trimmed the first ~75 days' events, chunk by chunk.
    await expectCountsMatchLog(clock);
    const kept = await log.all();
    expect(kept.length).toBeLessThan(260);
    expect(kept.every((e) => e.lastSeen >= clock.now - 90 * DAY)).toBe(true);
    expect(kept.find((e) => e.ruleId === 'r255')?.count).toBe(2);

    const last = kept.at(-1) as { id: string };
    expect(
      await log.amend(last.id, { kind: 'response', url: 'https://chatgpt.com/x', product: 'api' }),
    ).not.toBeNull();
    await expectCountsMatchLog(clock);

    // 45 days on: the oldest chunk expires whole, the next one in part.
    const chunksBefore = ((await stored(META_KEY)) as StoredMeta).chunks.map((c) => c.n);
    clock.now += 45 * DAY;
    await log.enforceLimits();
    const chunksAfter = ((await stored(META_KEY)) as StoredMeta).chunks.map((c) => c.n);
    expect(chunksAfter).not.toContain(chunksBefore[0]);
    await expectCountsMatchLog(clock);
    const left = await log.count();
    expect(left).toBeGreaterThan(60);

    cap = 50; // drops whole chunks and splits one
    await log.enforceLimits();
    await expectCountsMatchLog(clock);
    expect(await log.count()).toBe(50);

    // Another instance (a restarted worker) with a budget that holds only a few chunks.
    for (let i = 0; i < 120; i++)
      await log.append(report({ service: svc(i), ruleId: `b${i}`, at: clock.now }));
    cap = 5000;
    for (let i = 0; i < 150; i++)
      await log.append(report({ service: svc(i + 1), ruleId: `c${i}`, at: clock.now }));
    await expectCountsMatchLog(clock);
    const small = makeLog(clock, { limits: () => ({ cap, retentionDays: 90 }), byteBudget: 30_000, warn });
    await small.append(report({ service: 'gemini', ruleId: 'late', at: clock.now }));
    await expectCountsMatchLog(clock);
    expect(await small.count()).toBeLessThan(200);
    const gemini = await makeLog(clock).query({ service: 'gemini' }, 0, 1000);
    expect(gemini.total).toBe((await makeLog(clock).all()).filter((e) => e.service === 'gemini').length);
    expect(gemini.events).toHaveLength(gemini.total);

    expect(await small.clear()).toBeGreaterThan(0);
    expect((await stored(META_KEY)) as StoredMeta).toMatchObject({ total: 0, services: {} });
    await small.append(report({ service: 'mistral', ruleId: 'fresh', at: clock.now }));
    await expectCountsMatchLog(clock);
    expect(((await stored(META_KEY)) as StoredMeta).services).toEqual({ mistral: 1 });
    // Every count above was kept by the events themselves, never by counting all chunks again.
    expect(warn).not.toHaveBeenCalled();
  });

  it('keeps services named like Object properties ("constructor", "__proto__") in its counts', async () => {
    const first = vi.fn();
    const log = makeLog(clock, { warn: first });
    await log.append(report({ service: 'constructor', ruleId: 'a' }));
    await log.append(report({ service: '__proto__', ruleId: 'b' }));
    await log.append(report({ service: 'openai', ruleId: 'c' }));
    // Counted as it was added, not repaired by counting all chunks again.
    expect(first).not.toHaveBeenCalled();
    const warn = vi.fn();
    const fresh = makeLog(clock, { warn });
    expect(await fresh.query({ service: 'constructor' }, 0, 5)).toMatchObject({ total: 1 });
    expect(await fresh.query({ service: '__proto__' }, 0, 5)).toMatchObject({ total: 1 });
    expect(await fresh.query({ service: 'toString' }, 0, 5)).toEqual({ events: [], total: 0 });
    expect(warn).not.toHaveBeenCalled();
    await fresh.append(report({ service: '__proto__', ruleId: 'd' }));
    await expectCountsMatchLog(clock);
    expect(Object.getPrototypeOf(((await stored(META_KEY)) as StoredMeta).services)).toBe(Object.prototype);
    expect(Object.hasOwn(((await stored(META_KEY)) as StoredMeta).services, '__proto__')).toBe(true);
  });
});
