/**
 * State of the toolbar popup. First painted from the snapshot the background keeps in
 * storage.session (core/snapshot: this tab's blocks, the newest events), read without a message;
 * then fed by the background through the message protocol: getTabState (this tab), queryLog with
 * small limits (this service's history, recent events everywhere) and checkReachability
 * ("Check now"). An answer always replaces the snapshot; the snapshot never replaces an answer.
 * Never loads the whole log.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ReachabilityReport } from '../../core/catalog/reachability';
import type { LogEvent } from '../../core/log/event';
import type { TabStateAnswer } from '../../core/messaging/protocol';
import { popupSnapshotFrom } from '../../core/snapshot/popup-snapshot';
import { failureKey } from '../background-failure';
import type { ExtensionClient } from '../extension-client';
import type { FirstReads } from '../popup/first-reads';

/** How many rows each popup list asks for: what fits on screen, not the log. */
export const POPUP_LIMITS = { serviceHistory: 5, recent: 24 } as const;

export type Loadable<T> =
  | { status: 'loading' }
  | { status: 'ready'; value: T }
  | { status: 'failed'; reasonKey: string };

export type CheckState =
  | { status: 'idle' }
  | { status: 'running'; service: string }
  | { status: 'done'; report: ReachabilityReport }
  | { status: 'failed'; service: string; reasonKey: string };

export interface PopupState {
  tabId: number | null;
  tab: Loadable<TabStateAnswer | null>;
  /** The blocked service's events on every tab, newest first. */
  serviceHistory: Loadable<LogEvent[]>;
  /** The newest events on every tab. */
  recent: Loadable<{ events: LogEvent[]; total: number }>;
  check: CheckState;
  /** Asks the background once; later calls return the same promise. */
  load(): Promise<void>;
  runCheck(service: string): Promise<void>;
}

function newestFirst(events: LogEvent[]): LogEvent[] {
  return [...events].sort((a, b) => b.lastSeen - a.lastSeen);
}

/**
 * `firstReads`: the tab and storage.session, when the entry has already asked for them (it does
 * so before the store's module is loaded); otherwise the store asks for both at once itself.
 */
export function createPopupStore(client: ExtensionClient, firstReads?: FirstReads): StoreApi<PopupState> {
  let loading: Promise<void> | null = null;
  return createStore<PopupState>()((set, get) => {
    async function loadOnce(): Promise<void> {
      // Both first reads travel together (in sequence they cost two browser round trips).
      const first = firstReads ?? {
        tab: client.currentTab().catch(() => null),
        session: client.readSession(null).catch(() => ({})),
      };
      // Which parts the background has answered: from then on the snapshot is out of date.
      let recentAnswered = false;
      let tabAnswered = false;
      // Sent before the tab is known: the recent events do not depend on it.
      const recent = client
        .send('queryLog', { limit: POPUP_LIMITS.recent, offset: 0 })
        .then((page) => {
          recentAnswered = true;
          set({
            recent: { status: 'ready', value: { events: newestFirst(page.events), total: page.total } },
          });
        })
        .catch((error) => {
          // What the snapshot painted stays; only a popup with nothing to show says why.
          if (get().recent.status === 'loading')
            set({ recent: { status: 'failed', reasonKey: failureKey(error) } });
        });
      const current = await first.tab;
      const tabId = current?.id ?? null;
      globalThis.performance?.mark?.('detour:popup:tab');
      set({ tabId });
      // The browser knows the tab's address even before the background saw a navigation.
      const withUrl = (state: TabStateAnswer): TabStateAnswer => ({
        ...state,
        url: state.url ?? current?.url ?? null,
        events: newestFirst(state.events),
      });

      // The first paint: the snapshot in storage.session, while the questions below travel.
      void first.session.then((stored) => {
        globalThis.performance?.mark?.('detour:popup:snapshot');
        const snapshot = popupSnapshotFrom(stored, tabId);
        if (!recentAnswered && snapshot.recent && get().recent.status === 'loading') {
          const { events, total } = snapshot.recent;
          set({ recent: { status: 'ready', value: { events: newestFirst(events), total } } });
        }
        if (!tabAnswered && tabId != null && get().tab.status === 'loading') {
          // No record for the tab: nothing was seen there since its last navigation.
          const state = snapshot.tab ?? { tabId, url: null, events: [] };
          set({ tab: { status: 'ready', value: withUrl(state) } });
        }
      });

      let service: string | null = null;
      if (tabId == null) {
        set({ tab: { status: 'ready', value: null } });
      } else {
        try {
          const value = withUrl(await client.send('getTabState', { tabId }));
          tabAnswered = true;
          set({ tab: { status: 'ready', value } });
          service = value.events[0]?.service ?? null;
        } catch (error) {
          if (get().tab.status === 'loading')
            set({ tab: { status: 'failed', reasonKey: failureKey(error) } });
          else {
            const shown = get().tab;
            service = shown.status === 'ready' ? (shown.value?.events[0]?.service ?? null) : null;
          }
        }
      }

      if (service) {
        try {
          const page = await client.send('queryLog', {
            service,
            limit: POPUP_LIMITS.serviceHistory,
            offset: 0,
          });
          set({ serviceHistory: { status: 'ready', value: newestFirst(page.events) } });
        } catch (error) {
          set({ serviceHistory: { status: 'failed', reasonKey: failureKey(error) } });
        }
      } else {
        set({ serviceHistory: { status: 'ready', value: [] } });
      }
      await recent;
    }

    return {
      tabId: null,
      tab: { status: 'loading' },
      serviceHistory: { status: 'loading' },
      recent: { status: 'loading' },
      check: { status: 'idle' },

      // Once per popup: the entry calls it before the first render, so the questions travel while
      // the page renders (bench: rendering first delayed them 40-170 ms); the component's own call
      // then shares those answers instead of asking twice.
      load() {
        loading ??= loadOnce();
        return loading;
      },

      async runCheck(service) {
        if (get().check.status === 'running') return;
        set({ check: { status: 'running', service } });
        try {
          const report = await client.send('checkReachability', { service });
          set({ check: { status: 'done', report } });
        } catch (error) {
          set({ check: { status: 'failed', service, reasonKey: failureKey(error) } });
        }
      },
    };
  });
}
