import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { settingKey } from '../../core/settings/items';
import {
  findCurrentTab,
  LANGUAGE_SETTING_KEY,
  type StorageArea,
  startFirstReads,
  type TabsApi,
} from './first-reads';

const fakeStorage = () => fakeBrowser.storage as unknown as { local: StorageArea; session: StorageArea };

describe('popup first reads', () => {
  beforeEach(() => fakeBrowser.reset());

  it('asks storage while the tab is still unknown, not after', async () => {
    let answerTab: (tabs: Array<{ id?: number; url?: string }>) => void = () => {};
    const tabs: TabsApi = {
      get: async () => ({}),
      query: () =>
        new Promise((resolve) => {
          answerTab = resolve;
        }),
    };
    const asked: Array<string[] | null> = [];
    const area = (answer: Record<string, unknown>): StorageArea => ({
      get: async (keys) => {
        asked.push(keys);
        return answer;
      },
    });
    const first = startFirstReads(
      tabs,
      {
        local: area({ [LANGUAGE_SETTING_KEY]: 'zh-TW' }),
        session: area({ 'popup.recent': { events: [], total: 0, writtenAt: 1 } }),
      },
      '',
    );
    expect(asked).toEqual([null, [LANGUAGE_SETTING_KEY]]);
    expect(await first.session).toEqual({ 'popup.recent': { events: [], total: 0, writtenAt: 1 } });
    expect(await first.language).toBe('zh-TW');
    answerTab([{ id: 7, url: 'https://chatgpt.com/' }]);
    expect(await first.tab).toEqual({ id: 7, url: 'https://chatgpt.com/' });
  });

  it('reads every key of storage.session and the language setting where the settings keep it', async () => {
    await fakeBrowser.storage.session.set({ 'popup.recent': { total: 3 }, 'tab.4': { events: [] } });
    await fakeBrowser.storage.local.set({ [settingKey('uiLanguage').replace(/^local:/, '')]: 'zh-CN' });
    const first = startFirstReads(fakeBrowser.tabs as unknown as TabsApi, fakeStorage(), '');
    expect(await first.session).toEqual({ 'popup.recent': { total: 3 }, 'tab.4': { events: [] } });
    expect(await first.language).toBe('zh-CN');
  });

  it('never rejects: a failed call is no tab, an empty area and no language; no storage.session is empty too', async () => {
    const failing: TabsApi = {
      get: () => Promise.reject(new Error('no tab')),
      query: () => Promise.reject(new Error('no window')),
    };
    const broken: StorageArea = { get: () => Promise.reject(new Error('closed')) };
    const first = startFirstReads(failing, { local: broken, session: broken }, '');
    expect(await first.tab).toBeNull();
    expect(await first.session).toEqual({});
    expect(await first.language).toBeUndefined();
    expect(await startFirstReads(failing, { local: broken }, '').session).toEqual({});
  });

  it('takes the tab from ?tabId= when the page names one, else the active tab', async () => {
    const window = await fakeBrowser.windows.create({ focused: true });
    const tab = await fakeBrowser.tabs.create({
      url: 'https://claude.ai/',
      active: true,
      windowId: window?.id,
    });
    const tabs = fakeBrowser.tabs as unknown as TabsApi;
    expect(await findCurrentTab(tabs, `?tabId=${tab.id}`)).toEqual({ id: tab.id, url: 'https://claude.ai/' });
    expect(await findCurrentTab(tabs, '?tabId=999')).toEqual({ id: 999, url: null });
    expect(await findCurrentTab(tabs, '?tabId=abc')).toEqual({ id: tab.id, url: 'https://claude.ai/' });
  });
});
