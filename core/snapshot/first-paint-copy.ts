/**
 * The background's copy of what the popup's first paint needs (`popup.recent` and `popup.text`) in
 * storage.local. storage.session is empty after a browser restart until the worker has started and
 * read the log, and a popup opened in those first moments would otherwise draw nothing first; the
 * first paint falls back to this copy (components/popup/first-reads). It holds only what the log
 * already keeps in storage.local (the same events, URLs already without query strings) and the
 * popup's own words.
 *
 * Written only when a part differs from what is stored (`writtenAt` aside), so a worker start or a
 * log write that leaves the newest events as they were writes nothing. Writes are chained, so the
 * two parts' writers never lose each other's part.
 */
import type { KeyValueArea } from '../storage/key-value-area';
import { FIRST_PAINT_COPY_KEY } from './popup-snapshot-keys';

type Part = 'recent' | 'text';
type Copy = Partial<Record<Part, unknown>>;

/** What decides whether a part changed: the recent list's `writtenAt` changes at every write. */
const sameness = (value: unknown) =>
  JSON.stringify(value, (key, field) => (key === 'writtenAt' ? undefined : field));

export class FirstPaintCopy {
  private stored: Copy | null = null;
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly local: KeyValueArea) {}

  /** Keeps `value` as the copy's `part`; resolves once written (or found unchanged). */
  keep(part: Part, value: unknown): Promise<void> {
    const run = this.chain.then(async () => {
      if (!this.stored) {
        const found = (await this.local.get([FIRST_PAINT_COPY_KEY]))[FIRST_PAINT_COPY_KEY];
        this.stored = typeof found === 'object' && found !== null && !Array.isArray(found) ? found : {};
      }
      if (sameness(this.stored[part]) === sameness(value)) return;
      const next = { ...this.stored, [part]: value };
      await this.local.set({ [FIRST_PAINT_COPY_KEY]: next });
      this.stored = next;
    });
    // A failed write (or read) is told to the caller; the next one reads the stored copy again.
    this.chain = run.catch(() => {
      this.stored = null;
    });
    return run;
  }
}
