/**
 * Bundled by the bench (esbuild, `wxt/browser` → chrome) and evaluated in one of Detour's own
 * extension pages: Detour's real EventLog over the real storage.local adapter, so seeding and
 * append timings go through exactly the code and storage layout the background uses.
 */
import { EventLog } from '../../core/log/event-log';
import type { NewLogEvent } from '../../core/log/log-writer';
import { writeSettings } from '../../core/settings/items';
import { browserArea } from '../../core/storage/key-value-area';

function open(cap: number): EventLog {
  return new EventLog({ area: browserArea('local'), limits: () => ({ cap, retentionDays: 3650 }) });
}

const driver = {
  /** Appends all events in one batch (one storage write), as a burst from many tabs would. */
  async seed(events: NewLogEvent[], cap: number): Promise<{ total: number }> {
    const log = open(cap);
    await Promise.all(events.map((e) => log.append(e)));
    return { total: await log.count() };
  },
  /**
   * Times single appends at the log's current size: the first on a fresh EventLog (a worker
   * that just started: index and last chunk not yet read), then `samples` more on the warm one.
   */
  async timeAppends(
    events: NewLogEvent[],
    cap: number,
  ): Promise<{ coldMs: number; warmMs: number[]; total: number }> {
    const log = open(cap);
    const [first, ...rest] = events;
    if (!first) throw new Error('timeAppends: no events');
    let t = performance.now();
    await log.append(first);
    const coldMs = performance.now() - t;
    const warmMs: number[] = [];
    for (const e of rest) {
      t = performance.now();
      await log.append(e);
      warmMs.push(performance.now() - t);
    }
    return { coldMs, warmMs, total: await log.count() };
  },
  /** The user's log cap setting (at most 10,000), written through Detour's settings module. */
  async setLogCap(cap: number): Promise<void> {
    const result = await writeSettings({ logCap: cap });
    if (!result.ok) throw new Error(`setLogCap: ${result.detail}`);
  },
  async bytesInUse(): Promise<number> {
    const { chrome } = globalThis as unknown as {
      chrome: { storage: { local: { getBytesInUse(keys: null): Promise<number> } } };
    };
    return chrome.storage.local.getBytesInUse(null);
  },
};

(globalThis as unknown as { __detourBenchLog: typeof driver }).__detourBenchLog = driver;
