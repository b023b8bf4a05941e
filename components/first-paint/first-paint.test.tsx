// @vitest-environment happy-dom
/**
 * The popup's first paint: what the app would show from the snapshot, in the popup's language,
 * drawn before any message is answered (it sends none), text only, and replaced by the app.
 */
import { cleanup, render } from '@testing-library/preact';
import { h } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { messages } from '../../core/language/browser-messages';
import { writeSettings } from '../../core/settings/items';
import { FIRST_PAINT_TEXT_KEY } from '../../core/snapshot/first-paint-text';
import { writeFirstPaintText } from '../../core/snapshot/first-paint-text-writer';
import { popupSnapshotFrom } from '../../core/snapshot/popup-snapshot';
import { browserArea } from '../../core/storage/key-value-area';
import fixtures from '../../reference/block-signatures.json';
import { LANGUAGE_SETTING_KEY, type StorageArea, startFirstReads, type TabsApi } from '../popup/first-reads';
import { mountPopup } from '../popup/mount-popup';
import { RecentEvents } from '../popup/RecentEvents';
import { TabSummary } from '../popup/TabSummary';
import { serveLocaleFiles, useLocale } from '../testing/locale-messages';
import { startTestBackground } from '../testing/test-background';
import { paintFirstReads } from './first-paint';
import { FIRST_PAINT_ATTRIBUTE } from './handoff';
import { paintSnapshot } from './paint-snapshot';

const CHATGPT_PAGE = (fixtures as Array<{ id: string; body: string }>).find(
  (f) => f.id === 'chatgpt-unable-to-load-site-vpn',
) as { body: string };

/** Gemini API's own refusal, as LobeChat's server passes it on. */
const GEMINI_API_400 = (fixtures as Array<{ id: string; body: string }>).find(
  (f) => f.id === 'gemini-api-400-user-location-native-json',
) as { body: string };

const NOW = Date.UTC(2026, 10, 25, 9, 0, 0);
let background: ReturnType<typeof startTestBackground>;
let restoreFetch: () => void;

const session = () => fakeBrowser.storage.session.get(null) as Promise<Record<string, unknown>>;
const areas = () => fakeBrowser.storage as unknown as { local: StorageArea; session: StorageArea };
/** A tabs API that names the tab and nothing else. */
const tabsFor = (id: number, url: string): TabsApi => ({
  get: async () => ({ url }),
  query: async () => [{ id, url }],
});

/** A blocked ChatGPT tab, logged by the real background, with the snapshot and text it writes. */
async function blockedTab(): Promise<number> {
  const tab = await fakeBrowser.tabs.create({ url: 'https://chatgpt.com/', active: true });
  const tabId = tab.id as number;
  expect(
    (await background.report(tabId, 'https://chatgpt.com/', 'page-text', { body: CHATGPT_PAGE.body }))
      .accepted,
  ).toBe(true);
  await background.snapshotWritten();
  await writeFirstPaintText(browserArea('session'), messages);
  return tabId;
}

/** Elements, classes, ids and text in document order: what a reader and the styles see. */
/** The tab's card and the recent events, painted from storage, outline as the app's own components draw them for the same snapshot, in the same language. */
function expectPaintedAsTheApp(root: Element, stored: Record<string, unknown>, tabId: number): void {
  const snapshot = popupSnapshotFrom(stored, tabId);
  const app = render(
    h('main', {}, [
      h(TabSummary, { tab: { status: 'ready', value: snapshot.tab }, now: NOW }),
      h(RecentEvents, {
        events: snapshot.recent?.events ?? [],
        total: snapshot.recent?.total ?? 0,
        onOpenLog: () => {},
        now: NOW,
      }),
    ]),
  ).container;
  for (const part of ['section.card', 'section.recent']) {
    const ours = root.querySelector(part);
    expect(ours, part).not.toBeNull();
    expect(outline(ours as Element)).toEqual(outline(app.querySelector(part) as Element));
  }
}

function outline(root: Element): string[] {
  const lines: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === 3) {
      const text = (node.textContent ?? '').trim();
      if (text) lines.push(`"${text}"`);
      return;
    }
    if (!(node instanceof Element)) return;
    // A <time>'s tooltip (the exact date) is the app's to add: it moves nothing.
    const attrs = ['class', 'id', 'aria-labelledby', 'datetime', 'title']
      .filter((name) => node.hasAttribute(name) && !(name === 'title' && node.localName === 'time'))
      .map((name) => `${name}=${node.getAttribute(name)}`);
    lines.push(`<${node.localName} ${attrs.join(' ')}>`);
    for (const child of node.childNodes) walk(child);
  };
  walk(root);
  // Adjacent text nodes are one text to a reader (Preact keeps " · " and the count apart).
  return lines.reduce<string[]>((out, line) => {
    const last = out.at(-1);
    if (last?.startsWith('"') && line.startsWith('"'))
      out[out.length - 1] = `${last.slice(0, -1)}${line.slice(1)}`;
    else out.push(line);
    return out;
  }, []);
}

