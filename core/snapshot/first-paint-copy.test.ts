import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { LogPage } from '../log/log-queries';
import { browserArea, type KeyValueArea } from '../storage/key-value-area';
import { FirstPaintCopy } from './first-paint-copy';
import { FIRST_PAINT_TEXT_KEY } from './first-paint-text';
import { writeFirstPaintText } from './first-paint-text-writer';
import { FIRST_PAINT_COPY_KEY, RECENT_SNAPSHOT_KEY } from './popup-snapshot-keys';
import { RecentSnapshotWriter } from './recent-writer';

/** storage.local through fakeBrowser, counting the writes that reach it. */
function countingLocal(): KeyValueArea & { writes: number } {
  const area = browserArea('local');
  const counted = {
    ...area,
    writes: 0,
    async set(items: Record<string, unknown>) {
      counted.writes += 1;
      await area.set(items);
    },
  };
  return counted;
}

const event = (id: string, count = 1) => ({
  id,
  service: 'openai',
  product: 'chatgpt',
  kind: 'page' as const,
  ruleId: 'openai-unsupported-country',
  url: 'https://chatgpt.com/',
  evidence: 'Unable to load site',
  firstSeen: 1,
  lastSeen: 1 + count,
  count,
});

const messagesIn = (tag: 'en' | 'zh-CN', title: string) => ({
  get: (name: string) => (name === 'popup_title' ? title : ''),
  tag,
  followed: 'en' as const,
});

const storedCopy = async () =>
  (await fakeBrowser.storage.local.get(FIRST_PAINT_COPY_KEY))[FIRST_PAINT_COPY_KEY] as {
    recent?: { events: unknown[]; total: number; writtenAt: number };
    text?: { locale: string; messages: Record<string, string> };
  };

describe('first paint copy in storage.local', () => {
  let page: LogPage;
  let clock: number;
  beforeEach(() => {
    fakeBrowser.reset();
    page = { events: [event('a')], total: 1 };
    clock = 1000;
  });

  const writerWith = (local: KeyValueArea) => {
    const copy = new FirstPaintCopy(local);
    const writer = new RecentSnapshotWriter(
      browserArea('session'),
      async () => page,
      () => clock++,
      copy,
    );
    return { copy, writer };
  };

  it('is written with popup.recent, the same value, and again when the recent list changes', async () => {
    const local = countingLocal();
    const { writer } = writerWith(local);
    await writer.refresh();
    const session = await fakeBrowser.storage.session.get(RECENT_SNAPSHOT_KEY);
    expect((await storedCopy()).recent).toEqual(session[RECENT_SNAPSHOT_KEY]);
    page = { events: [event('a', 2)], total: 1 };
    await writer.refresh();
    expect((await storedCopy()).recent?.events).toEqual([event('a', 2)]);
    // The log cleared.
    page = { events: [], total: 0 };
    await writer.refresh();
    expect((await storedCopy()).recent).toMatchObject({ events: [], total: 0 });
    expect(local.writes).toBe(3);
  });

  it('writes nothing when the recent list is as stored, by this worker or one before it', async () => {
    const local = countingLocal();
    const { writer } = writerWith(local);
    await writer.refresh();
    await writer.refresh();
    expect(local.writes).toBe(1);
    // A new worker (browser start) finding the same events in the copy.
    const later = countingLocal();
    await writerWith(later).writer.refresh();
    expect(later.writes).toBe(0);
    // popup.recent itself is still rewritten each time (its writtenAt moves on).
    expect((await fakeBrowser.storage.session.get(RECENT_SNAPSHOT_KEY))[RECENT_SNAPSHOT_KEY]).toMatchObject({
      writtenAt: 1002,
    });
  });

  it('keeps the text beside the recent list, updated on a language change, not rewritten when the same', async () => {
    const local = countingLocal();
    const { copy, writer } = writerWith(local);
    const session = browserArea('session');
    // Both writers at once, as at a worker start: neither loses the other's part.
    await Promise.all([writer.refresh(), writeFirstPaintText(session, messagesIn('en', 'Detour'), copy)]);
    expect((await storedCopy()).recent?.events).toEqual([event('a')]);
    expect((await storedCopy()).text).toEqual(
      (await fakeBrowser.storage.session.get(FIRST_PAINT_TEXT_KEY))[FIRST_PAINT_TEXT_KEY],
    );
    await writeFirstPaintText(session, messagesIn('en', 'Detour'), copy);
    expect(local.writes).toBe(2);
    await writeFirstPaintText(session, messagesIn('zh-CN', '改道'), copy);
    expect((await storedCopy()).text).toMatchObject({ locale: 'zh-CN', messages: { 'popup.title': '改道' } });
    expect((await storedCopy()).recent?.events).toEqual([event('a')]);
    expect(local.writes).toBe(3);
  });

  it('replaces a corrupt stored copy instead of building on it', async () => {
    await fakeBrowser.storage.local.set({ [FIRST_PAINT_COPY_KEY]: ['not', 'a', 'copy'] });
    await writerWith(browserArea('local')).writer.refresh();
    expect(Object.keys(await storedCopy())).toEqual(['recent']);
  });

  it('after a failed write, tries again on the next change', async () => {
    const area = browserArea('local');
    let fail = true;
    const flaky: KeyValueArea = {
      ...area,
      async set(items) {
        if (fail) throw new Error('quota');
        await area.set(items);
      },
    };
    const { writer } = writerWith(flaky);
    await expect(writer.refresh()).rejects.toThrow('quota');
    fail = false;
    await writer.refresh();
    expect((await storedCopy()).recent?.events).toEqual([event('a')]);
  });
});
