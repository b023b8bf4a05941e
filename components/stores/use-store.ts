/**
 * Read a Zustand vanilla store from a Preact component. Selectors must return values that
 * already live in the state (no new objects), so a render only follows a real change.
 */
import { useSyncExternalStore } from 'preact/compat';
import type { StoreApi } from 'zustand/vanilla';

export function useStore<S, T>(store: StoreApi<S>, select: (state: S) => T): T {
  return useSyncExternalStore(store.subscribe, () => select(store.getState()));
}
