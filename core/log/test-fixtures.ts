/**
 * Test support for the event log's tests (stored-format, log-writer, log-queries, event-log):
 * a clock each test file owns and moves by hand, the report a watcher would hand the log, a
 * fresh EventLog on fakeBrowser's storage.local, and checks that the stored index matches the
 * stored events. Only test files import it, so no entrypoint reaches it and WXT never bundles it.
 *
 * Each test file makes its own clock in `beforeEach` (`clock = new TestClock()`) after
 * `fakeBrowser.reset()`: no time or storage is shared between tests or files.
 */
import * as v from 'valibot';
import { expect, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browserArea, type KeyValueArea } from '../storage/key-value-area';
import { LogEvent } from './event';
import { EventLog, type EventLogOptions } from './event-log';
import type { NewLogEvent } from './log-writer';
import { chunkKey, META_KEY } from './stored-format';

/** Where every test's time starts: a fixed date, never the wall clock. */
export const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);
export const MIN = 60_000;
export const DAY = 86_400_000;
/** Services spread over the log in the count tests. */
export const TEST_SERVICES = ['openai', 'anthropic', 'gemini', 'mistral'];

/** The log's "now", set by the test (`clock.now = T0 + 9 * MIN`), read by every log made with it. */
export class TestClock {
  now = T0;
}

/** A block as a watcher reports it: query strings and markup the log must clean away. */
export function report(overrides: Partial<NewLogEvent> = {}): NewLogEvent {
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

/**
 * A new EventLog on storage.local, as a (re)started worker opens it: ids e1, e2, ... and a
 * silent `warn` unless `opts` says otherwise.
 */
export function makeLog(clock: TestClock, opts: Partial<EventLogOptions> = {}): EventLog {
  let seq = 0;
  return new EventLog({
    area: browserArea('local'),
    now: () => clock.now,
    newId: () => `e${++seq}`,
    warn: vi.fn(),
    ...opts,
  });
}

/** What storage.local holds under `key`, read past the log. */
export async function stored(key: string): Promise<unknown> {
  return (await fakeBrowser.storage.local.get(key))[key];
}

/** The local area, recording which chunk keys each `get` asked for. */
export function countingArea() {
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

export interface StoredMeta {
  v: number;
  chunks: Record<string, unknown>[];
  total: number;
  services: Record<string, number>;
}

/** Events per service, counted one by one (Map: any name is a plain key). */
export function bruteCounts(events: { service: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.service, (counts.get(e.service) ?? 0) + 1);
  return counts;
}

/**
 * The stored index must match the stored events: each chunk's count its valid events, the
 * log-wide service counts those of `all()` from a fresh log (a restarted worker), and both the
 * total.
 */
export async function expectCountsMatchLog(clock: TestClock): Promise<void> {
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
  const all = await makeLog(clock).all();
  expect(all).toHaveLength(total);
  expect(new Map(Object.entries(meta.services))).toEqual(bruteCounts(all));
}

/**
 * `n` events a second apart from T0, openai and anthropic taking turns, every third a response,
 * event 4242 the only one whose evidence says "Needle in the haystack". Appended at once.
 */
export async function filled(clock: TestClock, n: number): Promise<EventLog> {
  const log = makeLog(clock, { limits: () => ({ cap: 20_000, retentionDays: 90 }) });
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

/** `n` events a second apart from T0 (rule-0 ... rule-<n-1>), of `serviceOf(i)`; the clock ends after the last. */
export async function spread(clock: TestClock, n: number, serviceOf: (i: number) => string): Promise<void> {
  const log = makeLog(clock, { limits: () => ({ cap: 20_000, retentionDays: 90 }) });
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      log.append(report({ service: serviceOf(i), ruleId: `rule-${i}`, at: T0 + i * 1000 })),
    ),
  );
  clock.now = T0 + n * 1000;
}
