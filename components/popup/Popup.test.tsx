// @vitest-environment happy-dom
/**
 * The popup against the real background handlers, engine, log, catalog and region lists
 * (components/testing/test-background.ts), on fakeBrowser. Blocks are created the way a content
 * script reports them, from the signature fixtures; "Check now" reaches a local answerer.
 */

import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { FetchLike } from '../../core/catalog/reachability';
import { MAX_SUGGESTIONS } from '../../core/messaging/protocol';
import { readSettings, writeSettings } from '../../core/settings/items';
import fixtures from '../../reference/block-signatures.json';
import { createRemoteCatalogView } from '../catalog-remote';
import { createExtensionClient, type ExtensionClient } from '../extension-client';
import { ClientContext } from '../shared/client-context';
import { SuggestionCard } from '../shared/SuggestionCard';
import { createPopupStore, POPUP_LIMITS } from '../stores/popup-store';
import { createSettingsStore, liveSettingsBackend } from '../stores/settings-store';
import { type LocaleName, useLocale } from '../testing/locale-messages';
import { startTestBackground } from '../testing/test-background';
import { suggestionView } from '../way-forward-views';
import { Popup } from './Popup';

interface Fixture {
  id: string;
  expect: string;
  url?: string;
  http_status?: number;
  body: string;
}
const FIXTURES = fixtures as Fixture[];
const fixture = (id: string) => {
  const found = FIXTURES.find((f) => f.id === id);
  if (!found) throw new Error(`fixture ${id} missing`);
  return found;
};
const CHATGPT_PAGE = fixture('chatgpt-unable-to-load-site-vpn');
const OPENAI_API_403 = fixture('openai-api-403-unsupported-country-region-territory');
const GEMINI_API_400 = fixture('gemini-api-400-user-location-native-json');

let now = Date.UTC(2026, 10, 25, 9, 0, 0);
const clock = () => now;
let background: ReturnType<typeof startTestBackground>;

/** A stand-in for the services' own hosts: answers "Check now" like OpenAI does from a refused country. */
function answerer(trace: string | null, blocked: boolean): FetchLike {
  return async (url) => {
    if (url.endsWith('/cdn-cgi/trace')) {
      return trace === null
        ? new Response('not found', { status: 404 })
        : new Response(`fl=1\nloc=${trace}\n`);
    }
    if (url.startsWith('https://api.openai.com/')) {
      return blocked
        ? new Response(OPENAI_API_403.body, { status: 403, headers: { 'content-type': 'application/json' } })
        : new Response('{"error":{"message":"Incorrect API key"}}', { status: 401 });
    }
    return new Response('', { status: 404 });
  };
}

/** A window with one active tab on `url`: what tabs.query({ active, currentWindow }) finds. */
async function openTab(url: string): Promise<number> {
  const window = await fakeBrowser.windows.create({ focused: true });
  const tab = await fakeBrowser.tabs.create({ url, active: true, windowId: window?.id });
  return tab.id as number;
}

function renderPopup(client: ExtensionClient = createExtensionClient()) {
  const store = createPopupStore(client);
  const settings = createSettingsStore(liveSettingsBackend());
  const view = render(
    <ClientContext.Provider value={client}>
      <Popup store={store} settings={settings} catalog={createRemoteCatalogView(client)} now={now} />
    </ClientContext.Provider>,
  );
  return { store, settings, view };
}

function setup(locale: LocaleName, fetch?: FetchLike) {
  fakeBrowser.reset();
  useLocale(locale);
  background = startTestBackground({ now: clock, fetch, checkTimeoutMs: 500 });
}

beforeEach(() => {
  now = Date.UTC(2026, 10, 25, 9, 0, 0);
  setup('en');
});
afterEach(() => {
  cleanup();
  background.stop();
});

