/**
 * Writing the event log: new events deduped against the recent ones, placed in chunks, and the
 * log kept within its limits (retention, cap, byte budget). `planBatch` works out what one batch
 * changes without writing it; EventLog (./event-log.ts) queues appends into batches, writes each
 * plan in one storage call and acknowledges only after that write.
 */
import * as v from 'valibot';
import { LogEvent } from './event';
import type { ChunkReader } from './log-queries';
import { cleanEvidence, originOf, stripUrl } from './sanitize';
import {
  addCount,
  CHUNK_SIZE,
  type ChunkInfo,
  infoOf,
  type LogMeta,
  serviceCounts,
  sumOf,
} from './stored-format';

export const DEDUPE_WINDOW_MS = 10 * 60_000;
const DAY_MS = 86_400_000;
/**
 * Chrome's storage.local holds 10 MB without `unlimitedStorage` (which we do not ask for).
 * 5 MB lets the largest cap the settings allow (10,000 events, ~450 bytes each on average, so
 * ~4.5 MB) bind before the budget does, and still leaves half the quota for settings, a catalog
 * update (at most 2 MB), the index and a margin.
 */
export const DEFAULT_BYTE_BUDGET = 5_000_000;
/** What a watcher hands the log: an event without the log's own bookkeeping. */
export type NewLogEvent = Omit<LogEvent, 'id' | 'firstSeen' | 'lastSeen' | 'count'> & {
  at: number;
  /**
   * Names one sighting (e.g. tab, document and rule). The same sighting appended again is
   * acknowledged with its row but not counted: appending is idempotent per sighting, whatever
   * the delay between two watchers or a worker restart in between. Not stored in the event.
   */
  sighting?: string;
};
/** How many sightings a recent row remembers; a row is counted once per sighting. */
export const SIGHTINGS_PER_ROW = 32;
export interface AppendResult {
  event: LogEvent;
  deduped: boolean;
}
export interface LogLimits {
  cap: number;
  retentionDays: number;
}
export function dedupeKey(e: Pick<LogEvent, 'service' | 'ruleId' | 'kind' | 'url' | 'tabUrl'>): string {
  // A navigation's page is where it landed; any other event's page is the tab it was seen in.
  const page = e.kind === 'navigation' ? originOf(e.url) : originOf(e.tabUrl) || originOf(e.url);
  return `${e.service}\u0000${e.ruleId}\u0000${page}`;
}

/** What one batch changes: the new index, the chunks it rewrote, and the chunks it removed whole. */
export interface BatchPlan {
  results: AppendResult[];
  meta: LogMeta;
  /** Chunks read or changed by the batch, by number (only those still in `meta` are written). */
  work: Map<number, LogEvent[]>;
  dropped: number[];
  /** True when nothing changed (limits applied at startup usually change nothing). */
  unchanged: boolean;
}

export interface PlanContext {
  readChunk: ChunkReader;
  limits: LogLimits;
  now: number;
  byteBudget: number;
  warn: (message: string) => void;
}

export async function planBatch(
  committed: LogMeta,
  batch: LogEvent[],
  ctx: PlanContext,
  /** The idempotency key of each event in `batch` (same index), where it has one. */
  sightings: ReadonlyArray<string | undefined> = [],
): Promise<BatchPlan> {
  const meta: LogMeta = structuredClone(committed);
  const work = new Map<number, LogEvent[]>();
  const chunk = async (n: number): Promise<LogEvent[]> => {
    let arr = work.get(n);
    if (!arr) {
      arr = (await ctx.readChunk(n)).map((e) => ({ ...e }));
      work.set(n, arr);
    }
    return arr;
  };
  const results: AppendResult[] = [];

  for (const [index, event] of batch.entries()) {
    const key = dedupeKey(event);
    const sighting = sightings[index];
    const at = event.firstSeen;
    const hit = meta.recent.find((r) => r.key === key && Math.abs(at - r.lastSeen) <= DEDUPE_WINDOW_MS);
    if (hit && meta.chunks.some((c) => c.n === hit.chunk)) {
      const existing = (await chunk(hit.chunk)).find((e) => e.id === hit.id);
      if (existing && sighting !== undefined && hit.sightings?.includes(sighting)) {
        // This sighting is already counted in this row: acknowledge it, change nothing.
        results.push({ event: { ...existing }, deduped: true });
        continue;
      }
      if (existing) {
        if (sighting !== undefined)
          hit.sightings = [...(hit.sightings ?? []), sighting].slice(-SIGHTINGS_PER_ROW);
        existing.count += 1;
        existing.lastSeen = Math.max(existing.lastSeen, at);
        hit.lastSeen = existing.lastSeen;
        results.push({ event: { ...existing }, deduped: true });
        continue;
      }
    }
    let last = meta.chunks[meta.chunks.length - 1];
    if (!last || (await chunk(last.n)).length >= CHUNK_SIZE) {
      last = infoOf(meta.nextChunk++, []);
      meta.chunks.push(last);
      work.set(last.n, []);
    }
    (await chunk(last.n)).push(event);
    addCount(meta.services, event.service, 1);
    meta.recent = meta.recent.filter((r) => r.key !== key);
    meta.recent.push({
      key,
      id: event.id,
      chunk: last.n,
      lastSeen: event.lastSeen,
      ...(sighting === undefined ? {} : { sightings: [sighting] }),
    });
    results.push({ event: { ...event }, deduped: false });
  }

  for (const [n, arr] of work) {
    const i = meta.chunks.findIndex((c) => c.n === n);
    if (i >= 0) meta.chunks[i] = infoOf(n, arr);
  }
  const dropped = await applyLimits(meta, chunk, ctx.limits, ctx.now, ctx.byteBudget);

  // Keep `recent` to live rows inside the window.
  const live = new Set(meta.chunks.map((c) => c.n));
  meta.recent = meta.recent.filter((r) => {
    if (ctx.now - r.lastSeen > DEDUPE_WINDOW_MS || !live.has(r.chunk)) return false;
    const arr = work.get(r.chunk);
    return !arr || arr.some((e) => e.id === r.id);
  });
  meta.total = meta.chunks.reduce((sum, c) => sum + c.count, 0);
  // Counts kept by the events added and removed drift only when a chunk lost events outside
  // the log (corrupted or missing in storage): then count again rather than reset later.
  if (sumOf(meta.services) !== meta.total) await recount(meta, work, ctx.readChunk, ctx.warn);
  const unchanged =
    batch.length === 0 && dropped.length === 0 && JSON.stringify(meta) === JSON.stringify(committed);
  return { results, meta, work, dropped, unchanged };
}

