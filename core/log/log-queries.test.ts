/**
 * The queries (./log-queries.ts), through EventLog: pages newest first, filters and their totals,
 * which chunks each filter reads (a service's total from the index, an ids filter stopping once
 * every id is found), warming, and for seeded random logs the same answers as a filter over all().
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { seededRandom } from '../../test/support/seeded-random';
import { browserArea } from '../storage/key-value-area';
import { chunkKey, META_KEY } from './stored-format';
import {
  countingArea,
  DAY,
  expectCountsMatchLog,
  filled,
  makeLog,
  report,
  spread,
  T0,
  TestClock,
} from './test-fixtures';

let clock: TestClock;
beforeEach(() => {
  fakeBrowser.reset();
  clock = new TestClock();
});

describe('log queries: pages and filters', () => {
  it('pages newest first and reads only the newest chunk for the first page of 10,000', async () => {
    await filled(clock, 10_000);
    const area = browserArea('local');
    const get = vi.spyOn(area, 'get');
    const fresh = makeLog(clock, { area });
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
    await filled(clock, 1_000);
    const area = browserArea('local');
    const get = vi.spyOn(area, 'get');
    const fresh = makeLog(clock, { area });
    await fresh.warm(50);
    expect(get.mock.calls.map((call) => call[0])).toEqual([[META_KEY], [chunkKey(9)]]);
    get.mockClear();
    const page = await fresh.query({}, 0, 20);
    expect(page.events[0]?.ruleId).toBe('rule-999');
    expect(get).not.toHaveBeenCalled();
  });

  it('filters by service, kind, time range and search, with totals', async () => {
    const log = await filled(clock, 10_000);
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
});

describe('log queries: which chunks a query reads', () => {
  it('a service query takes its total from the index and reads newest chunks only until its page is full', async () => {
    const rare = new Set([150, 151, 720]);
    await spread(clock, 1000, (i) => (rare.has(i) ? 'rare' : i % 2 ? 'anthropic' : 'openai'));

    const a = countingArea();
    const page = await makeLog(clock, { area: a.area }).query({ service: 'rare' }, 0, 5);
    expect(page.total).toBe(3);
    expect(page.events.map((e) => e.ruleId)).toEqual(['rule-720', 'rule-151', 'rule-150']);
    // The page is not full, but all 3 of the index's events are found by chunk 1: chunk 0 is not read.
    expect(a.chunkReads).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1].map(chunkKey));

    const b = countingArea();
    const cold = makeLog(clock, { area: b.area });
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
    const boundary = await makeLog(clock, { area: c7.area }).query({ service: 'anthropic' }, 98, 2);
    expect(boundary.events.map((e) => e.ruleId)).toEqual(['rule-803', 'rule-801']);
    expect(c7.chunkReads).toEqual([9, 8].map(chunkKey));

    const c = countingArea();
    expect(await makeLog(clock, { area: c.area }).query({ service: 'nobody' }, 0, 5)).toEqual({
      events: [],
      total: 0,
    });
    expect(c.chunkReads).toEqual([]);
  });

  it('a service with other filters reads every chunk for its total (no per-chunk counts)', async () => {
    await spread(clock, 1000, (i) => (i >= 300 && i < 420 ? 'gemini' : 'openai'));
    const { area, chunkReads } = countingArea();
    const page = await makeLog(clock, { area }).query({ service: 'gemini', kinds: ['page'] }, 0, 3);
    expect(page.total).toBe(120);
    expect(page.events.map((e) => e.ruleId)).toEqual(['rule-419', 'rule-418', 'rule-417']);
    expect(chunkReads).toHaveLength(10);
  });

  it('an ids filter stops reading once every id is found', async () => {
    await spread(clock, 1000, (i) => (i % 3 ? 'openai' : 'anthropic'));
    const all = await makeLog(clock).all();
    const idOf = (i: number) => all[i]?.id as string;
    const ids = new Set([idOf(990), idOf(905), idOf(950)]);

    const a = countingArea();
    const page = await makeLog(clock, { area: a.area }).query({ ids }, 0, 10);
    expect(page.total).toBe(3);
    expect(page.events.map((e) => e.ruleId)).toEqual(['rule-990', 'rule-950', 'rule-905']);
    expect(a.chunkReads).toEqual([chunkKey(9)]);

    // One id spans back to chunk 5: chunks 9 down to 5 are read, 4 to 0 are not.
    const b = countingArea();
    const wider = await makeLog(clock, { area: b.area }).query({ ids: new Set([...ids, idOf(512)]) }, 1, 2);
    expect(wider).toMatchObject({ total: 4 });
    expect(wider.events.map((e) => e.ruleId)).toEqual(['rule-950', 'rule-905']);
    expect(b.chunkReads).toEqual([9, 8, 7, 6, 5].map(chunkKey));

    // An id no longer in the log: every chunk must be read, the answer is still right.
    const c = countingArea();
    const gone = await makeLog(clock, { area: c.area }).query({ ids: new Set([idOf(990), 'gone']) }, 0, 10);
    expect(gone.events.map((e) => e.ruleId)).toEqual(['rule-990']);
    expect(gone.total).toBe(1);
    expect(c.chunkReads).toHaveLength(10);

    const d = countingArea();
    expect(await makeLog(clock, { area: d.area }).query({ ids: new Set() }, 0, 10)).toEqual({
      events: [],
      total: 0,
    });
    expect(d.chunkReads).toEqual([]);
  });
});

describe('log queries: against a filter over all()', () => {
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
      const log = makeLog(clock, {
        warn: warned,
        limits: () => ({ cap, retentionDays: 30 }),
        byteBudget: budget,
        newId: () => `s${seed}-${++seq}`,
      });
      clock.now = T0 - 40 * DAY;
      for (let made = 0; made < 500; ) {
        const batch = 1 + Math.floor(rnd() * 12);
        const writes: Promise<unknown>[] = [];
        for (let j = 0; j < batch; j++, made++) {
          clock.now += Math.floor(rnd() * 3 * 3_600_000);
          const rule = rnd() < 0.2 ? 'repeat' : `r${made}`;
          writes.push(
            log.append(
              report({
                service: pick(weighted),
                kind: pick(kinds),
                ruleId: rule,
                evidence: 'x'.repeat(50),
                at: clock.now,
              }),
            ),
          );
        }
        await Promise.all(writes);
      }
      await expectCountsMatchLog(clock);
      expect(warned, `seed ${seed}`).not.toHaveBeenCalled();

      const fresh = makeLog(clock);
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
        const got = await makeLog(clock).query(filter, offset, limit);
        const label = `seed ${seed} query ${q} ${JSON.stringify({ ...filter, ids: filter.ids?.size, offset, limit })}`;
        expect(got.total, label).toBe(want.length);
        expect(
          got.events.map((e) => e.id),
          label,
        ).toEqual(want.slice(offset, offset + limit).map((e) => e.id));
      }
    }
  }, 60_000);
});
