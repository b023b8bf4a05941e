/**
 * EventLog: the persistent list of blocks and warnings Detour has seen.
 *
 * Owns: dedupe, bounds (cap, retention, byte budget), versioned storage layout, queries, clear.
 * Must not: be written by anyone but the background (it serialises writes only within its own
 * JS context; @wxt-dev/storage does not serialise across contexts, see design-facts).
 *
 * Layout in storage.local (chosen from design-facts' measurements: one array under one key costs
 * O(n) per append, 0.5 s at 10,000 events; chunked keys stay at 6-8 ms at any size and remain
 * readable by key from any extension context and from tests):
 *   log.meta           { v, nextChunk, chunks: [{ n, count, bytes, minLastSeen, maxLastSeen }], total, services, recent }
 *   log.chunk.<n>      LogEvent[] (at most CHUNK_SIZE, oldest first)
 * `services` counts the whole log's events per service, so the popup's "this service's history"
 * takes its total from the index and reads only the newest chunks until its page is full. It is
 * one map for the log (O(services)), not one per chunk: the index is rewritten by every append,
 * and per-chunk counts (tried, never released) made that write grow with the log
 * (bench/findings.md).
 * `recent` indexes the events still inside the dedupe window, so a repeat finds its row without
 * scanning old chunks. A batch of appends is one `storage.local.set` of the meta plus the touched
 * chunks; a caller's promise resolves only after that write, so an acknowledged event is on disk.
 */
import * as v from 'valibot';
import type { KeyValueArea } from '../storage/key-value-area';
import { LogEvent } from './event';
import { cleanEvidence, originOf, stripUrl } from './sanitize';

export const LOG_VERSION = 2;
export const CHUNK_SIZE = 100;
export const DEDUPE_WINDOW_MS = 10 * 60_000;
const DAY_MS = 86_400_000;
/**
 * Chrome's storage.local holds 10 MB without `unlimitedStorage` (which we do not ask for).
 * 5 MB lets the largest cap the settings allow (10,000 events, ~450 bytes each on average, so
 * ~4.5 MB) bind before the budget does, and still leaves half the quota for settings, a catalog
 * update (at most 2 MB), the index and a margin.
 */
export const DEFAULT_BYTE_BUDGET = 5_000_000;
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
type ChunkInfo = v.InferOutput<typeof ChunkInfo>;
const RecentEntry = v.object({ key: v.string(), id: v.string(), chunk: Int, lastSeen: v.number() });
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

/** What a watcher hands the log: an event without the log's own bookkeeping. */
export type NewLogEvent = Omit<LogEvent, 'id' | 'firstSeen' | 'lastSeen' | 'count'> & { at: number };
export interface AppendResult {
  event: LogEvent;
  deduped: boolean;
}
export interface LogLimits {
  cap: number;
  retentionDays: number;
}
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

export interface EventLogOptions {
  area: KeyValueArea;
  limits?: () => LogLimits | Promise<LogLimits>;
  now?: () => number;
  newId?: () => string;
  version?: number;
  migrations?: Record<number, LogMigration>;
  byteBudget?: number;
  warn?: (message: string) => void;
}

export interface LogFilter {
  service?: string;
  since?: number;
  until?: number;
  search?: string;
  kinds?: string[];
  /** Only these event ids (e.g. the events of one tab). */
  ids?: ReadonlySet<string>;
}

export function dedupeKey(e: Pick<LogEvent, 'service' | 'ruleId' | 'kind' | 'url' | 'tabUrl'>): string {
  // A navigation's page is where it landed; any other event's page is the tab it was seen in.
  const page = e.kind === 'navigation' ? originOf(e.url) : originOf(e.tabUrl) || originOf(e.url);
  return `${e.service}\u0000${e.ruleId}\u0000${page}`;
}

function emptyMeta(version: number): LogMeta {
  return { v: version, nextChunk: 0, chunks: [], total: 0, services: {}, recent: [] };
}

