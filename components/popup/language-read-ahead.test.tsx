/**
 * The popup's entry reads the language setting with its first browser calls and hands the raw
 * value to the first render (components/popup/first-reads): that value is applied without waiting
 * for the settings' own reads, and the setting's own read still decides when it differs.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { followLanguageSetting, messages } from '../../core/language/browser-messages';
import { writeSettings } from '../../core/settings/items';
import { serveLocaleFiles, useLocale } from '../testing/locale-messages';

let restoreFetch: () => void;
let unwatch: (() => void) | null = null;

beforeEach(() => {
  fakeBrowser.reset();
  useLocale('en');
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  restoreFetch = serveLocaleFiles();
});
afterEach(async () => {
  unwatch?.();
  unwatch = null;
  restoreFetch();
  await messages.use('browser');
});

describe('language read ahead by the popup', () => {
  it('is applied when the setting agrees, with no second switch', async () => {
    await writeSettings({ uiLanguage: 'zh-TW' });
    const onSwitch = vi.fn();
    unwatch = await followLanguageSetting(onSwitch, Promise.resolve('zh-TW'));
    expect(messages.locale).toBe('zh_TW');
    await new Promise((r) => setTimeout(r, 20));
    expect(onSwitch).not.toHaveBeenCalled();
    expect(messages.locale).toBe('zh_TW');
  });

  it('gives way to the setting’s own read when that differs', async () => {
    await writeSettings({ uiLanguage: 'zh-CN' });
    const onSwitch = vi.fn();
    unwatch = await followLanguageSetting(onSwitch, Promise.resolve('en'));
    expect(messages.locale).toBe('en');
    await vi.waitFor(() => expect(onSwitch).toHaveBeenCalledTimes(1));
    expect(messages.locale).toBe('zh_CN');
  });

  it('follows the browser for a value that is no choice, or for none', async () => {
    const onSwitch = vi.fn();
    unwatch = await followLanguageSetting(onSwitch, Promise.resolve('klingon'));
    expect(messages.locale).toBe('en');
    unwatch();
    unwatch = await followLanguageSetting(onSwitch, Promise.resolve(undefined));
    expect(messages.locale).toBe('en');
  });
});
