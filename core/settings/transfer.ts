/**
 * Settings backup and restore as a JSON file:
 *   { "format": "detour-settings", "version": 2, "exportedAt": ISO-8601, "settings": { ...every setting } }
 * An import is validated completely before anything is written; a refused file changes nothing
 * and says why as a message key (for the UI's locale files) plus a plain-text detail.
 */
import * as v from 'valibot';
import { readSettings, settingItems, writeSettings } from './items';
import { DEFAULT_SETTINGS, type SettingName, type Settings, SettingsObject } from './schema';

export const SETTINGS_FILE_FORMAT = 'detour-settings';
export const SETTINGS_FILE_VERSION = 2;
/**
 * Settings a file version introduced: an older file lacks them, and they are read as their
 * defaults, so a backup made before a setting existed still restores everything it holds.
 */
export const SETTINGS_ADDED_IN_FILE_VERSION: Readonly<Record<number, readonly SettingName[]>> = {
  2: ['uiLanguage'],
};
/** A settings file is a few hundred bytes; anything near this is not one. */
export const MAX_SETTINGS_FILE_CHARS = 64 * 1024;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type SettingsImportReason =
  | 'settingsImport.tooLarge'
  | 'settingsImport.notJson'
  | 'settingsImport.forbiddenKey'
  | 'settingsImport.wrongFormat'
  | 'settingsImport.newerVersion'
  | 'settingsImport.invalid'
  | 'settingsImport.writeFailed';

export type SettingsImportResult =
  | { ok: true; settings: Settings }
  | { ok: false; reason: SettingsImportReason; detail: string };

export function settingsToFile(
  settings: Settings,
  now: number,
): { filename: string; mime: string; text: string } {
  const file = {
    format: SETTINGS_FILE_FORMAT,
    version: SETTINGS_FILE_VERSION,
    exportedAt: new Date(now).toISOString(),
    settings,
  };
  return {
    filename: `detour-settings-${file.exportedAt.slice(0, 10)}.json`,
    mime: 'application/json',
    text: `${JSON.stringify(file, null, 2)}\n`,
  };
}

export async function exportSettings(
  now = Date.now(),
): Promise<{ filename: string; mime: string; text: string }> {
  return settingsToFile(await readSettings(), now);
}

/** Parses and validates a settings file without writing anything. */
export function parseSettingsFile(text: unknown): SettingsImportResult {
  if (typeof text !== 'string') return refuse('settingsImport.notJson', 'not text');
  if (text.length > MAX_SETTINGS_FILE_CHARS) {
    return refuse(
      'settingsImport.tooLarge',
      `${text.length} characters; a settings file has at most ${MAX_SETTINGS_FILE_CHARS}`,
    );
  }
  let forbidden: string | null = null;
  let data: unknown;
  try {
    // The reviver sees every key, at any depth, before valibot copies anything.
    data = JSON.parse(text.replace(/^\ufeff/, ''), (key, value) => {
      if (FORBIDDEN_KEYS.has(key)) forbidden ??= key;
      return value;
    });
  } catch (err) {
    return refuse('settingsImport.notJson', err instanceof Error ? err.message.slice(0, 200) : 'unreadable');
  }
  if (forbidden) return refuse('settingsImport.forbiddenKey', forbidden);
  if (!isPlainObject(data) || data.format !== SETTINGS_FILE_FORMAT) {
    return refuse('settingsImport.wrongFormat', `expected "format": "${SETTINGS_FILE_FORMAT}"`);
  }
  if (typeof data.version !== 'number' || !Number.isInteger(data.version) || data.version < 1) {
    return refuse('settingsImport.wrongFormat', '"version" must be a positive integer');
  }
  if (data.version > SETTINGS_FILE_VERSION) {
    return refuse(
      'settingsImport.newerVersion',
      `file version ${data.version}, this Detour reads ${SETTINGS_FILE_VERSION}`,
    );
  }
  const parsed = v.safeParse(SettingsObject, upgradeSettings(data.settings, data.version));
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = issue.path?.map((p) => String(p.key)).join('.') || 'settings';
    return refuse('settingsImport.invalid', `${path}: ${issue.message}`.slice(0, 300));
  }
  return { ok: true, settings: parsed.output as Settings };
}

/** Validates, then replaces every setting in one write. A refusal changes nothing. */
export async function importSettings(jsonText: unknown): Promise<SettingsImportResult> {
  const parsed = parseSettingsFile(jsonText);
  if (!parsed.ok) return parsed;
  try {
    const written = await writeSettings(parsed.settings, settingItems());
    if (!written.ok) return refuse('settingsImport.invalid', written.detail);
  } catch (err) {
    return refuse('settingsImport.writeFailed', String(err).slice(0, 200));
  }
  return parsed;
}

/** A file's settings with the settings later versions added filled in with their defaults. */
function upgradeSettings(settings: unknown, fromVersion: number): unknown {
  if (!isPlainObject(settings)) return settings;
  const upgraded: Record<string, unknown> = { ...settings };
  for (let version = fromVersion + 1; version <= SETTINGS_FILE_VERSION; version++) {
    for (const name of SETTINGS_ADDED_IN_FILE_VERSION[version] ?? []) {
      if (!Object.hasOwn(upgraded, name)) upgraded[name] = structuredClone(DEFAULT_SETTINGS[name]);
    }
  }
  return upgraded;
}

function refuse(reason: SettingsImportReason, detail: string): SettingsImportResult {
  return { ok: false, reason, detail };
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}
