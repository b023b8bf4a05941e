import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defineSettingItem, readSetting, readSettings, settingItems, writeSettings } from './items';
import { DEFAULT_SETTINGS, isServiceWatched, type Settings } from './schema';
import { exportSettings, importSettings, parseSettingsFile, SETTINGS_FILE_VERSION } from './transfer';

async function local(): Promise<Record<string, unknown>> {
  return fakeBrowser.storage.local.get(null) as Promise<Record<string, unknown>>;
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation(() => {});
});

describe('settings items', () => {
  it('read the defaults when nothing is stored', async () => {
    expect(await readSettings()).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.notifications).toBe(true);
    expect(DEFAULT_SETTINGS.exitCheckOnOpen).toBe(false);
    expect(DEFAULT_SETTINGS.catalogUpdateUrl).toBeNull();
    expect(DEFAULT_SETTINGS.uiLanguage).toBe('browser');
  });

  it('keep only a language Detour speaks', async () => {
    expect(await writeSettings({ uiLanguage: 'zh-TW' })).toEqual({ ok: true });
    expect(await writeSettings({ uiLanguage: 'zh-HK' as never })).toMatchObject({ ok: false });
    expect((await readSettings()).uiLanguage).toBe('zh-TW');
    await fakeBrowser.storage.local.set({ 'settings.uiLanguage': 'klingon' });
    expect((await readSettings()).uiLanguage).toBe('browser');
  });

  it('write validated values and refuse invalid ones without writing anything', async () => {
    expect(await writeSettings({ logCap: 2000, badge: false })).toEqual({ ok: true });
    const bad = await writeSettings({ notifications: false, logCap: 5 });
    expect(bad).toMatchObject({ ok: false, reason: 'settingsInvalid' });
    const s = await readSettings();
    expect(s.logCap).toBe(2000);
    expect(s.badge).toBe(false);
    expect(s.notifications).toBe(true);
    expect(await writeSettings({ catalogUpdateUrl: 'http://insecure.example/c.json' })).toMatchObject({
      ok: false,
    });
  });

  it('reset a corrupted value to its default with a warning, never throw', async () => {
    await fakeBrowser.storage.local.set({ 'settings.logCap': 'lots', 'settings.region': { mode: 'chosen' } });
    const s = await readSettings();
    expect(s.logCap).toBe(5000);
    expect(s.region).toEqual({ mode: 'auto' });
    expect(console.warn).toHaveBeenCalledWith(expect.stringMatching(/logCap is invalid/));
    expect((await local())['settings.logCap']).toBeUndefined();
  });

  it('reset a value written by an unknown newer version', async () => {
    await fakeBrowser.storage.local.set({ 'settings.badge': false, 'settings.badge$': { v: 7 } });
    const item = defineSettingItem('badge');
    expect(await readSetting(item)).toBe(true);
    expect(console.warn).toHaveBeenCalledWith(expect.stringMatching(/newer Detour \(version 7\)/));
    expect((await local())['settings.badge$']).toEqual({ v: 1 });
  });

  it('migrate an older stored shape through the storage item migrations', async () => {
    // Version 1 of a hypothetical shape stored the region as a bare string.
    await fakeBrowser.storage.local.set({ 'settings.region': 'HK', 'settings.region$': { v: 1 } });
    const item = defineSettingItem('region', {
      version: 2,
      migrations: { 2: (old) => (old === 'auto' ? { mode: 'auto' } : { mode: 'chosen', country: old }) },
    });
    expect(await readSetting(item)).toEqual({ mode: 'chosen', country: 'HK' });
    expect((await local())['settings.region$']).toEqual({ v: 2 });
  });

  it('a migration that produces an invalid value ends in the default, not a crash', async () => {
    await fakeBrowser.storage.local.set({ 'settings.region': 'HK', 'settings.region$': { v: 1 } });
    const item = defineSettingItem('region', { version: 2, migrations: { 2: () => 42 } });
    expect(await readSetting(item)).toEqual({ mode: 'auto' });
  });

  it('watched services default to on', () => {
    expect(isServiceWatched({ watchedServices: {} }, 'openai')).toBe(true);
    expect(isServiceWatched({ watchedServices: { openai: false } }, 'openai')).toBe(false);
    expect(isServiceWatched({ watchedServices: {} }, 'constructor')).toBe(true);
  });
});

