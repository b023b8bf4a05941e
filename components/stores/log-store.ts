/**
 * The full log in the options page, uBlock-logger style: filter by service and time, search,
 * page through; export and clear. Every view is one queryLog call for one page, so a log of
 * 10,000 events costs what 50 rows cost. Fed by the background through the message protocol.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { LogEvent } from '../../core/log/event';
import type { ExportFormat } from '../../core/log/export';
import type { ExtensionClient } from '../extension-client';

export const LOG_PAGE_SIZE = 50;

export type TimeRange = 'any' | 'day' | 'week' | 'month';

const RANGE_MS: Record<Exclude<TimeRange, 'any'>, number> = {
  day: 24 * 3600_000,
  week: 7 * 24 * 3600_000,
  month: 30 * 24 * 3600_000,
};

export interface LogFilterState {
  service: string;
  range: TimeRange;
  search: string;
}

export type LogResult =
  | { status: 'loading' }
  | { status: 'ready'; events: LogEvent[]; total: number }
  | { status: 'failed'; reasonKey: string };

export interface LogState {
  filter: LogFilterState;
  page: number;
  result: LogResult;
  /** Outcome of the last export or clear, as a message key with params, for a live region. */
  notice: { key: string; params?: Record<string, string | number>; tone: 'ok' | 'error' } | null;
  busy: 'export' | 'clear' | null;
  load(): Promise<void>;
  setFilter(patch: Partial<LogFilterState>): Promise<void>;
  setPage(page: number): Promise<void>;
  exportLog(format: ExportFormat): Promise<void>;
  clearLog(): Promise<void>;
}

export function pageCount(total: number): number {
  return Math.max(1, Math.ceil(total / LOG_PAGE_SIZE));
}

export function createLogStore(client: ExtensionClient, clock: () => number = Date.now): StoreApi<LogState> {
  // Answers can arrive out of order when someone types fast; only the latest request counts.
  let latest = 0;
  return createStore<LogState>()((set, get) => ({
    filter: { service: '', range: 'any', search: '' },
    page: 0,
    result: { status: 'loading' },
    notice: null,
    busy: null,

    async load() {
      const request = ++latest;
      const { filter, page } = get();
      set({ result: { status: 'loading' } });
      const search = filter.search.trim().slice(0, 500);
      try {
        const answer = await client.send('queryLog', {
          service: filter.service || undefined,
          since: filter.range === 'any' ? undefined : clock() - RANGE_MS[filter.range],
          search: search || undefined,
          offset: page * LOG_PAGE_SIZE,
          limit: LOG_PAGE_SIZE,
        });
        if (request !== latest) return;
        // A page past the end (after a clear or a narrower filter) falls back to the last one.
        if (answer.events.length === 0 && answer.total > 0 && page > 0) {
          set({ page: pageCount(answer.total) - 1 });
          return get().load();
        }
        set({ result: { status: 'ready', events: answer.events, total: answer.total } });
      } catch {
        if (request === latest)
          set({ result: { status: 'failed', reasonKey: 'common.backgroundUnavailable' } });
      }
    },

    async setFilter(patch) {
      set({ filter: { ...get().filter, ...patch }, page: 0 });
      await get().load();
    },

    async setPage(page) {
      set({ page: Math.max(0, page) });
      await get().load();
    },

    async exportLog(format) {
      set({ busy: 'export', notice: null });
      try {
        const file = await client.send('exportLog', { format });
        client.download(file);
        set({ notice: { key: 'log.exported', params: { file: file.filename }, tone: 'ok' } });
      } catch {
        set({ notice: { key: 'log.exportFailed', tone: 'error' } });
      } finally {
        set({ busy: null });
      }
    },

    async clearLog() {
      set({ busy: 'clear', notice: null });
      try {
        const { cleared } = await client.send('clearLog', {});
        set({ notice: { key: 'log.cleared', params: { count: cleared }, tone: 'ok' }, page: 0 });
        await get().load();
      } catch {
        set({ notice: { key: 'log.clearFailed', tone: 'error' } });
      } finally {
        set({ busy: null });
      }
    },
  }));
}
