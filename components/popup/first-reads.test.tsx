import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { findCurrentTab, type SessionArea, startFirstReads, type TabsApi } from './first-reads';

describe('popup first reads', () => {
  beforeEach(() => fakeBrowser.reset());

  it('asks storage.session while the tab is still unknown, not after', async () => {
    let answerTab: (tabs: Array<{ id?: number; url?: string }>) => void = () => {};
    const tabs: TabsApi = {
      get: async () => ({}),
      query: () =>
        new Promise((resolve) => {
          answerTab = resolve;
        }),
    };
    const asked: Array<string[] | null> = [];
    const session: SessionArea = {
      get: async (keys) => {
        asked.push(keys);
        return { 'popup.recent': { events: [], total: 0, writtenAt: 1 } };
      },
    };
    const first = startFirstReads(tabs, session, '');
    expect(asked).toEqual([null]);
    expect(await first.session).toEqual({ 'popup.recent': { events: [], total: 0, writtenAt: 1 } });
    answerTab([{ id: 7, url: 'https://chatgpt.com/' }]);
    expect(await first.tab).toEqual({ id: 7, url: 'https://chatgpt.com/' });
  });

  it('reads every key of the real storage.session area at once', async () => {
    await fakeBrowser.storage.session.set({ 'popup.recent': { total: 3 }, 'tab.4': { events: [] } });
    const first = startFirstReads(
      fakeBrowser.tabs as unknown as TabsApi,
      fakeBrowser.storage.session as unknown as SessionArea,
      '',
    );
    expect(await first.session).toEqual({ 'popup.recent': { total: 3 }, 'tab.4': { events: [] } });
  });

  it('never rejects: a failed call is no tab and an empty area; no storage.session is empty too', async () => {
    const failing: TabsApi = {
      get: () => Promise.reject(new Error('no tab')),
      query: () => Promise.reject(new Error('no window')),
    };
    const first = startFirstReads(failing, { get: () => Promise.reject(new Error('closed')) }, '');
    expect(await first.tab).toBeNull();
    expect(await first.session).toEqual({});
    expect(await startFirstReads(failing, undefined, '').session).toEqual({});
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
