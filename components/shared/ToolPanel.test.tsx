// @vitest-environment happy-dom
/**
 * "Use it in…" in the popup, against the real background handlers, catalog and tools.json
 * (components/testing/test-background.ts) on fakeBrowser, in all three languages: Claude Code leads
 * after a Claude refusal, the OpenAI-compatible tools after an OpenAI one, the tabs follow the ARIA
 * pattern, copy says whether it worked, the key/host pairing shows on the card, and the last chosen
 * tool comes first next time.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { classifyObservation } from '../../core/detection';
import { writeSettings } from '../../core/settings/items';
import { readLastTool, writeLastTool } from '../../core/settings/last-tool';
import fixtures from '../../reference/block-signatures.json';
import { createCatalogView } from '../catalog-live';
import { createRemoteCatalogView } from '../catalog-remote';
import { createExtensionClient, type ExtensionClient } from '../extension-client';
import { CheckMessageSection } from '../options/CheckMessageSection';
import { Popup } from '../popup/Popup';
import { createPopupStore } from '../stores/popup-store';
import { createSettingsStore, liveSettingsBackend } from '../stores/settings-store';
import { liveToolPreference } from '../stores/tool-preference';
import { type LocaleName, localeMessages, useLocale } from '../testing/locale-messages';
import { startTestBackground } from '../testing/test-background';
import { suggestionView } from '../way-forward-views';
import { ClientContext } from './client-context';
import { SuggestionCard } from './SuggestionCard';

const body = (id: string) => {
  const found = (fixtures as Array<{ id: string; body: string }>).find((f) => f.id === id);
  if (!found) throw new Error(`fixture ${id} missing`);
  return found.body;
};
const CLAUDE_PAGE = body('claude-web-app-unavailable-2025-claude-com');
const CHATGPT_PAGE = body('chatgpt-unable-to-load-site-vpn');
const NOW = Date.UTC(2026, 10, 25, 9, 0, 0);
const POPUP_SENDER = () => ({
  id: fakeBrowser.runtime.id,
  url: `chrome-extension://${fakeBrowser.runtime.id}/popup.html`,
});

let background: ReturnType<typeof startTestBackground>;

function setup(locale: LocaleName) {
  cleanup();
  background?.stop();
  fakeBrowser.reset();
  useLocale(locale);
  background = startTestBackground({ now: () => NOW });
}
beforeEach(() => setup('en'));
afterEach(() => {
  cleanup();
  background.stop();
});

async function blockedTab(url: string, text: string): Promise<void> {
  await writeSettings({ region: { mode: 'chosen', country: 'CN' } });
  const window = await fakeBrowser.windows.create({ focused: true });
  const tab = await fakeBrowser.tabs.create({ url, active: true, windowId: window?.id });
  const result = await background.report(tab.id as number, url, 'page-text', { body: text });
  expect(result.accepted).toBe(true);
}

function renderPopup(client: ExtensionClient = createExtensionClient()) {
  return render(
    <ClientContext.Provider value={client}>
      <Popup
        store={createPopupStore(client)}
        settings={createSettingsStore(liveSettingsBackend())}
        catalog={createRemoteCatalogView(client)}
        toolPreference={liveToolPreference()}
        now={NOW}
      />
    </ClientContext.Provider>,
  );
}

/** Opens "Use it in…" on the first suggestion card and returns that card. */
async function openTools(useIn: string): Promise<HTMLElement> {
  const button = (await screen.findAllByRole('button', { name: useIn }))[0] as HTMLElement;
  expect(button.getAttribute('aria-expanded')).toBe('false');
  fireEvent.click(button);
  expect(button.getAttribute('aria-expanded')).toBe('true');
  return button.closest('li') as HTMLElement;
}

