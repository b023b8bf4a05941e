/**
 * The popup's first browser calls: which tab it was opened for, the whole of storage.session
 * (where the background keeps the popup's snapshot, core/snapshot) and the language setting the
 * first render waits for. The entry starts all three at once, before the store, the settings and
 * Preact run: asked one after the other (the tab, then the snapshot; the language through the
 * settings items, which read storage.local when defined and again when read), data-ready came
 * 20-28 ms after the popup's module started on a warm open (bench/findings.md).
 *
 * This file uses the browser's own API object, not `wxt/browser`, and imports nothing, so the
 * calls depend on neither the polyfill nor any schema. The answers are validated later, by the
 * store, with the schemas they were written with.
 */

export interface CurrentTab {
  id: number;
  url: string | null;
}

export interface FirstReads {
  /** The tab the popup was opened for; null when the browser names none. Never rejects. */
  tab: Promise<CurrentTab | null>;
  /** Everything in storage.session (a few small keys); empty when unreadable. Never rejects. */
  session: Promise<Record<string, unknown>>;
  /** The language setting's raw stored value (core/settings), unchecked; undefined when unreadable. */
  language: Promise<unknown>;
}

/** storage.local's key of the `uiLanguage` setting (core/settings/items settingKey, without `local:`). */
export const LANGUAGE_SETTING_KEY = 'settings.uiLanguage';

/** The part of `browser.tabs` the popup asks (a promise-returning API: Chromium MV3, Firefox). */
export interface TabsApi {
  get(tabId: number): Promise<{ url?: string }>;
  query(query: { active: boolean; currentWindow: boolean }): Promise<Array<{ id?: number; url?: string }>>;
}

export interface StorageArea {
  get(keys: string[] | null): Promise<Record<string, unknown>>;
}

/** The tab the popup was opened for: `?tabId=` in the page URL wins (tests, demo), else the active tab. */
export async function findCurrentTab(tabs: TabsApi, search: string): Promise<CurrentTab | null> {
  const fromUrl = new URLSearchParams(search).get('tabId');
  if (fromUrl && /^\d+$/.test(fromUrl)) {
    const id = Number(fromUrl);
    const tab = await tabs.get(id).catch(() => null);
    return { id, url: tab?.url ?? null };
  }
  const [tab] = await tabs.query({ active: true, currentWindow: true });
  return tab?.id === undefined ? null : { id: tab.id, url: tab.url ?? null };
}

/**
 * Starts both reads at once. `session` is undefined where the browser has no storage.session.
 * (The areas are not named `storage`: WXT's build adds its storage module to a script that has a
 * name it auto-imports, and the popup's first paint script must stay without it.)
 */
export function startFirstReads(
  tabs: TabsApi,
  areas: { local: StorageArea; session?: StorageArea },
  search: string,
): FirstReads {
  const { local, session } = areas;
  return {
    tab: findCurrentTab(tabs, search).catch(() => null),
    session: session ? session.get(null).catch(() => ({})) : Promise.resolve({}),
    language: local.get([LANGUAGE_SETTING_KEY]).then(
      (stored) => stored[LANGUAGE_SETTING_KEY],
      () => undefined,
    ),
  };
}

interface RawBrowser {
  tabs: TabsApi;
  storage: { local: StorageArea; session?: StorageArea };
}

/**
 * The same two reads through the browser's global API object: Firefox's `browser` (promises),
 * else Chromium's `chrome` (promises in MV3).
 */
export function startFirstReadsRaw(): FirstReads {
  const scope = globalThis as unknown as { browser?: RawBrowser; chrome?: RawBrowser };
  const api = scope.browser?.tabs ? scope.browser : (scope.chrome as RawBrowser);
  return startFirstReads(api.tabs, api.storage, globalThis.location?.search ?? '');
}
