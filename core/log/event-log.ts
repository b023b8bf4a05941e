/**
 * EventLog: the persistent list of blocks and warnings Detour has seen.
 *
 * Owns: one queue of reads and writes, appends batched into one storage write each, amend (how an
 * event was seen, or its evidence), clear, and the in-memory index and chunks. The stored format and its migrations are in
 * ./stored-format.ts, dedupe and limits in ./log-writer.ts, filters and pages in ./log-queries.ts.
 * Must not: be written by anyone but the background (it serialises writes only within its own
 * JS context; neither storage.local nor @wxt-dev/storage orders writes from two contexts).
 */
import type { KeyValueArea } from '../storage/key-value-area';
import type { LogEvent } from './event';
import { type LogFilter, type LogPage, queryLog } from './log-queries';
import {
  type AppendResult,
  DEFAULT_BYTE_BUDGET,
  type LogLimits,
  type NewLogEvent,
  normaliseEvent,
  planBatch,
  recount,
} from './log-writer';
import {
  CHUNK_PREFIX,
  type ChunkInfo,
  chunkKey,
  emptyMeta,
  infoOf,
  LOG_MIGRATIONS,
  LOG_VERSION,
  type LogMeta,
  type LogMigration,
  META_KEY,
  readStoredMeta,
  sumOf,
  validEvents,
} from './stored-format';

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

interface Pending {
  event: LogEvent;
  sighting?: string;
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
      event = normaliseEvent(input, this.opts.newId());
    } catch (err) {
      return Promise.reject(err);
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.pending.push({ event, sighting: input.sighting, resolve, reject });
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
      const fixed = normaliseEvent({ ...event, ...patch, at: event.firstSeen }, event.id);
      event.kind = fixed.kind;
      event.url = fixed.url;
      event.product = fixed.product;
      if (patch.status === undefined) delete event.status;
      else event.status = patch.status;
      const i = meta.chunks.findIndex((c) => c.n === hit.chunk);
      if (i >= 0) meta.chunks[i] = infoOf(hit.chunk, arr);
      // The chunk's count changes here only if it held corrupted items, which a read left out.
      meta.total = meta.chunks.reduce((sum, c) => sum + c.count, 0);
      if (sumOf(meta.services) !== meta.total) {
        await recount(
          meta,
          new Map([[hit.chunk, arr]]),
          (n) => this.readChunk(n),
          (m) => this.warn(m),
        );
      }
      await this.area.set({ [META_KEY]: meta, [chunkKey(hit.chunk)]: arr });
      this.meta = meta;
      this.cache.set(hit.chunk, arr);
      return { ...event };
    });
  }

  /**
   * Replaces one event's evidence, leaving its count and times as they are: a later failure of an
   * episode already logged adds what the browser said then. Any row of the log, not only the
   * recent ones (an episode lasts the day): only chunks whose newest event is not older than the
   * event's `lastSeen` are read, newest first. Null when the event is no longer in the log.
   */
  amendEvidence(known: Pick<LogEvent, 'id' | 'lastSeen'>, evidence: string): Promise<LogEvent | null> {
    return this.serial(async () => {
      const committed = await this.loadMeta();
      const candidates = committed.chunks.filter((c) => c.maxLastSeen >= known.lastSeen).reverse();
      for (const info of candidates) {
        const arr = (await this.readChunk(info.n)).map((e) => ({ ...e }));
        const event = arr.find((e) => e.id === known.id);
        if (!event) continue;
        event.evidence = normaliseEvent({ ...event, evidence, at: event.firstSeen }, event.id).evidence;
        const meta = structuredClone(committed);
        const i = meta.chunks.findIndex((c) => c.n === info.n);
        if (i >= 0) meta.chunks[i] = infoOf(info.n, arr);
        meta.total = meta.chunks.reduce((sum, c) => sum + c.count, 0);
        if (sumOf(meta.services) !== meta.total) {
          await recount(
            meta,
            new Map([[info.n, arr]]),
            (n) => this.readChunk(n),
            (m) => this.warn(m),
          );
        }
        await this.area.set({ [META_KEY]: meta, [chunkKey(info.n)]: arr });
        this.meta = meta;
        this.cache.set(info.n, arr);
        return { ...event };
      }
      return null;
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

  /** Newest first; see ./log-queries.ts for which chunks each filter reads. */
  query(filter: LogFilter, offset = 0, limit = 50): Promise<LogPage> {
    return this.serial(async () =>
      queryLog(await this.loadMeta(), (n) => this.readChunk(n), filter, offset, limit),
    );
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
    const stored = await readStoredMeta(this.area, this.opts.version, this.opts.migrations);
    if (stored.state === 'corrupted') return this.reset(stored.reason);
    if (stored.state === 'absent') {
      this.meta = emptyMeta(this.opts.version);
      return this.meta;
    }
    this.meta = stored.meta;
    if (stored.migrated) await this.area.set({ [META_KEY]: this.meta });
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
    const limits = this.opts.limits ? await this.opts.limits() : { cap: 5000, retentionDays: 90 };
    const plan = await planBatch(
      await this.loadMeta(),
      batch.map((p) => p.event),
      {
        readChunk: (n) => this.readChunk(n),
        limits,
        now: this.opts.now(),
        byteBudget: this.opts.byteBudget,
        warn: (m) => this.warn(m),
      },
      batch.map((p) => p.sighting),
    );
    if (plan.unchanged) return plan.results;

    const { meta, work, dropped } = plan;
    const live = new Set(meta.chunks.map((c) => c.n));
    const items: Record<string, unknown> = { [META_KEY]: meta };
    for (const [n, arr] of work) if (live.has(n)) items[chunkKey(n)] = arr;
    await this.area.set(items);
    // Removing after the index no longer names these chunks: a crash in between leaves only orphans.
    await this.area.remove(dropped.map(chunkKey));

    this.meta = meta;
    for (const [n, arr] of work) if (live.has(n)) this.cache.set(n, arr);
    for (const n of dropped) this.cache.delete(n);
    return plan.results;
  }
}
