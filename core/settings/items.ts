/**
 * Settings as @wxt-dev/storage items in storage.local, one item per setting ("local:settings.<name>").
 * One item per setting because popup and options may write settings directly and at the same
 * time: @wxt-dev/storage does not serialise writes across contexts, so a single settings object
 * written read-modify-write from two pages would lose one of the changes.
 *
 * Every read is validated with the setting's schema: a failed migration is only logged by the
 * library and the old shape comes back, a value can be corrupted, a newer Detour may have
 * written a version this one does not know. In each case the setting is reset to its default
 * with a console.warn, and the caller gets a valid value.
 */
import { storage, type WxtStorageItem } from '@wxt-dev/storage';
import * as v from 'valibot';
import { DEFAULT_SETTINGS, SETTING_NAMES, SETTING_SCHEMAS, type SettingName, type Settings } from './schema';

/** Version of each setting's stored shape. Raise it and add a migration when a shape changes. */
export const SETTINGS_VERSION = 1;
/** Migrations keyed by the version they produce, per setting. None yet: version 1 is the first. */
export const SETTINGS_MIGRATIONS: Partial<Record<SettingName, Record<number, (old: unknown) => unknown>>> =
  {};

export const settingKey = (name: SettingName) => `local:settings.${name}` as const;

export interface SettingItem<K extends SettingName> {
  name: K;
  version: number;
  item: WxtStorageItem<Settings[K], { v?: number }>;
}

export function defineSettingItem<K extends SettingName>(
  name: K,
  options: { version?: number; migrations?: Record<number, (old: unknown) => unknown> } = {},
): SettingItem<K> {
  const version = options.version ?? SETTINGS_VERSION;
  const item = storage.defineItem<Settings[K], { v?: number }>(settingKey(name), {
    fallback: structuredClone(DEFAULT_SETTINGS[name]) as Settings[K],
    version,
    migrations: options.migrations ?? SETTINGS_MIGRATIONS[name] ?? {},
  });
  return { name, version, item };
}

type Items = { [K in SettingName]: SettingItem<K> };

let items: Items | null = null;
/** The settings items (defined on first use, so tests and pages that never read them pay nothing). */
export function settingItems(): Items {
  if (!items) {
    items = Object.fromEntries(SETTING_NAMES.map((n) => [n, defineSettingItem(n)])) as unknown as Items;
  }
  return items;
}

/** Reads one setting, validated; resets it to the default with a warning when unusable. */
export async function readSetting<K extends SettingName>(setting: SettingItem<K>): Promise<Settings[K]> {
  const fallback = structuredClone(DEFAULT_SETTINGS[setting.name]) as Settings[K];
  let raw: unknown;
  let meta: { v?: number | null } | null;
  try {
    [raw, meta] = await Promise.all([setting.item.getValue(), setting.item.getMeta()]);
  } catch (err) {
    console.warn(`[detour] setting ${setting.name} could not be read (${String(err)}); using the default`);
    return fallback;
  }
  const storedVersion = typeof meta?.v === 'number' ? meta.v : 1;
  let reason: string | null = null;
  if (storedVersion > setting.version) {
    reason = `was written by a newer Detour (version ${storedVersion})`;
  } else {
    const parsed = v.safeParse(SETTING_SCHEMAS[setting.name], raw);
    if (parsed.success) return parsed.output as Settings[K];
    reason = `is invalid (${v.summarize(parsed.issues).slice(0, 200)})`;
  }
  console.warn(`[detour] setting ${setting.name} ${reason}; reset to the default`);
  try {
    await setting.item.removeValue();
    await setting.item.setMeta({ v: setting.version });
  } catch {
    // Reading still works with the default; the next write repairs storage.
  }
  return fallback;
}

export async function readSettings(from: Items = settingItems()): Promise<Settings> {
  const values = await Promise.all(
    SETTING_NAMES.map((n) => readSetting(from[n] as SettingItem<SettingName>)),
  );
  return Object.fromEntries(SETTING_NAMES.map((n, i) => [n, values[i]])) as Settings;
}

/** Validates the patch; writes nothing when any field is invalid. Returns the issue as text. */
export async function writeSettings(
  patch: Partial<Settings>,
  from: Items = settingItems(),
): Promise<{ ok: true } | { ok: false; reason: 'settingsInvalid'; detail: string }> {
  const entries: Array<{ item: WxtStorageItem<unknown, { v?: number }>; value: unknown; version: number }> =
    [];
  for (const [name, value] of Object.entries(patch)) {
    if (!Object.hasOwn(SETTING_SCHEMAS, name)) {
      return { ok: false, reason: 'settingsInvalid', detail: `unknown setting ${name.slice(0, 40)}` };
    }
    const key = name as SettingName;
    const parsed = v.safeParse(SETTING_SCHEMAS[key], value);
    if (!parsed.success)
      return { ok: false, reason: 'settingsInvalid', detail: `${key}: ${v.summarize(parsed.issues)}` };
    entries.push({
      item: from[key].item as WxtStorageItem<unknown, { v?: number }>,
      value: parsed.output,
      version: from[key].version,
    });
  }
  if (entries.length === 0) return { ok: true };
  // One storage write for all values, then their versions (the library leaves a value written
  // this way without one, and would later take it for version 1).
  await storage.setItems(entries.map(({ item, value }) => ({ item, value })));
  await storage.setMetas(entries.map(({ item, version }) => ({ item, meta: { v: version } })));
  return { ok: true };
}

/** Calls back with the whole settings whenever any of them changes; returns the unwatch. */
export function watchSettings(
  onChange: (settings: Settings) => void,
  from: Items = settingItems(),
): () => void {
  const unwatchers = SETTING_NAMES.map((n) =>
    from[n].item.watch(() => void readSettings(from).then(onChange)),
  );
  return () => {
    for (const u of unwatchers) u();
  };
}
