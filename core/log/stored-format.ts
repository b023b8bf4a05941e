/**
 * The event log as stored: keys, the index's schema, its versions and the migrations between
 * them, and the pure helpers that keep an index true to its chunks. The writer
 * (./log-writer.ts) and the queries (./log-queries.ts) read and change the log only through this
 * format; EventLog (./event-log.ts) runs them one at a time.
 *
 * Layout in storage.local (one array under one key costs O(n) per append, about 0.5 s at 10,000
 * events; chunked keys stay at 6-8 ms at any size and remain readable by key from any extension
 * context and from tests):
 *   log.meta           { v, nextChunk, chunks: [{ n, count, bytes, minLastSeen, maxLastSeen }], total, services, recent }
 *   log.chunk.<n>      LogEvent[] (at most CHUNK_SIZE, oldest first)
 * `services` counts the whole log's events per service, so the popup's "this service's history"
 * takes its total from the index and reads only the newest chunks until its page is full. It is
 * one map for the log (O(services)), not one per chunk: the index is rewritten by every append,
 * and per-chunk counts would make that write grow with the log.
 * `recent` indexes the events still inside the dedupe window, so a repeat finds its row without
 * scanning old chunks, and remembers which sightings it counted: a sighting reported again (by a
 * second watcher, or retried after the MV3 worker restarted) finds its key there and is not
 * counted twice. A batch of appends is one `storage.local.set` of the meta plus the touched
 * chunks; a caller's promise resolves only after that write, so an acknowledged event is on disk.
 */
import * as v from 'valibot';
import type { KeyValueArea } from '../storage/key-value-area';
import { LogEvent } from './event';

export const LOG_VERSION = 2;
export const CHUNK_SIZE = 100;
export const META_KEY = 'log.meta';
export const CHUNK_PREFIX = 'log.chunk.';
export const chunkKey = (n: number): string => `${CHUNK_PREFIX}${n}`;

const Int = v.pipe(v.number(), v.integer(), v.minValue(0));
/**
 * Service → how many events are of that service (only services present). Checked by hand, not with `v.record`: that drops keys such as "constructor" (a valid slug) and the
 * counts would then no longer add up.
 */
const ServiceCounts = v.pipe(
  v.custom<Record<string, number>>(
    (x) =>
      typeof x === 'object' &&
      x !== null &&
      !Array.isArray(x) &&
      Object.values(x).every((n) => Number.isInteger(n) && (n as number) >= 1),
    'service counts must map names to positive integers',
  ),
  v.transform((x) => Object.fromEntries(Object.entries(x)) as Record<string, number>),
);
const ChunkInfo = v.object({
  n: Int,
  count: Int,
  bytes: Int,
  minLastSeen: v.number(),
  maxLastSeen: v.number(),
});
export type ChunkInfo = v.InferOutput<typeof ChunkInfo>;
const RecentEntry = v.object({
  key: v.string(),
  id: v.string(),
  chunk: Int,
  lastSeen: v.number(),
  /** The sightings already counted into this row (idempotency keys, newest last, bounded). */
  sightings: v.optional(v.array(v.string())),
});
const LogMeta = v.object({
  v: Int,
  nextChunk: Int,
  chunks: v.array(ChunkInfo),
  total: Int,
  /** Events per service in the whole log. */
  services: ServiceCounts,
  recent: v.array(RecentEntry),
});
export type LogMeta = v.InferOutput<typeof LogMeta>;

/** Turns the stored meta of version N-1 into version N; may rewrite chunks through `area`. */
export type LogMigration = (
  meta: Record<string, unknown>,
  area: KeyValueArea,
) => Promise<Record<string, unknown>>;

/** How many chunks the v2 migration reads per `get`: few round trips, bounded memory. */
const MIGRATION_BATCH = 10;

/**
 * Version 2 adds `services`, the log's events per service. Each chunk is read once and its entry
 * rebuilt from the events that are valid by the same rules as reading (`validEvents`), so the
 * counts match what queries will see; a missing chunk counts as empty. An index of the wrong
 * shape is passed on untouched, for validation to reset as corrupted.
 */
export const migrateToServiceCounts: LogMigration = async (meta, area) => {
  const chunks = meta.chunks;
  if (!Array.isArray(chunks)) return meta;
  const numberOf = (c: unknown): number | null => {
    const n = (c as { n?: unknown } | null)?.n;
    return typeof c === 'object' && Number.isInteger(n) && (n as number) >= 0 ? (n as number) : null;
  };
  const rebuilt: unknown[] = [];
  const services: Record<string, number> = {};
  let total = 0;
  for (let i = 0; i < chunks.length; i += MIGRATION_BATCH) {
    const slice = chunks.slice(i, i + MIGRATION_BATCH);
    const keys = slice.map(numberOf).flatMap((n) => (n === null ? [] : [chunkKey(n)]));
    const raw = keys.length ? await area.get(keys) : {};
    for (const c of slice) {
      const n = numberOf(c);
      if (n === null) {
        rebuilt.push(c);
        continue;
      }
      const events = validEvents(raw[chunkKey(n)]).events;
      for (const e of events) addCount(services, e.service, 1);
      const info = infoOf(n, events);
      total += info.count;
      rebuilt.push(info);
    }
  }
  return { ...meta, chunks: rebuilt, total, services };
};

