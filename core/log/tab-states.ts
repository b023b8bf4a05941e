/**
 * What each tab has shown since its last navigation, for the badge and the popup.
 * Kept in storage.session (memory only, cleared when the browser closes) under one key per tab,
 * so it survives the MV3 worker being stopped and a write for one tab never rewrites another's.
 * Written only by the background, one write at a time, so this instance also keeps what it last
 * read or wrote per tab and reads storage only for a tab it has not seen in this worker's life:
 * every block's way to the log asks for the tab's document, and that storage.session read took
 * 1–18 ms of a banner's 13–65 ms in the bench (bench/findings.md).
 */
import * as v from 'valibot';
import type { KeyValueArea } from '../storage/key-value-area';
import { LogEvent } from './event';
import { stripUrl } from './sanitize';

/** A tab rarely shows more; the popup lists these, the log keeps everything. */
export const MAX_EVENTS_PER_TAB = 20;
export const TAB_PREFIX = 'tab.';
export const tabKey = (tabId: number): string => `${TAB_PREFIX}${tabId}`;

const TabRecord = v.object({
  url: v.nullable(v.string()),
  navigatedAt: v.number(),
  /** Names the document the tab shows; absent in records written before documents were named. */
  document: v.optional(v.string()),
  events: v.array(LogEvent),
  /** The tab's page itself failed to load at the network level (the browser's error name). */
  pageFailed: v.optional(v.object({ error: v.pipe(v.string(), v.maxLength(80)), at: v.number() })),
});
type TabRecord = v.InferOutput<typeof TabRecord>;

export interface TabState {
  tabId: number;
  url: string | null;
  /** Blocks, warnings and unreachable events seen on this tab since its last navigation, newest first. */
  events: LogEvent[];
  /** The tab's page itself failed to load at the network level since its last navigation. */
  pageFailed?: { error: string; at: number };
}

export class TabStates {
  private tail: Promise<unknown> = Promise.resolve();
  /** What storage holds for each tab this instance has read or written (null: nothing stored). */
  private readonly known = new Map<number, TabRecord | null>();

  constructor(
    private readonly area: KeyValueArea,
    private readonly now: () => number = Date.now,
  ) {}

  get(tabId: number): Promise<TabState> {
    return this.serial(async () => toState(tabId, await this.read(tabId)));
  }

  /** A new document in the tab: what was seen before no longer describes it. */
  navigate(tabId: number, url: string | null): Promise<TabState> {
    return this.serial(async () => {
      const record: TabRecord = {
        url: url ? stripUrl(url) : null,
        navigatedAt: this.now(),
        document: crypto.randomUUID(),
        events: [],
      };
      await this.write(tabId, record);
      return toState(tabId, record);
    });
  }

  /**
   * The name of the document the tab shows, given at its last navigation: every sighting in one
   * document shares it, and it survives the MV3 worker being stopped (storage.session). Names the
   * document when the record has no name yet, so a second sighting finds the same one.
   */
  documentOf(tabId: number, tabUrl?: string): Promise<string> {
    return this.serial(async () => {
      const record = await this.readOrStart(tabId, tabUrl);
      if (record.document) return record.document;
      record.document = crypto.randomUUID();
      await this.write(tabId, record);
      return record.document;
    });
  }

  /** Adds an event (or refreshes it when the log deduped it into an existing row). */
  record(tabId: number, event: LogEvent, tabUrl?: string): Promise<TabState> {
    return this.serial(async () => {
      const record = await this.readOrStart(tabId, tabUrl);
      const rest = record.events.filter((e) => e.id !== event.id);
      record.events = [event, ...rest].slice(0, MAX_EVENTS_PER_TAB);
      await this.write(tabId, record);
      return toState(tabId, record);
    });
  }

  /**
   * The tab's page did not load (DNS, connection, TLS). Kept until the next navigation, so the
   * popup never says "no block seen" about a page that never arrived.
   */
  pageFailed(tabId: number, error: string, tabUrl?: string): Promise<TabState> {
    return this.serial(async () => {
      const record = await this.readOrStart(tabId, tabUrl);
      record.pageFailed = { error: error.slice(0, 80), at: this.now() };
      await this.write(tabId, record);
      return toState(tabId, record);
    });
  }

  remove(tabId: number): Promise<void> {
    return this.serial(async () => {
      // A closed tab's id is not used again: keep nothing for it, so what is kept stays bounded.
      this.known.delete(tabId);
      await this.area.remove([tabKey(tabId)]);
    });
  }

  /**
   * The tab's record, or a new one for `tabUrl`. A record whose URL is unknown takes `tabUrl`:
   * Firefox can report a new tab's hidden about:blank after the service page that tab shows, and
   * without its URL the popup could not match the page to its service (the exit line was lost).
   */
  private async readOrStart(tabId: number, tabUrl: string | undefined): Promise<TabRecord> {
    const url = tabUrl ? stripUrl(tabUrl) : null;
    const record = (await this.read(tabId)) ?? { url, navigatedAt: this.now(), events: [] };
    if (record.url === null && url !== null) record.url = url;
    return record;
  }

  /** A copy the caller may change: what is kept changes only when a write succeeded. */
  private async read(tabId: number): Promise<TabRecord | null> {
    const known = this.known.get(tabId);
    if (known !== undefined) return known && structuredClone(known);
    const raw = (await this.area.get([tabKey(tabId)]))[tabKey(tabId)];
    let record: TabRecord | null = null;
    if (raw !== undefined) {
      const parsed = v.safeParse(TabRecord, raw);
      if (parsed.success) record = parsed.output;
      else console.warn(`[detour] tab state for tab ${tabId} is corrupted; starting over`);
    }
    this.known.set(tabId, record && structuredClone(record));
    return record;
  }

  private async write(tabId: number, record: TabRecord): Promise<void> {
    // Forgotten first: a write that fails part-way leaves storage unknown, so it is read again.
    this.known.delete(tabId);
    await this.area.set({ [tabKey(tabId)]: record });
    this.known.set(tabId, structuredClone(record));
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task, task);
    this.tail = run.catch(() => undefined);
    return run;
  }
}

function toState(tabId: number, record: TabRecord | null): TabState {
  const state: TabState = { tabId, url: record?.url ?? null, events: record?.events ?? [] };
  if (record?.pageFailed) state.pageFailed = record.pageFailed;
  return state;
}

/** A stored tab record as the popup's snapshot reads it (core/snapshot); null when absent or bad. */
export function storedTabState(tabId: number, raw: unknown): TabState | null {
  if (raw === undefined) return null;
  const parsed = v.safeParse(TabRecord, raw);
  return parsed.success ? toState(tabId, parsed.output) : null;
}