describe('Use it in… after a Claude refusal (region CN)', () => {
  it('leads with Claude Code on a platform that serves CN, with ANTHROPIC_BASE_URL and no key', async () => {
    await blockedTab('https://claude.com/app-unavailable-in-region', CLAUDE_PAGE);
    renderPopup();
    const card = await openTools('Use it in…');
    const tablist = await within(card).findByRole('tablist', { name: 'Tool' });
    const tabs = within(tablist).getAllByRole('tab');
    expect(tabs[0]?.textContent).toBe('Claude Code');
    expect(tabs[0]?.getAttribute('aria-selected')).toBe('true');
    const panel = within(card).getByRole('tabpanel');
    expect(panel.getAttribute('aria-labelledby')).toBe(tabs[0]?.id);
    expect(panel.textContent).toContain('ANTHROPIC_BASE_URL');
    expect(panel.textContent).toContain('Put this in ~/.claude/settings.json.');
    expect(panel.textContent).toMatch(
      /export ANTHROPIC_BASE_URL='https:\/\/open\.bigmodel\.cn\/api\/anthropic'/,
    );
    expect(panel.textContent).toContain('export ANTHROPIC_AUTH_TOKEN="$ZHIPU_API_KEY"');
    expect(panel.textContent).toContain('"ANTHROPIC_AUTH_TOKEN": "<ZHIPU_API_KEY>"');
    expect(panel.textContent).not.toMatch(/sk-[A-Za-z0-9]/);
    expect(within(panel).getByText(/GLM Coding Plan/)).toBeTruthy();
  });

  it('moves between tools with the arrow keys, Home and End, and remembers the one chosen', async () => {
    await blockedTab('https://claude.com/app-unavailable-in-region', CLAUDE_PAGE);
    renderPopup();
    const card = await openTools('Use it in…');
    const tablist = await within(card).findByRole('tablist', { name: 'Tool' });
    const tabs = () => within(tablist).getAllByRole('tab');
    fireEvent.keyDown(tabs()[0] as HTMLElement, { key: 'ArrowRight' });
    expect(tabs()[1]?.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(tabs()[1]);
    expect(tabs().filter((t) => t.tabIndex === 0)).toHaveLength(1);
    fireEvent.keyDown(tabs()[1] as HTMLElement, { key: 'End' });
    const last = tabs().at(-1) as HTMLElement;
    expect(last.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(last, { key: 'Home' });
    expect(tabs()[0]?.getAttribute('aria-selected')).toBe('true');
    fireEvent.click(within(tablist).getByRole('tab', { name: 'Continue' }));
    expect(within(card).getByRole('tabpanel').textContent).toContain('provider: openai');
    await waitFor(async () => expect(await readLastTool()).toBe('continue'));

    // Next time the popup opens, the chosen tool comes first, before Claude Code.
    cleanup();
    renderPopup();
    const again = await openTools('Use it in…');
    const first = (await within(again).findAllByRole('tab'))[0];
    expect(first?.textContent).toBe('Continue');
  });

  it('copies a config and says so to screen readers; a failed copy says that too', async () => {
    await blockedTab('https://claude.com/app-unavailable-in-region', CLAUDE_PAGE);
    const client = createExtensionClient();
    const copyText = vi.spyOn(client, 'copyText').mockResolvedValueOnce(true).mockResolvedValueOnce(false);
    renderPopup(client);
    const card = await openTools('Use it in…');
    const panel = await within(card).findByRole('tabpanel');
    const copyButtons = within(panel).getAllByRole('button', { name: 'Copy' });
    // Base URL, model, env block, settings.json.
    expect(copyButtons).toHaveLength(4);
    fireEvent.click(copyButtons[2] as HTMLElement);
    await within(panel).findByText('Copied');
    expect(copyText.mock.calls[0]?.[0]).toMatch(/^export ANTHROPIC_BASE_URL=/);
    expect(within(panel).getByText('Copied').getAttribute('aria-live')).toBe('polite');
    fireEvent.click(copyButtons[3] as HTMLElement);
    expect(await within(panel).findByText(/could not|Could not/)).toBeTruthy();
  });
});

describe('Use it in… after an OpenAI refusal', () => {
  it('names the OpenAI-compatible tools first', async () => {
    await blockedTab('https://chatgpt.com/', CHATGPT_PAGE);
    renderPopup();
    const card = await openTools('Use it in…');
    const names = (await within(card).findAllByRole('tab')).map((t) => t.textContent);
    expect(names.slice(0, 4)).toEqual(['Cherry Studio', 'Chatbox', 'LobeChat', 'Open WebUI']);
    expect(names).toContain('Cursor');
    // Claude Code comes after every OpenAI-compatible tool, where the platform offers it at all.
    if (names.includes('Claude Code')) expect(names.at(-1)).toBe('Claude Code');
    fireEvent.click(within(card).getByRole('tab', { name: 'Cursor' }));
    expect(within(card).getByText(/built-in models stop working/)).toBeTruthy();
  });
});

describe('the card warns where keys belong to one site', () => {
  it('Moonshot in CN: keys from platform.moonshot.cn work only with api.moonshot.cn', async () => {
    const answer = await background.handlers.getSuggestions(
      { service: 'openai', region: 'CN', limit: 10 },
      POPUP_SENDER(),
    );
    const moonshot = answer.suggestions.map(suggestionView).find((s) => s.platformId === 'moonshot');
    if (!moonshot) throw new Error('moonshot not suggested');
    render(
      <ClientContext.Provider value={createExtensionClient()}>
        <ol>
          <SuggestionCard
            suggestion={moonshot}
            rank={1}
            snippetsFor={() => ({ ok: false, reasonKey: '', docsUrl: null })}
            sourceModels={[]}
          />
        </ol>
      </ClientContext.Provider>,
    );
    const warnings = screen.getAllByText(
      /^Keys from platform\.moonshot\.(cn|ai) work only with api\.moonshot\.(cn|ai)\./,
    );
    expect(warnings[0]?.textContent).toMatch(/platform\.moonshot\.cn work only with api\.moonshot\.cn/);
    // Without a way to set tools up, the card offers no "Use it in…".
    expect(screen.queryByRole('button', { name: 'Use it in…' })).toBeNull();
  });
});

describe('Use it in… in the options page (catalog in the page)', () => {
  it('after a pasted Claude refusal, leads with the tool chosen last, then Claude Code', async () => {
    await writeLastTool('aider');
    render(
      <ClientContext.Provider value={createExtensionClient()}>
        <CheckMessageSection
          classify={classifyObservation}
          catalog={createCatalogView(() => NOW)}
          region="CN"
          regionAutomatic={false}
          toolPreference={liveToolPreference()}
        />
      </ClientContext.Provider>,
    );
    fireEvent.input(screen.getByLabelText('Text to check'), { target: { value: CLAUDE_PAGE } });
    fireEvent.click(screen.getByRole('button', { name: 'Check' }));
    const card = await openTools('Use it in…');
    const names = within(card)
      .getAllByRole('tab')
      .map((t) => t.textContent);
    expect(names.slice(0, 2)).toEqual(['Aider', 'Claude Code']);
    expect(within(card).getByRole('tabpanel').textContent).toContain('aider --model');
  });
});

describe('the tools messages', () => {
  it('hold no $, which Chrome would read as the start of a placeholder and mangle', () => {
    for (const locale of ['en', 'zh_CN', 'zh_TW'] as const) {
      const tools = Object.entries(localeMessages(locale)).filter(([key]) => key.startsWith('tools_'));
      expect(tools.length).toBeGreaterThan(20);
      for (const [key, { message }] of tools)
        expect(message.replace(/\$\d/g, ''), `${locale} ${key}`).not.toContain('$');
    }
  });
});

describe.each([
  ['zh_CN', '在常用工具中使用…', '工具', '写入 ~/.claude/settings.json。', '复制'],
  ['zh_TW', '在常用工具中使用…', '工具', '寫入 ~/.claude/settings.json。', '複製'],
  ['en', 'Use it in…', 'Tool', 'Put this in ~/.claude/settings.json.', 'Copy'],
] as const)('in %s', (locale, useIn, tablistName, where, copy) => {
  it('labels the tools, where the config goes and the copy buttons in that language', async () => {
    setup(locale);
    await blockedTab('https://claude.com/app-unavailable-in-region', CLAUDE_PAGE);
    renderPopup();
    const card = await openTools(useIn);
    await within(card).findByRole('tablist', { name: tablistName });
    const panel = within(card).getByRole('tabpanel');
    expect(within(panel).getByText(where)).toBeTruthy();
    expect(within(panel).getAllByRole('button', { name: copy }).length).toBeGreaterThan(2);
    // Every pitfall and note is translated: none falls back to an empty string or a key.
    for (const li of within(panel).queryAllByRole('listitem'))
      expect(li.textContent?.trim().length).toBeGreaterThan(10);
    expect(panel.textContent).not.toContain('tools.');
  });
});