function infoOf(n: number, events: LogEvent[]): ChunkInfo {
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

function serviceCounts(events: LogEvent[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.service, (counts.get(e.service) ?? 0) + 1);
  return counts;
}

/** Events of `service` in the log, from the index. */
function countOf(counts: Record<string, number>, service: string): number {
  return Object.hasOwn(counts, service) ? (counts[service] as number) : 0;
}

/**
 * Adds `delta` to a service's count, removing it at zero. Defined, not assigned, so any name
 * (even "__proto__") stays a plain own key.
 */
function addCount(counts: Record<string, number>, service: string, delta: number): void {
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

function sumOf(counts: Record<string, number>): number {
  let sum = 0;
  for (const k of Object.values(counts)) sum += k;
  return sum;
}

/** The valid events of a stored chunk; invalid items are left out and counted. */
function validEvents(raw: unknown): { events: LogEvent[]; dropped: number; unreadable: boolean } {
  if (raw === undefined) return { events: [], dropped: 0, unreadable: false };
  if (!Array.isArray(raw)) return { events: [], dropped: 0, unreadable: true };
  const events: LogEvent[] = [];
  for (const item of raw) {
    const parsed = v.safeParse(LogEvent, item);
    if (parsed.success) events.push(parsed.output);
  }
  return { events, dropped: raw.length - events.length, unreadable: false };
}

interface Pending {
  event: LogEvent;
  resolve: (r: AppendResult) => void;
  reject: (e: unknown) => void;
}

export class EventLog {
  private readonly area: KeyValueArea;
  private readonly opts: Required<Omit<EventLogOptions, 'area' | 'limits'>> & Pick<EventLogOptions, 'limits'>;
  private meta: LogMeta | null = null;
  private readonly cache = new Map<number, LogEvent[]>();
  private pending: Pending[] = [];
  private flushQueued = false;
  /** Every read and write runs on this chain, one at a time. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(options: EventLogOptions) {
    this.area = options.area;
    this.opts = {
      limits: options.limits,
      now: options.now ?? Date.now,
      newId: options.newId ?? (() => crypto.randomUUID()),
      version: options.version ?? LOG_VERSION,
      migrations: options.migrations ?? LOG_MIGRATIONS,
      byteBudget: options.byteBudget ?? DEFAULT_BYTE_BUDGET,
      warn: options.warn ?? ((m) => console.warn(`[detour] ${m}`)),
    };
  }

  /** Adds (or dedupes) one event. Resolves after the batch holding it is written to storage. */
  append(input: NewLogEvent): Promise<AppendResult> {
    let event: LogEvent;
    try {
      event = this.normalise(input);
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.pending.push({ event, resolve, reject });
      if (!this.flushQueued) {
        this.flushQueued = true;
        void this.serial(() => this.flush());
      }
    });
  }

  /**
   * Rewrites how a just-logged event says it was seen, when a richer channel of the same sighting
   * arrives second (the page showed an API's 403 text before the fetch tap reported the 403
   * itself). The dedupe key does not change: the tab's page stays the same. Null when the event
   * is no longer among the recent ones.
   */
  amend(
    id: string,
    patch: Pick<LogEvent, 'kind' | 'url' | 'product'> & { status?: number },
  ): Promise<LogEvent | null> {
    return this.serial(async () => {
      const meta = structuredClone(await this.loadMeta());
      const hit = meta.recent.find((r) => r.id === id);
      if (!hit) return null;
      const arr = (await this.readChunk(hit.chunk)).map((e) => ({ ...e }));
      const event = arr.find((e) => e.id === id);
      if (!event) return null;
      const fixed = this.normalise({ ...event, ...patch, at: event.firstSeen });
      event.kind = fixed.kind;
      event.url = fixed.url;
      event.product = fixed.product;
      if (patch.status === undefined) delete event.status;
      else event.status = patch.status;
      const i = meta.chunks.findIndex((c) => c.n === hit.chunk);
      if (i >= 0) meta.chunks[i] = infoOf(hit.chunk, arr);
      // The chunk's count changes here only if it held corrupted items, which a read left out.
      meta.total = meta.chunks.reduce((sum, c) => sum + c.count, 0);
      if (sumOf(meta.services) !== meta.total) await this.recount(meta, new Map([[hit.chunk, arr]]));
      await this.area.set({ [META_KEY]: meta, [chunkKey(hit.chunk)]: arr });
      this.meta = meta;
      this.cache.set(hit.chunk, arr);
      return { ...event };
    });
  }

  /**
   * Reads the index and the newest chunks (enough for a first page of `events`) into memory, so
   * the first question after the worker starts (the popup's) does not wait for storage: a cold
   * worker spent most of its first answer reading them (bench/findings.md).
   */
  warm(events = 50): Promise<void> {
    return this.serial(async () => {
      const meta = await this.loadMeta();
      let left = events;
      for (let i = meta.chunks.length - 1; i >= 0 && left > 0; i--) {
        const info = meta.chunks[i] as ChunkInfo;
        left -= (await this.readChunk(info.n)).length;
      }
    });
  }

  /**
   * Newest first (by storage order: first sighting). Reads only the chunks it needs when nothing
   * filters or when only `service` does (the index counts the log's events per service); an
   * `ids` filter stops once every id has been found. Other filters read every chunk that can
   * match, as `total` needs them all.
   */
  query(filter: LogFilter, offset = 0, limit = 50): Promise<{ events: LogEvent[]; total: number }> {
    return this.serial(async () => {
      const meta = await this.loadMeta();
      const chunks = [...meta.chunks].reverse();
      const service = filter.service || undefined;
      const narrowed =
        filter.since !== undefined ||
        filter.until !== undefined ||
        !!filter.search ||
        filter.kinds !== undefined ||
        filter.ids !== undefined;
      if (!narrowed) {
        return service
          ? this.pageOfService(chunks, countOf(meta.services, service), service, offset, limit)
          : this.pageOf(chunks, meta.total, offset, limit);
      }
      const out: LogEvent[] = [];
      const match = compileFilter(filter);
      const ids = filter.ids;
      // Event ids are unique: once all of them are seen, no older event can match.
      const found = new Set<string>();
      if (ids && ids.size === 0) return { events: out, total: 0 };
      let total = 0;
      scan: for (const info of chunks) {
        if (filter.since !== undefined && info.count > 0 && info.maxLastSeen < filter.since) continue;
        const events = await this.readChunk(info.n);
        for (let i = events.length - 1; i >= 0; i--) {
          const e = events[i] as LogEvent;
          if (match(e)) {
            if (total >= offset && out.length < limit) out.push({ ...e });
            total++;
          }
          if (ids?.has(e.id)) {
            found.add(e.id);
            if (found.size === ids.size) break scan;
          }
        }
      }
      return { events: out, total };
    });
  }

  /** The unfiltered page: chunks before `offset` are skipped by their counts, unread. */
  private async pageOf(chunks: ChunkInfo[], total: number, offset: number, limit: number) {
    const out: LogEvent[] = [];
    let skip = offset;
    for (const info of chunks) {
      if (out.length >= limit) break;
      if (skip >= info.count) {
        skip -= info.count;
        continue;
      }
      const events = [...(await this.readChunk(info.n))].reverse();
      for (const e of events.slice(skip)) {
        if (out.length >= limit) break;
        out.push({ ...e });
      }
      skip = 0;
    }
    return { events: out, total };
  }

  /**
   * One service's page: the total from the index; chunks are read newest first until the page is
   * full or every one of the service's events has been seen. The popup asks for a blocked tab's
   * service, which has a recent event, so this reads one chunk or a few.
   */
  private async pageOfService(
    chunks: ChunkInfo[],
    total: number,
    service: string,
    offset: number,
    limit: number,
  ) {
    const out: LogEvent[] = [];
    let seen = 0;
    for (const info of chunks) {
      if (out.length >= limit || seen >= total) break;
      const events = await this.readChunk(info.n);
      for (let i = events.length - 1; i >= 0 && out.length < limit; i--) {
        const e = events[i] as LogEvent;
        if (e.service !== service) continue;
        if (seen >= offset) out.push({ ...e });
        seen++;
      }
    }
    return { events: out, total };
  }

  /** Every event, oldest first, for export. */
  all(): Promise<LogEvent[]> {
    return this.serial(async () => {
      const meta = await this.loadMeta();
      const out: LogEvent[] = [];
      for (const info of meta.chunks) for (const e of await this.readChunk(info.n)) out.push({ ...e });
      return out;
    });
  }

  count(): Promise<number> {
    return this.serial(async () => (await this.loadMeta()).total);
  }

  /** Removes every event. Returns how many there were. */
  clear(): Promise<number> {
    return this.serial(async () => {
      const meta = await this.loadMeta();
      const fresh = emptyMeta(this.opts.version);
      await this.area.set({ [META_KEY]: fresh });
      await this.area.remove(meta.chunks.map((c) => chunkKey(c.n)));
      this.meta = fresh;
      this.cache.clear();
      return meta.total;
    });
  }

  /** Applies the current limits now (e.g. after the user lowered the cap). */
  enforceLimits(): Promise<void> {
    return this.serial(async () => {
      await this.flush(true);
    });
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task, task);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private warn(message: string): void {
    this.opts.warn(message);
  }

  private async loadMeta(): Promise<LogMeta> {
    if (this.meta) return this.meta;
    const raw = (await this.area.get([META_KEY]))[META_KEY];
    if (raw === undefined || raw === null) {
      this.meta = emptyMeta(this.opts.version);
      return this.meta;
    }
    if (typeof raw !== 'object' || Array.isArray(raw) || typeof (raw as { v?: unknown }).v !== 'number') {
      return this.reset('the event log index is corrupted');
    }
    let candidate = raw as Record<string, unknown>;
    const stored = candidate.v as number;
    if (stored > this.opts.version) {
      return this.reset(
        `the event log has version ${stored}, newer than this Detour knows (${this.opts.version})`,
      );
    }
    if (stored < this.opts.version) {
      try {
        for (let target = stored + 1; target <= this.opts.version; target++) {
          const migrate = this.opts.migrations[target];
          if (!migrate) throw new Error(`no migration to version ${target}`);
          candidate = { ...(await migrate(candidate, this.area)), v: target };
        }
      } catch (err) {
        return this.reset(`migrating the event log from version ${stored} failed (${String(err)})`);
      }
    }
    const parsed = v.safeParse(LogMeta, candidate);
    if (!parsed.success || !isConsistent(parsed.output)) {
      return this.reset('the event log index is corrupted');
    }
    this.meta = parsed.output;
    if (stored !== this.opts.version) await this.area.set({ [META_KEY]: this.meta });
    return this.meta;
  }

  private async reset(reason: string): Promise<LogMeta> {
    this.warn(`${reason}; starting an empty log`);
    this.cache.clear();
    const keys = (await this.area.keys()).filter((k) => k.startsWith(CHUNK_PREFIX));
    const fresh = emptyMeta(this.opts.version);
    await this.area.set({ [META_KEY]: fresh });
    await this.area.remove(keys);
    this.meta = fresh;
    return fresh;
  }

  private async readChunk(n: number): Promise<LogEvent[]> {
    const cached = this.cache.get(n);
    if (cached) return cached;
    const raw = (await this.area.get([chunkKey(n)]))[chunkKey(n)];
    const { events, dropped, unreadable } = validEvents(raw);
    if (dropped > 0) this.warn(`dropped ${dropped} corrupted log events`);
    if (unreadable) this.warn(`log chunk ${n} is corrupted; its events are dropped`);
    this.cache.set(n, events);
    return events;
  }

  private async flush(force = false): Promise<void> {
    this.flushQueued = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0 && !force) return;
    try {
      const results = await this.writeBatch(batch);
      for (const [i, p] of batch.entries()) p.resolve(results[i] as AppendResult);
    } catch (err) {
      // Nothing of this batch is acknowledged; reload from storage before the next write.
      this.meta = null;
      this.cache.clear();
      for (const p of batch) p.reject(err);
    }
  }

  private async writeBatch(batch: Pending[]): Promise<AppendResult[]> {
    const committed = await this.loadMeta();
    const meta: LogMeta = structuredClone(committed);
    const work = new Map<number, LogEvent[]>();
    const chunk = async (n: number): Promise<LogEvent[]> => {
      let arr = work.get(n);
      if (!arr) {
        arr = (await this.readChunk(n)).map((e) => ({ ...e }));
        work.set(n, arr);
      }
      return arr;
    };
    const results: AppendResult[] = [];

    for (const { event } of batch) {
      const key = dedupeKey(event);
      const at = event.firstSeen;
      const hit = meta.recent.find((r) => r.key === key && Math.abs(at - r.lastSeen) <= DEDUPE_WINDOW_MS);
      if (hit && meta.chunks.some((c) => c.n === hit.chunk)) {
        const existing = (await chunk(hit.chunk)).find((e) => e.id === hit.id);
        if (existing) {
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
      meta.recent.push({ key, id: event.id, chunk: last.n, lastSeen: event.lastSeen });
      results.push({ event: { ...event }, deduped: false });
    }

    for (const [n, arr] of work) {
      const i = meta.chunks.findIndex((c) => c.n === n);
      if (i >= 0) meta.chunks[i] = infoOf(n, arr);
    }
    const dropped = await this.applyLimits(meta, chunk);

    // Keep `recent` to live rows inside the window.
    const now = this.opts.now();
    const live = new Set(meta.chunks.map((c) => c.n));
    meta.recent = meta.recent.filter((r) => {
      if (now - r.lastSeen > DEDUPE_WINDOW_MS || !live.has(r.chunk)) return false;
      const arr = work.get(r.chunk);
      return !arr || arr.some((e) => e.id === r.id);
    });
    meta.total = meta.chunks.reduce((sum, c) => sum + c.count, 0);
    // Counts kept by the events added and removed drift only when a chunk lost events outside
    // the log (corrupted or missing in storage): then count again rather than reset later.
    if (sumOf(meta.services) !== meta.total) await this.recount(meta, work);
    // Limits applied at startup usually change nothing: no write, so first queries do not wait for one.
    if (batch.length === 0 && dropped.length === 0 && JSON.stringify(meta) === JSON.stringify(committed)) {
      return results;
    }

    const items: Record<string, unknown> = { [META_KEY]: meta };
    for (const [n, arr] of work) if (live.has(n)) items[chunkKey(n)] = arr;
    await this.area.set(items);
    // Removing after the index no longer names these chunks: a crash in between leaves only orphans.
    await this.area.remove(dropped.map(chunkKey));

    this.meta = meta;
    for (const [n, arr] of work) if (live.has(n)) this.cache.set(n, arr);
    for (const n of dropped) this.cache.delete(n);
    return results;
  }

  /**
   * Every chunk's entry and the service counts rebuilt from the events a read keeps. Reads every
   * chunk, so only for an index that no longer matches its chunks.
   */
  private async recount(meta: LogMeta, work: Map<number, LogEvent[]>): Promise<void> {
    this.warn('the event log index did not match its events; counted again');
    const services = new Map<string, number>();
    for (const [i, info] of meta.chunks.entries()) {
      const events = work.get(info.n) ?? (await this.readChunk(info.n));
      meta.chunks[i] = infoOf(info.n, events);
      for (const [service, k] of serviceCounts(events))
        services.set(service, (services.get(service) ?? 0) + k);
    }
    meta.services = Object.fromEntries(services);
    meta.total = meta.chunks.reduce((sum, c) => sum + c.count, 0);
  }

  /** Retention, cap and byte budget, oldest first. Returns the chunk numbers removed whole. */
  private async applyLimits(meta: LogMeta, chunk: (n: number) => Promise<LogEvent[]>): Promise<number[]> {
    const limits = this.opts.limits ? await this.opts.limits() : { cap: 5000, retentionDays: 90 };
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
    const cutoff = this.opts.now() - limits.retentionDays * DAY_MS;
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
    while (bytes() > this.opts.byteBudget && meta.chunks.length > 1) await drop(meta.chunks[0] as ChunkInfo);
    return dropped;
  }

  private normalise(input: NewLogEvent): LogEvent {
    const event: LogEvent = {
      id: this.opts.newId(),
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
    return v.parse(LogEvent, event);
  }
}

function isConsistent(meta: LogMeta): boolean {
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

export function compileFilter(filter: LogFilter): (e: LogEvent) => boolean {
  const needle = filter.search?.trim().toLowerCase();
  const kinds = filter.kinds ? new Set(filter.kinds) : null;
  return (e) => {
    if (filter.service && e.service !== filter.service) return false;
    if (filter.since !== undefined && e.lastSeen < filter.since) return false;
    if (filter.until !== undefined && e.firstSeen > filter.until) return false;
    if (kinds && !kinds.has(e.kind)) return false;
    if (filter.ids && !filter.ids.has(e.id)) return false;
    if (needle) {
      const hay = `${e.service}\n${e.product}\n${e.ruleId}\n${e.url}\n${e.evidence}\n${e.tabUrl ?? ''}\n${e.country ?? ''}`;
      if (!hay.toLowerCase().includes(needle)) return false;
    }
    return true;
  };
}