beforeEach(async () => {
  fakeBrowser.reset();
  useLocale('en');
  restoreFetch = serveLocaleFiles();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  background = startTestBackground({ now: () => NOW });
});
afterEach(async () => {
  cleanup();
  background.stop();
  restoreFetch();
  await messages.use('browser');
  document.body.replaceChildren();
  document.documentElement.lang = 'en';
});

describe('popup first paint', () => {
  it('draws a refusal a gateway passed on as the app does, naming the gateway', async () => {
    const tab = await fakeBrowser.tabs.create({ url: 'https://lobechat.com/chat', active: true });
    const tabId = tab.id as number;
    const relayed = await background.report(tabId, 'https://lobechat.com/chat', 'fetch-tap', {
      kind: 'response',
      url: 'https://lobechat.com/webapi/chat/google',
      status: 400,
      body: GEMINI_API_400.body,
    });
    expect(relayed.accepted).toBe(true);
    await background.snapshotWritten();
    await writeFirstPaintText(browserArea('session'), messages);
    const stored = await session();
    const root = paintSnapshot({
      stored,
      tab: { id: tabId, url: 'https://lobechat.com/chat' },
      language: undefined,
      now: NOW,
    })?.root as HTMLElement;
    expectPaintedAsTheApp(root, stored, tabId);
    expect(root.querySelector('section.card')?.textContent).toContain(
      'LobeChat passed this refusal on: it came from Google.',
    );
    expect(root.querySelector('section.recent')?.textContent).toContain(
      'HTTP 400 refusal from lobechat.com · via LobeChat',
    );
  });

  for (const locale of ['en', 'zh-CN'] as const) {
    it(`draws the tab's verdict and the recent events as the app does, in ${locale}`, async () => {
      if (locale !== 'en') await writeSettings({ uiLanguage: locale });
      await messages.use(locale);
      const tabId = await blockedTab();
      const stored = await session();
      const painted = paintSnapshot({
        stored,
        tab: { id: tabId, url: 'https://chatgpt.com/' },
        language: locale === 'en' ? undefined : locale,
        now: NOW,
      });
      expect(painted?.locale).toBe(locale);
      const root = painted?.root as HTMLElement;
      expect(root.querySelector('main')?.hasAttribute('data-ready')).toBe(true);

      expectPaintedAsTheApp(root, stored, tabId);
      const title =
        locale === 'en' ? "ChatGPT refused this browser's region" : 'ChatGPT 在你所在的地区不可用';
      expect(root.querySelector('h1')?.textContent).toBe(title);
      // Controls wait for the app: shown, not usable.
      const buttons = [...root.querySelectorAll('button')];
      expect(buttons.length).toBeGreaterThan(0);
      for (const button of buttons) expect(button.disabled).toBe(true);
      expect(root.querySelector('[role=status], [role=alert], [aria-live]')).toBeNull();
    });
  }

  it('paints from storage alone: no message is sent, none answered', async () => {
    const tabId = await blockedTab();
    const sendMessage = vi.spyOn(fakeBrowser.runtime, 'sendMessage');
    const into = document.createElement('div');
    document.body.append(into);
    const reads = startFirstReads(tabsFor(tabId, 'https://chatgpt.com/'), areas(), '');
    expect(await paintFirstReads(reads, () => into)).toBe(true);
    expect(sendMessage).not.toHaveBeenCalled();
    expect(into.querySelector(`[${FIRST_PAINT_ATTRIBUTE}] h1`)?.textContent).toBe(
      "ChatGPT refused this browser's region",
    );
    expect(into.querySelector('.recent .event-row .event-product')?.textContent).toBe('ChatGPT');
  });

  it('draws nothing in a language the popup will not show, or without text or recent events', async () => {
    const tabId = await blockedTab();
    const stored = await session();
    const tab = { id: tabId, url: 'https://chatgpt.com/' };
    expect(paintSnapshot({ stored, tab, language: 'zh-TW', now: NOW })).toBeNull();
    expect(paintSnapshot({ stored, tab, language: 'klingon', now: NOW })).not.toBeNull();
    const { [FIRST_PAINT_TEXT_KEY]: _text, ...withoutText } = stored;
    expect(paintSnapshot({ stored: withoutText, tab, language: undefined, now: NOW })).toBeNull();
    const { 'popup.recent': _recent, ...withoutRecent } = stored;
    expect(paintSnapshot({ stored: withoutRecent, tab, language: undefined, now: NOW })).toBeNull();
    // The rarer verdicts are the app's to draw: a service out of reach, a page that did not load.
    const tabKey = `tab.${tabId}`;
    const record = stored[tabKey] as { events: Array<Record<string, unknown>> };
    const unreachable = { ...record, events: [{ ...record.events[0], kind: 'unreachable' }] };
    const failed = { ...record, events: [], pageFailed: { error: 'net::ERR_CONNECTION_RESET', at: NOW } };
    for (const changed of [unreachable, failed]) {
      const withRecord = { ...stored, [tabKey]: changed };
      expect(popupSnapshotFrom(withRecord, tabId).tab).not.toBeNull();
      expect(paintSnapshot({ stored: withRecord, tab, language: undefined, now: NOW })).toBeNull();
    }
  });

  it('on a quiet tab names a service page, leaves a path-limited host to the app, and says when a page is not watched', async () => {
    await blockedTab();
    const stored = await session();
    const paint = (url: string) =>
      paintSnapshot({ stored, tab: { id: 999, url }, language: undefined, now: NOW })?.root.querySelector(
        '.card-ok p',
      )?.textContent ?? null;
    expect(paint('https://claude.ai/new')).toBe(
      'Detour is watching claude.ai and has not seen it refuse your region.',
    );
    expect(paint('https://example.com/')).toBe('This tab is not on a page Detour watches.');
    expect(paint('https://www.bing.com/chat')).toBeNull();
  });

  it('shows forged snapshot text as text, and draws nothing for data that does not fit', async () => {
    const tabId = await blockedTab();
    const stored = await session();
    const forged = '<img src=x onerror="globalThis.forged=1"><script>globalThis.forged=2</script>';
    const tabKey = `tab.${tabId}`;
    const record = structuredClone(stored[tabKey]) as { events: Array<Record<string, unknown>> };
    (record.events[0] as Record<string, unknown>).evidence = forged;
    const text = structuredClone(stored[FIRST_PAINT_TEXT_KEY]) as { names: Record<string, string> };
    text.names['openai/chatgpt'] = forged;
    const painted = paintSnapshot({
      stored: { ...stored, [tabKey]: record, [FIRST_PAINT_TEXT_KEY]: text },
      tab: { id: tabId, url: 'https://chatgpt.com/' },
      language: undefined,
      now: NOW,
    });
    const root = painted?.root as HTMLElement;
    document.body.append(root);
    expect(root.querySelector('img, script')).toBeNull();
    expect(root.querySelector('.evidence')?.textContent).toContain('<img src=x');
    expect(root.querySelector('h1')?.textContent).toContain('<img src=x');
    expect((globalThis as { forged?: number }).forged).toBeUndefined();

    const tab = { id: tabId, url: 'https://chatgpt.com/' };
    const bad: Array<Record<string, unknown>> = [
      { 'popup.recent': { events: 'x', total: 1, writtenAt: 1 } },
      { 'popup.recent': { events: [], total: -1, writtenAt: 1 } },
      { [tabKey]: { ...record, events: [{ ...record.events[0], count: 0 }] } },
      { [tabKey]: { ...record, events: [{ ...record.events[0], kind: 'script' }] } },
      { [tabKey]: '<b>x</b>' },
      { [FIRST_PAINT_TEXT_KEY]: '<b>x</b>' },
      { [FIRST_PAINT_TEXT_KEY]: { ...text, messages: { 'popup.title': 'x' } } },
      { [FIRST_PAINT_TEXT_KEY]: { ...text, locale: 'fr' } },
    ];
    for (const change of bad) {
      expect(
        paintSnapshot({ stored: { ...stored, ...change }, tab, language: undefined, now: NOW }),
        JSON.stringify(change),
      ).toBeNull();
    }
  });

  it('is replaced by the app, which mounts with working controls', async () => {
    const tabId = await blockedTab();
    const into = document.createElement('div');
    document.body.append(into);
    const reads = startFirstReads(tabsFor(tabId, 'https://chatgpt.com/'), areas(), `?tabId=${tabId}`);
    const painted = paintFirstReads(reads, () => into);
    expect(await painted).toBe(true);
    mountPopup(reads, into, painted);
    await vi.waitFor(() => expect(into.hasAttribute('data-interactive')).toBe(true));
    expect(into.querySelector(`[${FIRST_PAINT_ATTRIBUTE}]`)).toBeNull();
    expect(into.querySelectorAll('#tab-title')).toHaveLength(1);
    expect(into.querySelector('main[data-ready] h1')?.textContent).toBe(
      "ChatGPT refused this browser's region",
    );
    const openLog = [...into.querySelectorAll('button')].find((b) =>
      b.textContent?.startsWith('Open the full log'),
    );
    expect(openLog?.disabled).toBe(false);
  });

  // (A corrupt tab record is refused above; here the background's own copy of it stays intact.)
  it('with a corrupt snapshot paints nothing, and the app still mounts and shows the background’s answer', async () => {
    const tabId = await blockedTab();
    await fakeBrowser.storage.session.set({
      'popup.recent': { events: [{ id: '<b>' }], total: 'many' },
      [FIRST_PAINT_TEXT_KEY]: { locale: 'en', messages: null },
    });
    await fakeBrowser.storage.local.set({ [LANGUAGE_SETTING_KEY]: { not: 'a language' } });
    const into = document.createElement('div');
    document.body.append(into);
    const reads = startFirstReads(tabsFor(tabId, 'https://chatgpt.com/'), areas(), `?tabId=${tabId}`);
    const painted = paintFirstReads(reads, () => into);
    expect(await painted).toBe(false);
    expect(into.childNodes).toHaveLength(0);
    mountPopup(reads, into, painted);
    await vi.waitFor(() => expect(into.hasAttribute('data-interactive')).toBe(true));
    expect(into.querySelector('main[data-ready] h1')?.textContent).toBe(
      "ChatGPT refused this browser's region",
    );
  });
});
