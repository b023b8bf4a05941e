/**
 * The few storage operations the log needs, so the store can be tested against fakeBrowser and
 * against areas that fail on purpose (quota, a worker dying between two writes).
 * `browserArea` is the only adapter that touches the browser.
 */
import { browser } from 'wxt/browser';

export interface KeyValueArea {
  /** Read by key, never everything: `get(null)` on a big store stalls the browser. */
  get(keys: string[]): Promise<Record<string, unknown>>;
  /** One browser write for all the given keys. */
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
  /** All key names; used only when a corrupted index must be rebuilt. */
  keys(): Promise<string[]>;
}

export function browserArea(name: 'local' | 'session'): KeyValueArea {
  const area = () => {
    const found = browser.storage[name];
    if (!found) throw new Error(`storage.${name} is not available`);
    return found;
  };
  return {
    async get(keys) {
      if (keys.length === 0) return {};
      return (await area().get(keys)) as Record<string, unknown>;
    },
    async set(items) {
      await area().set(items);
    },
    async remove(keys) {
      if (keys.length > 0) await area().remove(keys);
    },
    async keys() {
      const a = area() as { getKeys?: () => Promise<string[]> };
      // getKeys exists from Chrome 130 / Firefox 143; older browsers fall back to reading all.
      if (typeof a.getKeys === 'function') {
        try {
          return await a.getKeys();
        } catch {
          // fall through: not implemented here
        }
      }
      return Object.keys(await area().get(null));
    },
  };
}