describe('settings export and import', () => {
  const NOW = Date.UTC(2026, 10, 3);

  it('round-trips every setting', async () => {
    await writeSettings({
      region: { mode: 'chosen', country: 'CN' },
      watchedServices: { meta: false },
      logCap: 300,
    });
    const file = await exportSettings(NOW);
    expect(file.filename).toBe('detour-settings-2026-11-03.json');
    const before = await readSettings();
    fakeBrowser.reset();
    expect(await readSettings()).toEqual(DEFAULT_SETTINGS);
    const result = await importSettings(file.text);
    expect(result.ok).toBe(true);
    expect(await readSettings()).toEqual(before);
  });

  const valid = (settings: Partial<Settings> & Record<string, unknown> = {}) =>
    JSON.stringify({
      format: 'detour-settings',
      version: SETTINGS_FILE_VERSION,
      exportedAt: 'x',
      settings: { ...DEFAULT_SETTINGS, ...settings },
    });

  it.each([
    ['empty', '', 'settingsImport.notJson'],
    ['truncated JSON', valid().slice(0, 40), 'settingsImport.notJson'],
    ['binary', '\u0000\u0001\u00ff\ufffd', 'settingsImport.notJson'],
    ['huge', `{"x":"${'a'.repeat(70_000)}"}`, 'settingsImport.tooLarge'],
    ['an array', '[1,2]', 'settingsImport.wrongFormat'],
    ['null', 'null', 'settingsImport.wrongFormat'],
    ['the log export', '{"format":"detour-log","version":1,"events":[]}', 'settingsImport.wrongFormat'],
    ['no version', '{"format":"detour-settings","settings":{}}', 'settingsImport.wrongFormat'],
    [
      'string version',
      '{"format":"detour-settings","version":"1","settings":{}}',
      'settingsImport.wrongFormat',
    ],
    [
      'a newer version',
      valid().replace(`"version":${SETTINGS_FILE_VERSION}`, `"version":${SETTINGS_FILE_VERSION + 1}`),
      'settingsImport.newerVersion',
    ],
    [
      '__proto__ at the top',
      `{"__proto__":{"polluted":true},${valid().slice(1)}`,
      'settingsImport.forbiddenKey',
    ],
    [
      '__proto__ deep',
      valid({ watchedServices: JSON.parse('{"__proto__":{"x":true}}') }),
      'settingsImport.forbiddenKey',
    ],
    [
      'constructor key',
      valid().replace('"badge"', '"constructor":{"prototype":{}},"badge"'),
      'settingsImport.forbiddenKey',
    ],
    [
      'missing field',
      JSON.stringify({ format: 'detour-settings', version: 1, settings: { badge: true } }),
      'settingsImport.invalid',
    ],
    ['unknown field', valid({ extra: 1 }), 'settingsImport.invalid'],
    ['wrong type', valid({ badge: 'yes' as never }), 'settingsImport.invalid'],
    ['cap too large', valid({ logCap: 1e9 }), 'settingsImport.invalid'],
    ['negative retention', valid({ retentionDays: -1 }), 'settingsImport.invalid'],
    ['bad country', valid({ region: { mode: 'chosen', country: 'china' } }), 'settingsImport.invalid'],
    ['javascript: url', valid({ catalogUpdateUrl: 'javascript:alert(1)' }), 'settingsImport.invalid'],
    ['unknown language', valid({ uiLanguage: 'fr' as never }), 'settingsImport.invalid'],
    ['bad service slug', valid({ watchedServices: { '<img src=x>': true } }), 'settingsImport.invalid'],
  ])('refuses %s and changes nothing', async (_name, text, reason) => {
    await writeSettings({ logCap: 1234 });
    const before = await local();
    const result = await importSettings(text);
    expect(result).toMatchObject({ ok: false, reason });
    if (!result.ok) expect(result.detail.length).toBeGreaterThan(0);
    expect(await local()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reads a version 1 file, made before the language choice existed, as following the browser', async () => {
    const { uiLanguage: _, ...before } = { ...DEFAULT_SETTINGS, logCap: 700 };
    const text = JSON.stringify({ format: 'detour-settings', version: 1, exportedAt: 'x', settings: before });
    await writeSettings({ uiLanguage: 'zh-TW' });
    expect(await importSettings(text)).toMatchObject({ ok: true });
    const s = await readSettings();
    expect(s.uiLanguage).toBe('browser');
    expect(s.logCap).toBe(700);
  });

  it('a version 2 file must carry the language choice', () => {
    const { uiLanguage: _, ...without } = DEFAULT_SETTINGS;
    const text = JSON.stringify({
      format: 'detour-settings',
      version: 2,
      exportedAt: 'x',
      settings: without,
    });
    expect(parseSettingsFile(text)).toMatchObject({ ok: false, reason: 'settingsImport.invalid' });
  });

  it('accepts a file with a BOM', () => {
    expect(parseSettingsFile(`\ufeff${valid()}`).ok).toBe(true);
  });

  it('settingItems are stable', () => {
    expect(settingItems()).toBe(settingItems());
  });
});
