// @vitest-environment happy-dom
/**
 * The language choice on the options page, rendered the way the page is (renderLocalized) over
 * fakeBrowser storage, with the build's messages.json files served from locales/*.yml: choosing a
 * language rewrites the page in place, keeps focus on the choice, and survives a reload.
 */
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { message } from '../../core/background/browser-adapters';
import { messages } from '../../core/language/browser-messages';
import { readSettings, writeSettings } from '../../core/settings/items';
import { createCatalogView } from '../catalog-live';
import { createExtensionClient } from '../extension-client';
import { renderLocalized } from '../localized-page';
import { ClientContext } from '../shared/client-context';
import { createLogStore } from '../stores/log-store';
import { createSettingsStore, liveSettingsBackend } from '../stores/settings-store';
import { serveLocaleFiles, useLocale } from '../testing/locale-messages';
import { startTestBackground } from '../testing/test-background';
import { Options } from './Options';

const NOW = Date.UTC(2026, 10, 25, 9, 0, 0);
let background: ReturnType<typeof startTestBackground>;
let restoreFetch: () => void;
let root: HTMLElement;

function renderPage() {
  const client = createExtensionClient();
  const settings = createSettingsStore(liveSettingsBackend());
  const log = createLogStore(client, () => NOW);
  const catalog = createCatalogView(() => NOW);
  renderLocalized(
    root,
    () => (
      <ClientContext.Provider value={client}>
        <Options settings={settings} log={log} catalog={catalog} classify={null} />
      </ClientContext.Provider>
    ),
    () => 'title',
  );
}

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  restoreFetch = serveLocaleFiles();
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(async () => {
  cleanup();
  root.remove();
  background.stop();
  restoreFetch();
  // The message source is one per page: back to the browser's for the next test.
  await messages.use('browser');
});

describe('options: language', () => {
  it('switches the page to the chosen language at once, keeping focus on the choice', async () => {
    useLocale('en');
    background = startTestBackground({ now: () => NOW });
    renderPage();
    const select = (await screen.findByRole('combobox', { name: 'Language of Detour' })) as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual([
      'Same as the browser (English)',
      'English',
      '简体中文',
      '繁體中文',
    ]);
    select.focus();
    fireEvent.change(select, { target: { value: 'zh-TW' } });
    expect(await screen.findByRole('heading', { level: 1, name: 'Detour 設定' })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: '平台資料庫' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('zh-TW');
    expect(document.activeElement).toBe(select);
    expect((await readSettings()).uiLanguage).toBe('zh-TW');
    // The background's badge and notification text follow the same choice.
    expect(message('background.notificationBody')).toBe(
      'Detour 已記錄此事。開啟 Detour 查看可以改用的平台。',
    );

    fireEvent.change(select, { target: { value: 'browser' } });
    expect(await screen.findByRole('heading', { level: 1, name: 'Detour settings' })).toBeTruthy();
    expect(document.documentElement.lang).toBe('en');
  });

  it('follows a Hong Kong browser to Traditional Chinese, and keeps a choice across a reload', async () => {
    useLocale('en');
    // Chrome in zh-HK has no zh_HK folder and falls back to the default locale: English.
    (fakeBrowser.i18n as unknown as { getUILanguage: () => string }).getUILanguage = () => 'zh-HK';
    background = startTestBackground({ now: () => NOW });
    renderPage();
    expect(await screen.findByRole('heading', { level: 1, name: 'Detour 設定' })).toBeTruthy();
    const select = (await screen.findByRole('combobox', { name: 'Detour 顯示語言' })) as HTMLSelectElement;
    expect(select.options[0]?.textContent).toBe('跟隨瀏覽器（繁體中文）');

    fireEvent.change(select, { target: { value: 'zh-CN' } });
    expect(await screen.findByRole('heading', { level: 1, name: 'Detour 设置' })).toBeTruthy();
    await waitFor(async () => expect((await readSettings()).uiLanguage).toBe('zh-CN'));
    // A reload: a new page, a fresh message source that has not read the setting yet.
    render(null, root);
    await messages.use('browser');
    expect(screen.queryByRole('heading', { level: 1 })).toBeNull();
    renderPage();
    await waitFor(() =>
      expect(screen.getAllByRole('heading', { level: 1, name: 'Detour 设置' })).toHaveLength(1),
    );
  });

  it('a stored value that is not a language leaves the browser’s', async () => {
    useLocale('zh_CN');
    await fakeBrowser.storage.local.set({ 'settings.uiLanguage': 'de' });
    background = startTestBackground({ now: () => NOW });
    renderPage();
    expect(await screen.findByRole('heading', { level: 1, name: 'Detour 设置' })).toBeTruthy();
    expect(await writeSettings({ uiLanguage: 'de' as never })).toMatchObject({ ok: false });
  });
});
