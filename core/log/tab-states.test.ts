import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browserArea, type KeyValueArea } from '../storage/key-value-area';
import type { LogEvent } from './event';
import { MAX_EVENTS_PER_TAB, TabStates } from './tab-states';

const ev = (id: string, count = 1): LogEvent => ({
  id,
  service: 'anthropic',
  product: 'claude-web',
  kind: 'navigation',
  ruleId: 'anthropic.unavailable-in-region',
  url: 'https://claude.ai/app-unavailable-in-region',
  evidence: 'app-unavailable-in-region',
  firstSeen: 1,
  lastSeen: 1,
  count,
});

beforeEach(() => fakeBrowser.reset());

describe('TabStates', () => {
  it('records events per tab in storage.session, newest first, replacing a deduped row', async () => {
    const tabs = new TabStates(browserArea('session'));
    await tabs.record(7, ev('a'), 'https://claude.ai/new?x=1');
    await tabs.record(7, ev('b'));
    const state = await tabs.record(7, ev('a', 2));
    expect(state.url).toBe('https://claude.ai/new');
    expect(state.events.map((e) => [e.id, e.count])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
    // Survives a worker restart: a new instance reads the same session storage.
    expect((await new TabStates(browserArea('session')).get(7)).events).toHaveLength(2);
    expect((await tabs.get(8)).events).toEqual([]);
  });

  it('clears a tab on navigation and on close, and bounds each tab', async () => {
    const tabs = new TabStates(browserArea('session'));
    for (let i = 0; i < 30; i++) await tabs.record(1, ev(`e${i}`));
    expect((await tabs.get(1)).events).toHaveLength(MAX_EVENTS_PER_TAB);
    const nav = await tabs.navigate(1, 'https://chatgpt.com/?q=secret');
    expect(nav).toEqual({ tabId: 1, url: 'https://chatgpt.com/', events: [] });
    await tabs.record(1, ev('z'));
    await tabs.remove(1);
    expect((await tabs.get(1)).events).toEqual([]);
  });

  it('learns the URL from an event when the last navigation hid it', async () => {
    const tabs = new TabStates(browserArea('session'));
    // Firefox: a new tab's about:blank is reported (URL hidden) after the service page loaded.
    await tabs.navigate(4, null);
    const state = await tabs.record(4, ev('a'), 'https://chatgpt.com/?q=secret');
    expect(state.url).toBe('https://chatgpt.com/');
    // A known URL is not overwritten by a late report from another page.
    const later = await tabs.record(4, ev('b'), 'https://claude.ai/new');
    expect(later.url).toBe('https://chatgpt.com/');
    await tabs.navigate(5, null);
    expect((await tabs.pageFailed(5, 'net::ERR_CONNECTION_RESET', 'https://grok.com/')).url).toBe(
      'https://grok.com/',
    );
  });

  it('treats a corrupted record as empty', async () => {
    await fakeBrowser.storage.session.set({ 'tab.3': { events: 'x' } });
    expect((await new TabStates(browserArea('session')).get(3)).events).toEqual([]);
  });

  describe('what it keeps in memory', () => {
    /** storage.session, counting the reads that reach it; `failWrites` makes its writes reject. */
    function countedSession() {
      const area = browserArea('session');
      const counted = { reads: 0, failWrites: false };
      const wrapped: KeyValueArea = {
        ...area,
        get: (keys) => {
          counted.reads++;
          return area.get(keys);
        },
        set: (items) => (counted.failWrites ? Promise.reject(new Error('quota')) : area.set(items)),
      };
      return { area: wrapped, counted };
    }

    it('answers from what it last wrote, without reading storage, and storage holds the same', async () => {
      const { area, counted } = countedSession();
      const tabs = new TabStates(area);
      await tabs.navigate(2, 'https://chatgpt.com/');
      const document = await tabs.documentOf(2);
      await tabs.record(2, ev('a'));
      expect((await tabs.get(2)).events.map((e) => e.id)).toEqual(['a']);
      expect(counted.reads).toBe(0);
      // A new worker has nothing in memory: it reads storage once, then answers from memory.
      const next = new TabStates(area);
      expect(await next.documentOf(2)).toBe(document);
      expect((await next.get(2)).events.map((e) => e.id)).toEqual(['a']);
      expect(counted.reads).toBe(1);
    });

    it('gives the new document to a question asked while the navigation was still being written', async () => {
      const tabs = new TabStates(browserArea('session'));
      await tabs.navigate(2, 'https://chatgpt.com/');
      const before = await tabs.documentOf(2);
      const navigated = tabs.navigate(2, 'https://chatgpt.com/');
      const asked = tabs.documentOf(2);
      await navigated;
      const after = await asked;
      expect(after).not.toBe(before);
      expect(await new TabStates(browserArea('session')).documentOf(2)).toBe(after);
    });

    it('reads storage again after a write that failed, and keeps nothing of a closed tab', async () => {
      const { area, counted } = countedSession();
      const tabs = new TabStates(area);
      await tabs.record(5, ev('a'));
      counted.failWrites = true;
      await expect(tabs.record(5, ev('b'))).rejects.toThrow('quota');
      counted.failWrites = false;
      const reads = counted.reads;
      expect((await tabs.get(5)).events.map((e) => e.id)).toEqual(['a']);
      expect(counted.reads).toBe(reads + 1);
      await tabs.remove(5);
      expect((await tabs.get(5)).events).toEqual([]);
      expect(counted.reads).toBe(reads + 2);
    });

    it('hands out copies: changing an answer changes nothing kept', async () => {
      const tabs = new TabStates(browserArea('session'));
      const state = await tabs.record(6, ev('a'));
      state.events.push(ev('x'));
      (await tabs.get(6)).events.pop();
      expect((await tabs.get(6)).events.map((e) => e.id)).toEqual(['a']);
    });
  });
});
