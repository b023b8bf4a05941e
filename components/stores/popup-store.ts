/**
 * State of the toolbar popup. Fed by the background through the message protocol:
 * getTabState (this tab), queryLog with small limits (this service's history, recent events
 * everywhere) and checkReachability ("Check now"). Never loads the whole log.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ReachabilityReport } from '../../core/catalog/reachability';
import type { LogEvent } from '../../core/log/event';
import type { TabStateAnswer } from '../../core/messaging/protocol';
import type { ExtensionClient } from '../extension-client';

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

function failureKey(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  // The background answers with message keys for known failures; anything else is generic.
  return /^[a-z][A-Za-z0-9.]+$/.test(message) ? message : 'common.backgroundUnavailable';
}

function newestFirst(events: LogEvent[]): LogEvent[] {
  return [...events].sort((a, b) => b.lastSeen - a.lastSeen);
}

export function createPopupStore(client: ExtensionClient): StoreApi<PopupState> {
  let loading: Promise<void> | null = null;
  return createStore<PopupState>()((set, get) => {
    async function loadOnce(): Promise<void> {
      // Sent before the tab is known: the recent events do not depend on it.
      const recent = client
        .send('queryLog', { limit: POPUP_LIMITS.recent, offset: 0 })
        .then((page) =>
          set({
            recent: { status: 'ready', value: { events: newestFirst(page.events), total: page.total } },
          }),
        )
        .catch((error) => set({ recent: { status: 'failed', reasonKey: failureKey(error) } }));
      const current = await client.currentTab().catch(() => null);
      const tabId = current?.id ?? null;
      set({ tabId });

      let service: string | null = null;
      if (tabId == null) {
        set({ tab: { status: 'ready', value: null } });
      } else {
        try {
          const state = await client.send('getTabState', { tabId });
          // The browser knows the tab's address even before the background saw a navigation.
          const value = {
            ...state,
            url: state.url ?? current?.url ?? null,
            events: newestFirst(state.events),
          };
          set({ tab: { status: 'ready', value } });
          service = value.events[0]?.service ?? null;
        } catch (error) {
          set({ tab: { status: 'failed', reasonKey: failureKey(error) } });
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