describe('popup: no events', () => {
  it('says no block was seen and that nothing is logged, on a page Detour does not watch', async () => {
    await openTab('https://example.org/');
    renderPopup();
    expect(
      await screen.findByRole('heading', { level: 1, name: 'No region block seen on this tab' }),
    ).toBeTruthy();
    expect(screen.getByText('This tab is not on a page Detour watches.')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(await screen.findByText(/Nothing logged yet/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Check now/ })).toBeNull();
    expect(screen.queryByRole('heading', { name: /Where to go instead/ })).toBeNull();
  });

  it('on a watched service without a block, offers Check now and the one-time connection-check offer', async () => {
    await openTab('https://chatgpt.com/');
    renderPopup();
    expect(
      await screen.findByText('Detour is watching chatgpt.com and has not seen it refuse your region.'),
    ).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Check now' })).toBeTruthy();
    const offer = await screen.findByRole('region', {
      name: 'Check my connection when I open an AI service?',
    });
    expect(
      within(offer).getByText(/asks that same site for its \/cdn-cgi\/trace page, without cookies/),
    ).toBeTruthy();

    fireEvent.click(within(offer).getByRole('button', { name: 'Turn on' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: /Check my connection/ })).toBeNull());
    const stored = await readSettings();
    expect(stored.exitCheckOnOpen).toBe(true);
    expect(stored.exitCheckOffered).toBe(true);
  });
});

describe('popup: a service that cannot be reached', () => {
  /** What webRequest reports: another site loads, then the tab's own page fails. */
  async function failOnTab(tabId: number, error: string, otherSiteLoads: boolean) {
    let n = 0;
    const request = (url: string, type = 'main_frame', tab = tabId) => ({
      requestId: String(++n),
      tabId: tab,
      url,
      type,
    });
    if (otherSiteLoads)
      background.events.completed({ ...request('https://claude.ai/', 'main_frame', 99), statusCode: 200 });
    background.events.beforeRequest(request('https://chatgpt.com/'));
    background.events.errorOccurred({ ...request('https://chatgpt.com/'), error });
  }

  it('says it plainly, never as a refusal, with Check now and alternatives; not the green "no block"', async () => {
    const tabId = await openTab('https://chatgpt.com/');
    await failOnTab(tabId, 'net::ERR_CONNECTION_RESET', true);
    await waitFor(async () => expect((await background.tabs.get(tabId)).events).toHaveLength(1));
    renderPopup();
    const heading = await screen.findByRole('heading', {
      level: 1,
      name: 'chatgpt.com cannot be reached from this network',
    });
    const card = heading.closest('section') as HTMLElement;
    expect(within(card).getByText('chatgpt.com: ERR_CONNECTION_RESET')).toBeTruthy();
    expect(within(card).queryByText(/refused/)).toBeNull();
    expect(screen.queryByText('No region block seen on this tab')).toBeNull();
    expect(await screen.findByRole('button', { name: 'Check now' })).toBeTruthy();
    const suggestions = await screen.findByRole('region', { name: 'Where to go instead of ChatGPT' });
    expect(
      within(suggestions)
        .getAllByRole('listitem')
        .some((li) => li.classList.contains('suggestion')),
    ).toBe(true);
  });

  it('a page that failed with nothing else seen says it did not load, without logging or going green', async () => {
    const tabId = await openTab('https://chatgpt.com/');
    await failOnTab(tabId, 'net::ERR_NAME_NOT_RESOLVED', false);
    await waitFor(async () => expect((await background.tabs.get(tabId)).pageFailed).toBeTruthy());
    renderPopup();
    expect(await screen.findByRole('heading', { level: 1, name: 'This page did not load' })).toBeTruthy();
    expect(screen.getByText(/The browser said ERR_NAME_NOT_RESOLVED/)).toBeTruthy();
    expect(screen.queryByText('No region block seen on this tab')).toBeNull();
    expect((await background.log.query({})).total).toBe(0);
  });

  it('in Simplified and Traditional Chinese', async () => {
    for (const [locale, title] of [
      ['zh_CN', '从当前网络无法连接 chatgpt.com'],
      ['zh_TW', '從目前的網路無法連上 chatgpt.com'],
    ] as const) {
      cleanup();
      background.stop();
      setup(locale);
      const tabId = await openTab('https://chatgpt.com/');
      await failOnTab(tabId, 'NS_ERROR_NET_RESET', true);
      await waitFor(async () => expect((await background.tabs.get(tabId)).events).toHaveLength(1));
      renderPopup();
      expect(await screen.findByRole('heading', { level: 1, name: title })).toBeTruthy();
    }
  });
});

