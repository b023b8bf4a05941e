/**
 * The background's side of the popup's snapshot (core/snapshot/popup-snapshot): keeps
 * `popup.recent` in step with the log. Apart from the reader so the popup bundles no log code.
 */
import type { LogPage } from '../log/log-queries';
import { CHUNK_PREFIX, META_KEY } from '../log/stored-format';
import type { KeyValueArea } from '../storage/key-value-area';
import { RECENT_SNAPSHOT_EVENTS, RECENT_SNAPSHOT_KEY } from './popup-snapshot';

/** Whether a storage.local key belongs to the event log (a change there changes `popup.recent`). */
export function isLogKey(key: string): boolean {
  return key === META_KEY || key.startsWith(CHUNK_PREFIX);
}

/**
 * The background's writer of `popup.recent`. Calls that arrive while a write is under way are
 * merged into one more write after it, so a burst of log writes costs two queries, not one each.
 */
export class RecentSnapshotWriter {
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly session: KeyValueArea,
    private readonly newest: (limit: number) => Promise<LogPage>,
    private readonly now: () => number = Date.now,
  ) {}

  refresh(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          const page = await this.newest(RECENT_SNAPSHOT_EVENTS);
          await this.session.set({
            [RECENT_SNAPSHOT_KEY]: {
              events: page.events.slice(0, RECENT_SNAPSHOT_EVENTS),
              total: page.total,
              writtenAt: this.now(),
            },
          });
        } while (this.again);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }
}

type StorageChanges = Record<string, unknown>;
interface StorageChangeEvent {
  addListener(fn: (changes: StorageChanges, area: string) => void): void;
  removeListener(fn: (changes: StorageChanges, area: string) => void): void;
}

/**
 * Refreshes `popup.recent` now and after every change of the log's keys in storage.local
 * (`browser.storage.onChanged`). Returns the function that stops it.
 */
export function keepRecentSnapshot(
  writer: RecentSnapshotWriter,
  onChanged: StorageChangeEvent,
  warn: (message: string, error: unknown) => void = console.warn,
): () => void {
  const refresh = () => {
    writer.refresh().catch((error) => warn('[detour] popup snapshot not written', error));
  };
  const listener = (changes: StorageChanges, area: string) => {
    if (area === 'local' && Object.keys(changes).some(isLogKey)) refresh();
  };
  onChanged.addListener(listener);
  refresh();
  return () => onChanged.removeListener(listener);
}
