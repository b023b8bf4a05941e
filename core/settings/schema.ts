/**
 * Settings: one schema per setting, their defaults, and the whole as one object for export.
 * Framework-free; storage lives in ./items.ts.
 */
import * as v from 'valibot';
import { UiLanguage } from '../language/choice';

const RegionCode = v.pipe(v.string(), v.regex(/^[A-Z]{2}$/));

/**
 * `auto`: from evidence (core/regions regionFromEvidence). `notIn`: the regions the user said,
 * with "Somewhere else" in the popup's chooser, they are not in: the chooser no longer asks about
 * them and the suggestions leave them out. `chosen`: one region, chosen by the user.
 */
export const Region = v.variant('mode', [
  v.strictObject({
    mode: v.literal('auto'),
    notIn: v.optional(v.pipe(v.array(RegionCode), v.maxLength(20))),
  }),
  v.strictObject({ mode: v.literal('chosen'), country: RegionCode }),
]);
export type Region = v.InferOutput<typeof Region>;

const Slug = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,39}$/));

/**
 * No longer read: data now comes only as a signed bundle from the update addresses built into
 * Detour (core/data-updates). Kept, https only, so settings files exported by earlier versions
 * still import.
 */
export const CatalogUpdateUrl = v.nullable(
  v.pipe(
    v.string(),
    v.maxLength(2048),
    v.url(),
    v.check((s) => s.startsWith('https://'), 'must start with https://'),
  ),
);

export const SETTING_SCHEMAS = {
  region: Region,
  /** Service slug → watched. A service missing from the map is watched. */
  watchedServices: v.pipe(
    v.record(Slug, v.boolean()),
    v.check((r) => Object.keys(r).length <= 100, 'at most 100 services'),
  ),
  /** On by default; at most one notification per service per day (core/background/notify-gate). */
  notifications: v.boolean(),
  badge: v.boolean(),
  retentionDays: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(3650)),
  /** The log's byte budget (core/log) still applies, so a large cap cannot fill the quota. */
  logCap: v.pipe(v.number(), v.integer(), v.minValue(100), v.maxValue(10_000)),
  /** Check the exit country when a watched web app opens. Off by default: it makes a request. */
  exitCheckOnOpen: v.boolean(),
  /** The popup's one-time offer of exitCheckOnOpen has been answered. */
  exitCheckOffered: v.boolean(),
  catalogUpdateUrl: CatalogUpdateUrl,
  /** The language of popup, options, notifications and badge titles; 'browser' follows the browser's. */
  uiLanguage: UiLanguage,
} as const;

export type SettingName = keyof typeof SETTING_SCHEMAS;
export type Settings = { [K in SettingName]: v.InferOutput<(typeof SETTING_SCHEMAS)[K]> };

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze<Settings>({
  region: { mode: 'auto' },
  watchedServices: {},
  notifications: true,
  badge: true,
  retentionDays: 90,
  logCap: 5000,
  exitCheckOnOpen: false,
  exitCheckOffered: false,
  catalogUpdateUrl: null,
  uiLanguage: 'browser',
});

export const SETTING_NAMES = Object.keys(SETTING_SCHEMAS) as SettingName[];

/** The whole settings object as exported and imported: every field present, nothing else. */
export const SettingsObject = v.strictObject(SETTING_SCHEMAS);

export function isServiceWatched(settings: Pick<Settings, 'watchedServices'>, service: string): boolean {
  return Object.hasOwn(settings.watchedServices, service)
    ? settings.watchedServices[service] !== false
    : true;
}
