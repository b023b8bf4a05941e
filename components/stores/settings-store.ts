/**
 * The settings popup and options show and change. Fed by core/settings' storage items
 * (read once, then kept current through their watch events, so a change made in the options
 * shows in an open popup and the reverse); written back item by item.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { readSettings, watchSettings, writeSettings } from '../../core/settings/items';
import type { Settings } from '../../core/settings/schema';

/** The settings as core/settings defines them (one storage item each). */
export type UiSettings = Settings;

/** How the store reaches storage; the live one wraps core/settings/items (liveSettingsBackend below). */
export interface SettingsBackend {
  read(): Promise<UiSettings>;
  write(patch: Partial<UiSettings>): Promise<void>;
  /** Calls back with the whole settings after any change from anywhere; returns the unwatch. */
  watch(onChange: (settings: UiSettings) => void): () => void;
}

export interface SettingsState {
  status: 'loading' | 'ready' | 'failed';
  values: UiSettings | null;
  /** A write that failed, as a message key, until the next successful write. */
  writeError: string | null;
  load(): Promise<void>;
  update(patch: Partial<UiSettings>): Promise<boolean>;
  dispose(): void;
}

export function createSettingsStore(backend: SettingsBackend): StoreApi<SettingsState> {
  let unwatch: (() => void) | null = null;
  return createStore<SettingsState>()((set, get) => ({
    status: 'loading',
    values: null,
    writeError: null,
    async load() {
      unwatch?.();
      unwatch = backend.watch((values) => set({ values, status: 'ready' }));
      try {
        set({ values: await backend.read(), status: 'ready' });
      } catch {
        set({ status: 'failed' });
      }
    },
    async update(patch) {
      const before = get().values;
      if (!before) return false;
      // Show the change at once; storage's own change event confirms it.
      set({ values: { ...before, ...patch } });
      try {
        await backend.write(patch);
        set({ writeError: null });
        return true;
      } catch {
        set({ values: before, writeError: 'settings.writeFailed' });
        return false;
      }
    },
    dispose() {
      unwatch?.();
      unwatch = null;
    },
  }));
}

/** The backend on core/settings' storage items: validated reads, validated all-or-nothing writes. */
export function liveSettingsBackend(): SettingsBackend {
  return {
    read: () => readSettings(),
    async write(patch) {
      const result = await writeSettings(patch);
      if (!result.ok) throw new Error(result.detail);
    },
    watch: (onChange) => watchSettings(onChange),
  };
}