export const LOG_MIGRATIONS: Record<number, LogMigration> = { 2: migrateToServiceCounts };

export function emptyMeta(version: number): LogMeta {
  return { v: version, nextChunk: 0, chunks: [], total: 0, services: {}, recent: [] };
}

export function infoOf(n: number, events: LogEvent[]): ChunkInfo {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const e of events) {
    if (e.lastSeen < min) min = e.lastSeen;
    if (e.lastSeen > max) max = e.lastSeen;
  }
  return {
    n,
    count: events.length,
    bytes: events.length ? JSON.stringify(events).length : 0,
    minLastSeen: events.length ? min : 0,
    maxLastSeen: events.length ? max : 0,
  };
}

export function serviceCounts(events: LogEvent[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.service, (counts.get(e.service) ?? 0) + 1);
  return counts;
}

/** Events of `service` in the log, from the index. */
export function countOf(counts: Record<string, number>, service: string): number {
  return Object.hasOwn(counts, service) ? (counts[service] as number) : 0;
}

/**
 * Adds `delta` to a service's count, removing it at zero. Defined, not assigned, so any name
 * (even "__proto__") stays a plain own key.
 */
export function addCount(counts: Record<string, number>, service: string, delta: number): void {
  const next = countOf(counts, service) + delta;
  if (next === 0) delete counts[service];
  else
    Object.defineProperty(counts, service, {
      value: next,
      enumerable: true,
      writable: true,
      configurable: true,
    });
}

export function sumOf(counts: Record<string, number>): number {
  let sum = 0;
  for (const k of Object.values(counts)) sum += k;
  return sum;
}

/** The valid events of a stored chunk; invalid items are left out and counted. */
export function validEvents(raw: unknown): { events: LogEvent[]; dropped: number; unreadable: boolean } {
  if (raw === undefined) return { events: [], dropped: 0, unreadable: false };
  if (!Array.isArray(raw)) return { events: [], dropped: 0, unreadable: true };
  const events: LogEvent[] = [];
  for (const item of raw) {
    const parsed = v.safeParse(LogEvent, item);
    if (parsed.success) events.push(parsed.output);
  }
  return { events, dropped: raw.length - events.length, unreadable: false };
}

export function isConsistent(meta: LogMeta): boolean {
  const seen = new Set<number>();
  let total = 0;
  for (const c of meta.chunks) {
    if (seen.has(c.n) || c.n >= meta.nextChunk) return false;
    seen.add(c.n);
    total += c.count;
  }
  // A service query's total comes from these counts and stops reading once it has seen them all.
  return total === meta.total && sumOf(meta.services) === meta.total;
}

export type StoredMeta =
  | { state: 'absent' }
  | { state: 'corrupted'; reason: string }
  | { state: 'read'; meta: LogMeta; migrated: boolean };

/**
 * The stored index at `version`: read, migrated step by step from an older version, and checked.
 * An index that is unreadable, newer than this code, fails a migration or no longer adds up is
 * `corrupted`; the caller starts an empty log.
 */
export async function readStoredMeta(
  area: KeyValueArea,
  version: number,
  migrations: Record<number, LogMigration>,
): Promise<StoredMeta> {
  const raw = (await area.get([META_KEY]))[META_KEY];
  if (raw === undefined || raw === null) return { state: 'absent' };
  if (typeof raw !== 'object' || Array.isArray(raw) || typeof (raw as { v?: unknown }).v !== 'number') {
    return { state: 'corrupted', reason: 'the event log index is corrupted' };
  }
  let candidate = raw as Record<string, unknown>;
  const stored = candidate.v as number;
  if (stored > version) {
    return {
      state: 'corrupted',
      reason: `the event log has version ${stored}, newer than this Detour knows (${version})`,
    };
  }
  if (stored < version) {
    try {
      for (let target = stored + 1; target <= version; target++) {
        const migrate = migrations[target];
        if (!migrate) throw new Error(`no migration to version ${target}`);
        candidate = { ...(await migrate(candidate, area)), v: target };
      }
    } catch (err) {
      return {
        state: 'corrupted',
        reason: `migrating the event log from version ${stored} failed (${String(err)})`,
      };
    }
  }
  const parsed = v.safeParse(LogMeta, candidate);
  if (!parsed.success || !isConsistent(parsed.output)) {
    return { state: 'corrupted', reason: 'the event log index is corrupted' };
  }
  return { state: 'read', meta: parsed.output, migrated: stored !== version };
}
