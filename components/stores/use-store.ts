/**
 * Read a Zustand vanilla store from a Preact component (a useSyncExternalStore on
 * preact/hooks: preact/compat would also rewrite every onChange into onInput app-wide).
 * Selectors must return values that already live in the state (no new objects), so a render
 * only follows a real change.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { StoreApi } from 'zustand/vanilla';

export function useStore<S, T>(store: StoreApi<S>, select: (state: S) => T): T {
  const [, force] = useState(0);
  const value = select(store.getState());
  const latest = useRef({ select, value });
  latest.current = { select, value };
  useLayoutEffect(() => {
    const check = (state: S) => {
      if (!Object.is(latest.current.select(state), latest.current.value)) force((n) => n + 1);
    };
    // A change between render and subscribe must not be missed.
    check(store.getState());
    return store.subscribe(check);
  }, [store]);
  return value;
}