describe('popup: region from the refusal itself', () => {
  /** An English browser on UTC: language and time zone say nothing; the refusal does. */
  function utcEnglishClient(): ExtensionClient {
    return { ...createExtensionClient(), uiLanguage: () => 'en', timeZone: () => 'UTC' };
  }

  it('asks once with a one-tap chooser; the choice changes the suggestions and is remembered', async () => {
    await writeSettings({ region: { mode: 'auto' } });
    const tabId = await openTab('https://chatgpt.com/');
    const result = await background.report(tabId, 'https://chatgpt.com/', 'page-text', {
      body: CHATGPT_PAGE.body,
    });
    expect(result.accepted).toBe(true);
    const client = utcEnglishClient();
    renderPopup(client);

    const chooser = await screen.findByRole('region', { name: 'Where are you?' });
    expect(within(chooser).getByText(/ChatGPT does not serve: China, Hong Kong/)).toBeTruthy();
    const group = within(chooser).getByRole('group', { name: 'Region' });
    const names = within(group)
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(names).toEqual(['中国大陆', '香港', '澳門', 'Россия', 'ایران', 'Somewhere else']);

    // Before choosing: hosted platforms serving those regions come first, not the local runtimes.
    const before = await screen.findByRole('region', { name: 'Where to go instead of ChatGPT' });
    const firstBefore = within(before)
      .getAllByRole('listitem')
      .find((li) => li.classList.contains('suggestion'));
    expect(firstBefore?.textContent).not.toMatch(/Ollama|LM Studio|vLLM/);
    // Its reason names the regions by name, never as a list of codes.
    expect(firstBefore?.textContent).toMatch(/Serves (China|Hong Kong)/);

    fireEvent.click(within(group).getByRole('button', { name: '香港' }));
    await waitFor(async () =>
      expect((await readSettings()).region).toEqual({ mode: 'chosen', country: 'HK' }),
    );
    expect(await screen.findByRole('status')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Where are you?' })).toBeNull());
    await waitFor(() => expect(screen.getAllByText(/Serves Hong Kong/).length).toBeGreaterThan(0));

    // Remembered: a new popup does not ask again.
    cleanup();
    renderPopup(client);
    expect(await screen.findByRole('region', { name: 'Where to go instead of ChatGPT' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Where are you?' })).toBeNull();
  });

  it('"Somewhere else" is remembered: not asked again, and the suggestions leave those regions out', async () => {
    await writeSettings({ region: { mode: 'auto' } });
    const tabId = await openTab('https://chatgpt.com/');
    await background.report(tabId, 'https://chatgpt.com/', 'page-text', { body: CHATGPT_PAGE.body });
    const client = utcEnglishClient();
    renderPopup(client);
    const chooser = await screen.findByRole('region', { name: 'Where are you?' });
    await waitFor(() => expect(screen.getAllByText(/Serves (China|Hong Kong)/).length).toBeGreaterThan(0));

    const other = within(chooser).getByRole('button', { name: 'Somewhere else' });
    other.focus();
    fireEvent.click(other);
    await waitFor(async () =>
      expect((await readSettings()).region).toEqual({ mode: 'auto', notIn: ['CN', 'HK', 'IR', 'MO', 'RU'] }),
    );
    // The chooser is gone; what the tap did is announced where the focus now is, with a way to change it.
    const status = await screen.findByRole('status');
    expect(status.textContent).toMatch(/you are somewhere else/);
    expect(document.activeElement).toBe(status);
    expect(within(status).getByRole('button', { name: 'Change' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Where are you?' })).toBeNull();
    await waitFor(() =>
      expect(screen.queryAllByText(/Serves (China|Hong Kong|Maca[ou]|Russia|Iran)/)).toEqual([]),
    );
    expect(
      within(screen.getByRole('region', { name: 'Where to go instead of ChatGPT' }))
        .getAllByRole('listitem')
        .some((li) => li.classList.contains('suggestion')),
    ).toBe(true);

    // Remembered: the next refusal's popup does not ask about those regions again.
    cleanup();
    renderPopup(client);
    expect(await screen.findByRole('region', { name: 'Where to go instead of ChatGPT' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Where are you?' })).toBeNull();
  });
});

describe('popup: first questions', () => {
  it('asks for the recent events before the tab is known, and each question once when the entry loads before rendering', async () => {
    await openTab('https://example.org/');
    const real = createExtensionClient();
    const sent: string[] = [];
    let releaseTab: () => void = () => {};
    const tabKnown = new Promise<void>((resolve) => {
      releaseTab = resolve;
    });
    const client: ExtensionClient = {
      ...real,
      send: (type, input) => {
        sent.push(type);
        return real.send(type, input);
      },
      currentTab: async () => {
        await tabKnown;
        return real.currentTab();
      },
    };
    const store = createPopupStore(client);
    // What entrypoints/popup/main.tsx does before render.
    const loaded = store.getState().load();
    expect(sent).toEqual(['queryLog']);
    const settings = createSettingsStore(liveSettingsBackend());
    render(
      <ClientContext.Provider value={client}>
        <Popup store={store} settings={settings} catalog={createRemoteCatalogView(client)} now={now} />
      </ClientContext.Provider>,
    );
    releaseTab();
    await loaded;
    expect(store.getState().load()).toBe(loaded);
    await waitFor(() => expect(document.querySelector('[data-ready]')).not.toBeNull());
    expect(sent.filter((t) => t === 'queryLog')).toHaveLength(1);
    expect(sent.filter((t) => t === 'getTabState')).toHaveLength(1);
  });
});

describe('popup: first paint from the snapshot', () => {
  it('paints the tab’s block and the recent events from storage.session before any message returns', async () => {
    await writeSettings({ region: { mode: 'chosen', country: 'CN' } });
    const tabId = await openTab('https://chatgpt.com/');
    expect(
      (await background.report(tabId, 'https://chatgpt.com/', 'page-text', { body: CHATGPT_PAGE.body }))
        .accepted,
    ).toBe(true);
    await background.snapshotWritten();

    // A background that never answers: whatever shows came from the snapshot.
    const real = createExtensionClient();
    const sent: string[] = [];
    const silent: ExtensionClient = {
      ...real,
      currentTab: async () => ({ id: tabId, url: 'https://chatgpt.com/' }),
      send: (type) => {
        sent.push(type);
        return new Promise(() => {});
      },
    };
    renderPopup(silent);
    expect(
      await screen.findByRole('heading', { level: 1, name: "ChatGPT refused this browser's region" }),
    ).toBeTruthy();
    await waitFor(() => expect(document.querySelector('[data-ready]')).not.toBeNull());
    expect(screen.getByRole('button', { name: 'Open the full log (1 events)' })).toBeTruthy();
    // The questions were asked all the same (their answers would replace the snapshot).
    expect(sent).toContain('getTabState');
    expect(sent).toContain('queryLog');
  });

  it('without a snapshot of the log, waits for the background instead of painting an empty log', async () => {
    const tabId = await openTab('https://chatgpt.com/');
    await background.report(tabId, 'https://chatgpt.com/', 'page-text', { body: CHATGPT_PAGE.body });
    await background.snapshotWritten();
    await fakeBrowser.storage.session.remove('popup.recent');
    const silent: ExtensionClient = {
      ...createExtensionClient(),
      currentTab: async () => ({ id: tabId, url: 'https://chatgpt.com/' }),
      send: () => new Promise(() => {}),
    };
    const { store } = renderPopup(silent);
    await waitFor(() => expect(store.getState().tab.status).toBe('ready'));
    expect(store.getState().recent.status).toBe('loading');
    expect(document.querySelector('[data-ready]')).toBeNull();
  });

  it('an answer replaces the snapshot, and a late snapshot never replaces an answer', async () => {
    const tabId = await openTab('https://chatgpt.com/');
    await background.report(tabId, 'https://chatgpt.com/', 'page-text', { body: CHATGPT_PAGE.body });
    await background.snapshotWritten();
    const real = createExtensionClient();
    let releaseSnapshot: () => void = () => {};
    const snapshotHeld = new Promise<void>((resolve) => {
      releaseSnapshot = resolve;
    });
    const client: ExtensionClient = {
      ...real,
      currentTab: async () => ({ id: tabId, url: 'https://chatgpt.com/' }),
      readSession: async (keys) => {
        const stale = await real.readSession(keys);
        await snapshotHeld;
        return { ...stale, [`tab.${tabId}`]: { url: 'https://chatgpt.com/', navigatedAt: 0, events: [] } };
      },
    };
    const { store } = renderPopup(client);
    await store.getState().load();
    expect(store.getState().tab.status).toBe('ready');
    releaseSnapshot();
    await new Promise((r) => setTimeout(r, 20));
    const tab = store.getState().tab;
    expect(tab.status === 'ready' && tab.value?.events.length).toBe(1);
  });
});

describe('popup: a block on this tab', () => {
  async function blockOnTab(times = 1): Promise<number> {
    // Suggestions depend on the region; the test machine's time zone must not decide them.
    await writeSettings({ region: { mode: 'chosen', country: 'CN' } });
    const tabId = await openTab('https://chatgpt.com/');
    for (let i = 0; i < times; i++) {
      // Each time after the first is a reload: a new document, so a new sighting of the block.
      if (i > 0) await background.tabs.navigate(tabId, 'https://chatgpt.com/');
      const result = await background.report(tabId, 'https://chatgpt.com/', 'page-text', {
        body: CHATGPT_PAGE.body,
      });
      expect(result.accepted).toBe(true);
      now += 60_000;
    }
    return tabId;
  }

  it('names the service, what was seen, when and how often, with the way forward', async () => {
    await blockOnTab(2);
    renderPopup();
    expect(
      await screen.findByRole('heading', { level: 1, name: "ChatGPT refused this browser's region" }),
    ).toBeTruthy();
    const card = screen.getByRole('region', { name: "ChatGPT refused this browser's region" });
    expect(within(card).getByText('Refusal shown on chatgpt.com')).toBeTruthy();
    expect(within(card).getByText(/^Unable to load site/)).toBeTruthy();
    expect(within(card).getByText(/seen 2 times/)).toBeTruthy();

    const suggestions = await screen.findByRole('region', { name: 'Where to go instead of ChatGPT' });
    const cards = within(suggestions)
      .getAllByRole('listitem')
      .filter((li) => li.classList.contains('suggestion'));
    expect(cards.length).toBe(5);
    // Each suggestion says why, how fresh its model names are, and links only to https pages from the catalog.
    for (const card of cards) {
      expect(within(card).getByRole('list', { name: 'Why it is suggested' })).toBeTruthy();
      expect(within(card).getByText(/^Model names as of [A-Z][a-z]{2} \d{1,2}, 20\d\d\./)).toBeTruthy();
      for (const link of within(card).queryAllByRole('link')) {
        expect(link.getAttribute('href')).toMatch(/^https:\/\//);
        expect(link.getAttribute('rel')).toContain('noopener');
      }
    }

    // "Show all" opens the rest of the ranked catalog, and closes it again.
    const showAll = within(suggestions).getByRole('button', { name: /^Show all \d+$/ });
    expect(showAll.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(showAll);
    const everyCard = within(suggestions)
      .getAllByRole('listitem')
      .filter((li) => li.classList.contains('suggestion'));
    expect(everyCard.length).toBeGreaterThan(5);
    // A base URL only third parties show is not shown: the card says so (01.AI's); a confirmed one is.
    const cardOf = (name: string) =>
      everyCard.find((li) => li.querySelector('h3')?.textContent?.includes(name));
    expect(cardOf('01.AI')?.textContent).toContain('Its API address could not be confirmed');
    expect(cardOf('01.AI')?.querySelector('.base-url')).toBeNull();
    expect(cardOf('Zhipu')?.textContent).not.toContain('could not be confirmed');
    expect(cardOf('Zhipu')?.querySelector('.base-url')).not.toBeNull();
    expect(showAll.textContent).toBe('Show fewer');
    expect(showAll.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(showAll);
    expect(
      within(suggestions)
        .getAllByRole('listitem')
        .filter((li) => li.classList.contains('suggestion')).length,
    ).toBe(5);

    // This service's history and the recent events everywhere, with the way to the full log.
    expect(await screen.findByRole('heading', { name: 'OpenAI: recent history' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Open the full log (1 events)' })).toBeTruthy();
  });

  it('says when a refusal was recognised by its wording rather than a known message', async () => {
    await writeSettings({ region: { mode: 'chosen', country: 'CN' } });
    // Bing Chat's refusal in Traditional characters: no signature has it; the recogniser reads it.
    const tabId = await openTab('https://www.bing.com/chat');
    const result = await background.report(tabId, 'https://www.bing.com/chat', 'page-text', {
      body: '該服務在你所在的地區不可用。',
    });
    expect(result.accepted).toBe(true);
    renderPopup();
    const card = await screen.findByRole('region', { name: /refused this browser's region/ });
    expect(
      within(card).getByText('Recognised from its wording, not from a message Detour already knows.'),
    ).toBeTruthy();
  });

  it('does not say so for a refusal Detour knows by its message', async () => {
    await blockOnTab();
    renderPopup();
    const card = await screen.findByRole('region', { name: "ChatGPT refused this browser's region" });
    expect(within(card).queryByText(/Recognised from its wording/)).toBeNull();
  });

  it('shows an offer announced more than 12 months ago as "may have ended", and a current one without', async () => {
    // Every catalogued platform for an OpenAI block in CN, from the background the popup asks.
    const answer = await background.handlers.getSuggestions(
      { service: 'openai', product: 'chatgpt', region: 'CN', limit: MAX_SUGGESTIONS },
      { id: fakeBrowser.runtime.id, url: `chrome-extension://${fakeBrowser.runtime.id}/popup.html` },
    );
    const all = answer.suggestions.map(suggestionView);
    const stale = all.find((s) => s.incentive?.stale);
    const current = all.find((s) => s.incentive && !s.incentive.stale && !s.incentive.ended);
    expect(stale?.platformId).toBeDefined();
    render(
      <ClientContext.Provider value={createExtensionClient()}>
        <ol>
          {[stale, current]
            .filter((s) => s !== undefined)
            .map((s, i) => (
              <SuggestionCard
                key={s.platformId}
                suggestion={s}
                rank={i + 1}
                snippetsFor={() => ({ ok: false, reasonKey: '', docsUrl: null })}
                sourceModels={[]}
              />
            ))}
        </ol>
      </ClientContext.Provider>,
    );
    const staleCard = screen.getByRole('heading', { name: stale?.name }).closest('li') as HTMLElement;
    expect(within(staleCard).getByText('Migration offer')).toBeTruthy();
    expect(
      within(staleCard).getByText(/^Announced [A-Z][a-z]{2}( \d{1,2},)? 20\d\d, may have ended\.$/),
    ).toBeTruthy();
    // Baidu's 2024 offers are its only ones: on 2026-11-25 they are stale. Zhipu shows its standing
    // free models, which a page read within the year still lists, rather than its 2024 plan.
    const baidu = all.find((s) => s.platformId === 'baidu-qianfan');
    expect(baidu?.incentive?.stale).toBe(true);
    const zhipu = all.find((s) => s.platformId === 'zhipu');
    expect(zhipu?.incentive?.stale).toBe(false);
    if (current) {
      const currentCard = screen.getByRole('heading', { name: current.name }).closest('li') as HTMLElement;
      expect(within(currentCard).queryByText(/may have ended/)).toBeNull();
    }
  });

  it('shows migration code with tabs and a working copy button', async () => {
    await blockOnTab();
    renderPopup();
    const suggestions = await screen.findByRole('region', { name: 'Where to go instead of ChatGPT' });
    fireEvent.click(
      within(suggestions).getAllByRole('button', { name: 'Show migration code' })[0] as HTMLElement,
    );
    const tablist = await within(suggestions).findByRole('tablist', { name: 'Code language' });
    expect(
      within(tablist)
        .getAllByRole('tab')
        .map((tab) => tab.textContent),
    ).toEqual(['Python', 'Node.js', 'curl', 'Env vars']);
    const panel = within(suggestions).getByRole('tabpanel');
    expect(panel.textContent).toContain('from openai import OpenAI');
    fireEvent.click(within(tablist).getByRole('tab', { name: 'curl' }));
    expect(within(suggestions).getByRole('tabpanel').textContent).toMatch(/^curl 'https:\/\//);
    expect(within(suggestions).getByText(/our suggestion by tier, not the vendor's claim/)).toBeTruthy();

    fireEvent.click(within(suggestions).getByRole('button', { name: 'Copy code' }));
    expect(await within(suggestions).findByText('Copied')).toBeTruthy();
    expect(await navigator.clipboard.readText()).toBe(within(suggestions).getByRole('tabpanel').textContent);
  });

  it('asks the background only for what it shows, even with 10,000 events in the log', async () => {
    await writeSettings({ logCap: 10_000, retentionDays: 3650 });
    await Promise.all(
      Array.from({ length: 10_000 }, (_, i) =>
        background.log.append({
          service: i % 2 ? 'openai' : 'anthropic',
          product: i % 2 ? 'api' : 'claude-web',
          kind: 'response',
          ruleId: 'seed',
          url: `https://api.example${i}.test/v1`,
          status: 403,
          evidence: `seeded ${i}`,
          at: now - (10_000 - i) * 1000,
        }),
      ),
    );
    await blockOnTab();
    const client = createExtensionClient();
    const asked: Array<{ type: string; limit?: number }> = [];
    const send = client.send.bind(client);
    client.send = ((type: string, input: { limit?: number }) => {
      asked.push({ type, limit: input?.limit });
      return send(type as never, input as never);
    }) as ExtensionClient['send'];
    const started = performance.now();
    const { store } = renderPopup(client);
    await screen.findByRole('heading', { level: 1, name: "ChatGPT refused this browser's region" });
    const firstContentMs = performance.now() - started;
    const total = (await background.log.count()).toLocaleString('en');
    expect(total).toBe('10,000');
    expect(
      await screen.findByRole('button', { name: `Open the full log (${total} events)` }, { timeout: 10_000 }),
    ).toBeTruthy();
    // The snapshot can paint before the service's history is asked for: count once all are asked.
    await store.getState().load();
    const queries = asked.filter((a) => a.type === 'queryLog');
    expect(queries.length).toBe(2);
    expect(Math.max(...queries.map((q) => q.limit ?? Number.POSITIVE_INFINITY))).toBeLessThanOrEqual(
      POPUP_LIMITS.recent,
    );
    // Generous for a shared 2-core CI machine; the point is that it does not grow with the log.
    expect(firstContentMs).toBeLessThan(2000);
  }, 60_000);
});

describe('popup: Check now', () => {
  it('says why a check failed when the service cannot be reached', async () => {
    background.stop();
    setup('en', async () => {
      throw new TypeError('Failed to fetch');
    });
    await openTab('https://chatgpt.com/');
    renderPopup();
    fireEvent.click(await screen.findByRole('button', { name: 'Check now' }));
    expect(await screen.findByText('No clear answer: the connection to the service failed.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Check again' })).toBeTruthy();
  });

  it('says the check could not run when the background does not answer', async () => {
    await openTab('https://chatgpt.com/');
    renderPopup();
    const button = await screen.findByRole('button', { name: 'Check now' });
    background.stop();
    fireEvent.click(button);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/^The check could not run: /);
  });

  it('warns when the exit country is not served, with the list, its date and source', async () => {
    background.stop();
    setup('en', answerer('CN', true));
    await openTab('https://chatgpt.com/');
    renderPopup();
    fireEvent.click(await screen.findByRole('button', { name: 'Check now' }));
    expect(await screen.findByText('It refused this connection.')).toBeTruthy();
    const warning = await screen.findByRole('status', { name: 'Your connection leaves from China (CN).' });
    expect(warning.textContent).toMatch(
      /ChatGPT does not serve China, according to OpenAI's list as of [A-Z][a-z]{2} \d{1,2}, 20\d\d\./,
    );
    expect(warning.textContent).toContain('Using it from here may get the account suspended.');
    const source = within(warning).getByRole('link', { name: /Source/ });
    expect(source.getAttribute('href')).toMatch(/^https:\/\/.*openai\.com\//);

    // One click adopts the exit country as the region.
    fireEvent.click(within(warning).getByRole('button', { name: 'Use China as my region' }));
    await waitFor(async () =>
      expect((await readSettings()).region).toEqual({ mode: 'chosen', country: 'CN' }),
    );
  });

  it('says quietly when the exit country is served', async () => {
    background.stop();
    setup('en', answerer('JP', false));
    await openTab('https://chatgpt.com/');
    renderPopup();
    fireEvent.click(await screen.findByRole('button', { name: 'Check now' }));
    expect(await screen.findByText('It answered normally: not blocked from this connection.')).toBeTruthy();
    expect(await screen.findByText(/Connection leaves from Japan \(JP\): served\./)).toBeTruthy();
  });
});

describe('popup in Chinese', () => {
  it('shows the block and the warning in Simplified Chinese with country names from Intl', async () => {
    background.stop();
    setup('zh_CN', answerer('CN', true));
    const tabId = await openTab('https://chatgpt.com/');
    await background.report(tabId, 'https://chatgpt.com/', 'page-text', { body: CHATGPT_PAGE.body });
    renderPopup();
    expect(
      await screen.findByRole('heading', { level: 1, name: 'ChatGPT 在你所在的地区不可用' }),
    ).toBeTruthy();
    fireEvent.click(await screen.findByRole('button', { name: '立即检查' }));
    const warning = await screen.findByRole('status', { name: '你的网络出口在中国（CN）。' });
    // The list names the country, never only its code.
    expect(warning.textContent).toMatch(/根据 OpenAI 截至 .+日公布的名单，ChatGPT 不在中国提供服务。/);
  });

  it('uses Traditional Chinese wording in zh_TW', async () => {
    background.stop();
    setup('zh_TW');
    await openTab('https://example.org/');
    renderPopup();
    expect(await screen.findByRole('heading', { level: 1, name: '此分頁未發現地區限制' })).toBeTruthy();
  });
});

describe('popup: a refusal a gateway passed on', () => {
  /** LobeChat passing on Gemini API's own refusal from its server-side call to Google. */
  async function relayedOnTab(): Promise<number> {
    await writeSettings({ region: { mode: 'chosen', country: 'CN' } });
    const tabId = await openTab('https://lobechat.com/chat');
    const result = await background.report(tabId, 'https://lobechat.com/chat', 'fetch-tap', {
      kind: 'response',
      url: 'https://lobechat.com/webapi/chat/google',
      status: 400,
      body: GEMINI_API_400.body,
    });
    expect(result.accepted).toBe(true);
    return tabId;
  }

  it.each([
    [
      'en',
      "Gemini API refused this browser's region",
      'HTTP 400 refusal from lobechat.com',
      'LobeChat passed this refusal on: it came from Google.',
      'via LobeChat',
    ],
    [
      'zh_CN',
      'Gemini API 在你所在的地区不可用',
      'lobechat.com 返回 HTTP 400，拒绝了请求',
      '这条拒绝由 LobeChat 转达，实际拒绝你的是 Google。',
      '经由 LobeChat',
    ],
    [
      'zh_TW',
      'Gemini API 在你所在的地區無法使用',
      'lobechat.com 回傳 HTTP 400，拒絕了要求',
      '這則拒絕由 LobeChat 轉達，實際拒絕你的是 Google。',
      '經由 LobeChat',
    ],
  ] as const)(
    '%s: names the service that refused and the gateway it came through',
    async (locale, title, seen, relayed, via) => {
      background.stop();
      setup(locale);
      await relayedOnTab();
      renderPopup();
      const card = await screen.findByRole('region', { name: title });
      expect(within(card).getByText(seen)).toBeTruthy();
      expect(within(card).getByText(relayed)).toBeTruthy();
      // The service's history is the upstream's, where this event is counted.
      expect(await screen.findByRole('heading', { level: 2, name: /^Google/ })).toBeTruthy();
      // The recent events say the gateway beside what was seen.
      expect((await screen.findAllByText(`${seen} · ${via}`)).length).toBeGreaterThan(0);
    },
  );
});

describe('popup: events of services known only by their names', () => {
  /** An event as the log holds it after a pasted or relayed refusal named the service. */
  async function logEvent(service: string, product: string): Promise<void> {
    await background.log.append({
      service,
      product,
      kind: 'response',
      ruleId: 'recogniser',
      url: 'https://openrouter.ai/api/v1/chat/completions',
      status: 403,
      evidence: 'This service is not available in your region.',
      at: now - 60_000,
    });
  }

  it.each([
    ['en', 'deepseek', 'chat', 'DeepSeek', 'DeepSeek', 'Recent events on all tabs'],
    ['zh_CN', 'moonshot', 'kimi', '月之暗面', 'Kimi', '所有标签页的近期事件'],
    ['zh_TW', 'huggingface', 'hub', 'Hugging Face', 'Hugging Face Hub', '所有分頁的近期事件'],
  ] as const)(
    '%s: lists a %s event under the service’s and product’s names',
    async (locale, service, product, name, productShown, title) => {
      background.stop();
      setup(locale);
      await logEvent(service, product);
      await openTab('https://example.org/');
      renderPopup();
      const recent = await screen.findByRole('heading', { level: 2, name: title });
      const section = recent.closest('section') as HTMLElement;
      expect(
        await within(section).findByRole('heading', { level: 3, name: new RegExp(`^${name}`) }),
      ).toBeTruthy();
      expect(within(section).getByText(productShown, { selector: '.event-product' })).toBeTruthy();
    },
  );
});