/**
 * Every chunk's entry and the service counts rebuilt from the events a read keeps. Reads every
 * chunk, so only for an index that no longer matches its chunks.
 */
export async function recount(
  meta: LogMeta,
  work: Map<number, LogEvent[]>,
  readChunk: ChunkReader,
  warn: (message: string) => void,
): Promise<void> {
  warn('the event log index did not match its events; counted again');
  const services = new Map<string, number>();
  for (const [i, info] of meta.chunks.entries()) {
    const events = work.get(info.n) ?? (await readChunk(info.n));
    meta.chunks[i] = infoOf(info.n, events);
    for (const [service, k] of serviceCounts(events)) services.set(service, (services.get(service) ?? 0) + k);
  }
  meta.services = Object.fromEntries(services);
  meta.total = meta.chunks.reduce((sum, c) => sum + c.count, 0);
}

/** Retention, cap and byte budget, oldest first. Returns the chunk numbers removed whole. */
export async function applyLimits(
  meta: LogMeta,
  chunk: ChunkReader,
  limits: LogLimits,
  now: number,
  byteBudget: number,
): Promise<number[]> {
  const dropped: number[] = [];
  const forget = (events: LogEvent[]) => {
    for (const e of events) addCount(meta.services, e.service, -1);
  };
  // A chunk dropped whole is read first (rare: once per CHUNK_SIZE evictions), for its services.
  const drop = async (info: ChunkInfo) => {
    forget(await chunk(info.n));
    meta.chunks.splice(meta.chunks.indexOf(info), 1);
    dropped.push(info.n);
  };
  const cutoff = now - limits.retentionDays * DAY_MS;
  for (const info of [...meta.chunks]) {
    if (info.count > 0 && info.maxLastSeen < cutoff) {
      await drop(info);
    } else if (info.count > 0 && info.minLastSeen < cutoff) {
      const arr = await chunk(info.n);
      const kept = arr.filter((e) => e.lastSeen >= cutoff);
      forget(arr.filter((e) => e.lastSeen < cutoff));
      arr.splice(0, arr.length, ...kept);
      meta.chunks[meta.chunks.indexOf(info)] = infoOf(info.n, arr);
    }
  }
  // Empty chunks other than the newest one carry nothing.
  meta.chunks = meta.chunks.filter((c, i) => {
    if (c.count === 0 && i < meta.chunks.length - 1) {
      dropped.push(c.n);
      return false;
    }
    return true;
  });
  const total = () => meta.chunks.reduce((s, c) => s + c.count, 0);
  const bytes = () => meta.chunks.reduce((s, c) => s + c.bytes, 0);
  let over = total() - limits.cap;
  while (over > 0 && meta.chunks.length > 0) {
    const first = meta.chunks[0] as ChunkInfo;
    if (first.count <= over) {
      over -= first.count;
      await drop(first);
    } else {
      const arr = await chunk(first.n);
      forget(arr.splice(0, over));
      meta.chunks[0] = infoOf(first.n, arr);
      over = 0;
    }
  }
  while (bytes() > byteBudget && meta.chunks.length > 1) await drop(meta.chunks[0] as ChunkInfo);
  return dropped;
}

/** A new event as stored: URLs without query strings, evidence as short plain text, checked. */
export function normaliseEvent(input: NewLogEvent, id: string): LogEvent {
  const event: LogEvent = {
    id,
    service: input.service,
    product: input.product,
    kind: input.kind,
    ruleId: input.ruleId,
    url: stripUrl(input.url),
    evidence: cleanEvidence(input.evidence),
    firstSeen: input.at,
    lastSeen: input.at,
    count: 1,
  };
  if (input.status !== undefined) event.status = input.status;
  if (input.tabUrl) event.tabUrl = stripUrl(input.tabUrl);
  if (input.country) event.country = input.country;
  if (input.via) event.via = input.via;
  if (input.via === 'recogniser' && input.matched?.length) event.matched = input.matched.slice(0, 8);
  if (input.relayedBy) event.relayedBy = input.relayedBy;
  return v.parse(LogEvent, event);
}
