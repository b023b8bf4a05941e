/**
 * Reading the event log: filters and pages, newest first. Works on an index and a chunk reader,
 * so it reads only the chunks a page needs; EventLog (./event-log.ts) supplies both and runs each
 * query after the writes before it.
 */
import type { LogEvent } from './event';
import { type ChunkInfo, countOf, type LogMeta } from './stored-format';

export interface LogFilter {
  service?: string;
  since?: number;
  until?: number;
  search?: string;
  kinds?: string[];
  /** Only these event ids (e.g. the events of one tab). */
  ids?: ReadonlySet<string>;
}

export type ChunkReader = (n: number) => Promise<LogEvent[]>;

export interface LogPage {
  events: LogEvent[];
  total: number;
}

/**
 * Newest first (by storage order: first sighting). Reads only the chunks it needs when nothing
 * filters or when only `service` does (the index counts the log's events per service); an
 * `ids` filter stops once every id has been found. Other filters read every chunk that can
 * match, as `total` needs them all.
 */
export async function queryLog(
  meta: LogMeta,
  readChunk: ChunkReader,
  filter: LogFilter,
  offset: number,
  limit: number,
): Promise<LogPage> {
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
      ? pageOfService(readChunk, chunks, countOf(meta.services, service), service, offset, limit)
      : pageOf(readChunk, chunks, meta.total, offset, limit);
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
    const events = await readChunk(info.n);
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
}

/** The unfiltered page: chunks before `offset` are skipped by their counts, unread. */
async function pageOf(
  readChunk: ChunkReader,
  chunks: ChunkInfo[],
  total: number,
  offset: number,
  limit: number,
): Promise<LogPage> {
  const out: LogEvent[] = [];
  let skip = offset;
  for (const info of chunks) {
    if (out.length >= limit) break;
    if (skip >= info.count) {
      skip -= info.count;
      continue;
    }
    const events = [...(await readChunk(info.n))].reverse();
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
async function pageOfService(
  readChunk: ChunkReader,
  chunks: ChunkInfo[],
  total: number,
  service: string,
  offset: number,
  limit: number,
): Promise<LogPage> {
  const out: LogEvent[] = [];
  let seen = 0;
  for (const info of chunks) {
    if (out.length >= limit || seen >= total) break;
    const events = await readChunk(info.n);
    for (let i = events.length - 1; i >= 0 && out.length < limit; i--) {
      const e = events[i] as LogEvent;
      if (e.service !== service) continue;
      if (seen >= offset) out.push({ ...e });
      seen++;
    }
  }
  return { events: out, total };
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
