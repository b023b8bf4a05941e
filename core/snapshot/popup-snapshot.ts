/**
 * What the popup paints first, kept ready by the background in storage.session (memory only,
 * cleared when the browser closes), so the first paint needs no message to a worker that may be
 * asleep: a cold worker answered the popup's first question in 150–170 ms (bench/findings.md),
 * while a storage.session read is answered by the browser itself. The popup then asks the
 * background as before and replaces what it painted.
 *
 *   tab.<id>      the tab's blocks and warnings since its last navigation (core/log/tab-states,
 *                 written whenever they change)
 *   popup.recent  the newest events on every tab and the log's total, written after every change
 *                 of the log (storage.onChanged on its keys) and when the worker starts
 *
 * storage.session is open to extension pages by default in Chromium (TRUSTED_CONTEXTS) and exists
 * in Firefox from 115. Whatever is read is validated with the schema it was written with; a
 * missing or bad snapshot only means the popup waits for the background's answer.
 */
import * as v from 'valibot';
import { LogEvent } from '../log/event';
import type { LogPage } from '../log/log-queries';
import type { TabState } from '../log/tab-states';
import { storedTabState, tabKey } from '../log/tab-states';
import { RECENT_SNAPSHOT_EVENTS, RECENT_SNAPSHOT_KEY } from './popup-snapshot-keys';

export { RECENT_SNAPSHOT_EVENTS, RECENT_SNAPSHOT_KEY } from './popup-snapshot-keys';

export const RecentSnapshot = v.object({
  events: v.pipe(v.array(LogEvent), v.maxLength(RECENT_SNAPSHOT_EVENTS)),
  total: v.pipe(v.number(), v.integer(), v.minValue(0)),
  writtenAt: v.number(),
});

export interface PopupSnapshot {
  /** Null when nothing was stored for the tab: nothing was seen there since its last navigation. */
  tab: TabState | null;
  /** Null until the background has written it once (first seconds after the browser started). */
  recent: LogPage | null;
}

/**
 * The snapshot's two parts out of what storage.session held (the popup reads the whole area at
 * once, in parallel with asking which tab it is for: components/popup/first-reads). Never throws:
 * a missing or bad part is null.
 */
export function popupSnapshotFrom(stored: Record<string, unknown>, tabId: number | null): PopupSnapshot {
  const recent = v.safeParse(RecentSnapshot, stored[RECENT_SNAPSHOT_KEY]);
  return {
    tab: tabId === null ? null : storedTabState(tabId, stored[tabKey(tabId)]),
    recent: recent.success ? { events: recent.output.events, total: recent.output.total } : null,
  };
}
