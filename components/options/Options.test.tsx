// @vitest-environment happy-dom
/**
 * The options page against the real background handlers, log, settings storage, engine and
 * catalog on fakeBrowser: the full log (filter, search, paging, clear with confirmation), the
 * settings import (bad files refused, nothing changed), and "Check an error message".
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { FetchLike } from '../../core/catalog/reachability';
import { classifyObservation, guessForPastedText, serviceInPastedText } from '../../core/detection';
import { readSettings, writeSettings } from '../../core/settings/items';
import fixtures from '../../reference/block-signatures.json';
import { createCatalogView } from '../catalog-live';
import { createExtensionClient, type DownloadFile } from '../extension-client';
import { ClientContext } from '../shared/client-context';
import { createLogStore } from '../stores/log-store';
import { createSettingsStore, liveSettingsBackend } from '../stores/settings-store';
import { useLocale } from '../testing/locale-messages';
import { startTestBackground } from '../testing/test-background';
import { Options } from './Options';

const NOW = Date.UTC(2026, 10, 25, 9, 0, 0);
const clock = () => NOW;
let background: ReturnType<typeof startTestBackground>;
let downloads: DownloadFile[];

function renderOptions(guess: typeof guessForPastedText | null = null) {
  const client = createExtensionClient();
  downloads = [];
  client.download = (file) => void downloads.push(file);
  const settings = createSettingsStore(liveSettingsBackend());
  const log = createLogStore(client, clock);
  render(
    <ClientContext.Provider value={client}>
      <Options
        settings={settings}
        log={log}
        catalog={createCatalogView(clock)}
        classify={classifyObservation}
        guess={guess}
        named={guess ? serviceInPastedText : null}
      />
    </ClientContext.Provider>,
  );
}

/** 120 events: 80 OpenAI API refusals (hosts api-N.example), 40 Claude ones, one an hour apart. */
async function seedLog() {
  await Promise.all(
    Array.from({ length: 120 }, (_, i) => {
      const openai = i % 3 !== 0;
      return background.log.append({
        service: openai ? 'openai' : 'anthropic',
        product: openai ? 'api' : 'claude-web',
        kind: 'response',
        ruleId: 'seed',
        url: `https://api-${i}.example/v1/chat`,
        status: 403,
        evidence: openai ? `unsupported_country_region_territory #${i}` : `App unavailable in region #${i}`,
        at: NOW - (120 - i) * 3600_000,
      });
    }),
  );
}

beforeEach(() => {
  fakeBrowser.reset();
  useLocale('en');
  background = startTestBackground({ now: clock });
});
afterEach(() => {
  cleanup();
  background.stop();
});

describe('options: region', () => {
  it('shows the regions ruled out with "Somewhere else" and can forget them', async () => {
    await writeSettings({ region: { mode: 'auto', notIn: ['CN', 'HK'] } });
    renderOptions();
    const section = await screen.findByRole('region', { name: 'Region' });
    expect(await within(section).findByText(/You told Detour you are not in: China, Hong Kong/)).toBeTruthy();
    fireEvent.click(within(section).getByRole('button', { name: 'Forget this and ask again' }));
    await waitFor(async () => expect((await readSettings()).region).toEqual({ mode: 'auto' }));
    await waitFor(() => expect(within(section).queryByText(/You told Detour/)).toBeNull());
  });
});

describe('options: sections', () => {
  it('has a nav of anchors to every section, each a labelled region', async () => {
    renderOptions();
    const nav = await screen.findByRole('navigation', { name: 'Settings sections' });
    const links = within(nav).getAllByRole('link');
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      '#language',
      '#region',
      '#services',
      '#notifications',
      '#log',
      '#check',
      '#backup',
      '#catalog',
      '#about',
    ]);
    for (const link of links) {
      const id = link.getAttribute('href')?.slice(1) as string;
      const section = await waitFor(() => {
        const found = document.getElementById(id);
        if (!found) throw new Error(`no section #${id}`);
        return found;
      });
      expect(within(section).getByRole('heading', { level: 2 }).textContent).toBe(link.textContent);
    }
  });

  it('writes a setting through to storage', async () => {
    renderOptions();
    const badge = await screen.findByRole('checkbox', { name: /Toolbar badge/ });
    fireEvent.click(badge);
    await waitFor(async () => expect((await readSettings()).badge).toBe(false));
  });
});

describe('options: the full log', () => {
  it('pages through the log, filters by service and searches', async () => {
    await seedLog();
    renderOptions();
    const section = await screen.findByRole('region', { name: 'Log' });
    expect(await within(section).findByText('1–50 of 120')).toBeTruthy();
    expect(within(section).getAllByRole('row')).toHaveLength(51);

    fireEvent.click(within(section).getByRole('button', { name: 'Next' }));
    expect(await within(section).findByText('51–100 of 120')).toBeTruthy();
    expect(within(section).getByText('Page 2 of 3')).toBeTruthy();

    fireEvent.change(within(section).getByLabelText('Service'), { target: { value: 'anthropic' } });
    expect(await within(section).findByText('1–40 of 40')).toBeTruthy();
    const rows = within(section).getAllByRole('row').slice(1);
    expect(rows.every((row) => row.textContent?.includes('Claude'))).toBe(true);

    fireEvent.change(within(section).getByLabelText('Service'), { target: { value: '' } });
    fireEvent.input(within(section).getByLabelText('Search'), { target: { value: '#42' } });
    expect(await within(section).findByText('1–1 of 1', {}, { timeout: 3000 })).toBeTruthy();

    fireEvent.input(within(section).getByLabelText('Search'), { target: { value: '' } });
    fireEvent.change(within(section).getByLabelText('Time'), { target: { value: 'day' } });
    expect(await within(section).findByText('1–24 of 24', {}, { timeout: 3000 })).toBeTruthy();
  });

  it('exports JSON and CSV as files', async () => {
    await seedLog();
    renderOptions();
    const section = await screen.findByRole('region', { name: 'Log' });
    fireEvent.click(within(section).getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]?.mime).toMatch(/csv/);
    expect(downloads[0]?.text.trim().split('\n')).toHaveLength(121);
    expect(await within(section).findByText(`Saved ${downloads[0]?.filename}.`)).toBeTruthy();
  });

  it('clears only after confirming in a dialog', async () => {
    await seedLog();
    renderOptions();
    const section = await screen.findByRole('region', { name: 'Log' });
    await within(section).findByText('1–50 of 120');

    fireEvent.click(within(section).getByRole('button', { name: 'Clear log…' }));
    let dialog = await screen.findByRole('alertdialog', { name: 'Clear the whole log?' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    fireEvent.keyDown(dialog, { key: 'Escape' });
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(await background.log.count()).toBe(120);

    fireEvent.click(within(section).getByRole('button', { name: 'Clear log…' }));
    dialog = await screen.findByRole('alertdialog', { name: 'Clear the whole log?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Clear log' }));
    expect(await within(section).findByText('Deleted 120 events.')).toBeTruthy();
    expect(await within(section).findByText('No events match.')).toBeTruthy();
    expect(await background.log.count()).toBe(0);
  });
});

describe('options: settings backup', () => {
  function importFile(text: string) {
    const input = document.getElementById('settings-file') as HTMLInputElement;
    const file = new File([text], 'settings.json', { type: 'application/json' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    fireEvent.change(input);
  }

  it('refuses a file that is not a settings file, says what is wrong, and changes nothing', async () => {
    await writeSettings({ retentionDays: 30, badge: false });
    const before = await readSettings();
    renderOptions();
    await screen.findByRole('region', { name: 'Back up settings' });

    importFile('{"format":"detour-log","version":1,"events":[]}');
    let alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The file was not imported. Your settings are unchanged.');
    expect(alert.textContent).toContain('This is not a Detour settings file.');

    importFile('{ not json');
    alert = await screen.findByText('This file is not valid JSON.');
    expect(alert).toBeTruthy();

    const wrongValue = JSON.stringify({
      format: 'detour-settings',
      version: 1,
      exportedAt: new Date(NOW).toISOString(),
      settings: { ...before, retentionDays: 'forever' },
    });
    importFile(wrongValue);
    expect(await screen.findByText('A setting in this file has a value Detour cannot use.')).toBeTruthy();
    expect(screen.getByText(/retentionDays/)).toBeTruthy();

    expect(await readSettings()).toEqual(before);
  });

  it('exports settings and imports them back', async () => {
    await writeSettings({ retentionDays: 30 });
    renderOptions();
    const section = await screen.findByRole('region', { name: 'Back up settings' });
    fireEvent.click(within(section).getByRole('button', { name: 'Export settings' }));
    const exported = downloads[0]?.text as string;
    expect(JSON.parse(exported).settings.retentionDays).toBe(30);

    await writeSettings({ retentionDays: 7 });
    importFile(exported);
    expect(await within(section).findByText('Settings imported.')).toBeTruthy();
    expect((await readSettings()).retentionDays).toBe(30);
  });
});

describe('options: check an error message', () => {
  const apiBlock = (fixtures as Array<{ id: string; body: string }>).find(
    (f) => f.id === 'openai-api-403-unsupported-country-region-territory',
  );

  it('recognises a pasted region block and suggests where to go', async () => {
    await writeSettings({ region: { mode: 'chosen', country: 'HK' } });
    renderOptions();
    const section = await screen.findByRole('region', { name: 'Check an error message' });
    fireEvent.input(within(section).getByLabelText('Text to check'), { target: { value: apiBlock?.body } });
    fireEvent.click(within(section).getByRole('button', { name: 'Check' }));
    expect(await within(section).findByText(/^This is a region block by OpenAI/)).toBeTruthy();
    expect(
      within(section).getByText(/unsupported_country_region_territory/, { selector: 'span' }),
    ).toBeTruthy();
    const suggestions = within(section).getByRole('region', { name: /Where to go instead of OpenAI/ });
    expect(
      within(suggestions).getByText(/^For Hong Kong[^(]* \(HK\), as set in the options\.$/),
    ).toBeTruthy();
  });

  it('names a service known only by its name, and still suggests where to go', async () => {
    await writeSettings({ region: { mode: 'chosen', country: 'CN' } });
    renderOptions();
    const section = await screen.findByRole('region', { name: 'Check an error message' });
    // A constructed test of attribution: xAI's sourced refusal sentence behind DeepSeek's name.
    fireEvent.input(within(section).getByLabelText('Text to check'), {
      target: { value: 'DeepSeek: This service is not available in your region.' },
    });
    fireEvent.click(within(section).getByRole('button', { name: 'Check' }));
    expect(await within(section).findByText(/^This is a region block by DeepSeek/)).toBeTruthy();
    const suggestions = within(section).getByRole('region', { name: 'Where to go instead of DeepSeek' });
    const names = [...suggestions.querySelectorAll('li.suggestion h3')].map(
      (heading) => heading.textContent ?? '',
    );
    expect(names.length).toBeGreaterThan(0);
  });

  it('says so when the text is not a region block', async () => {
    renderOptions();
    const section = await screen.findByRole('region', { name: 'Check an error message' });
    fireEvent.input(within(section).getByLabelText('Text to check'), {
      target: { value: '{"error":{"message":"Rate limit reached for gpt-4o","type":"requests"}}' },
    });
    fireEvent.click(within(section).getByRole('button', { name: 'Check' }));
    expect(
      await within(section).findByText(
        /Detour does not recognise a region block|but not like a region block/,
      ),
    ).toBeTruthy();
  });

  describe('a message that only guesses at a region', () => {
    const CLAUDE_CODE_NOTE = [
      ' Unable to connect to Anthropic services',
      ' Failed to connect to api.anthropic.com: ERR_BAD_REQUEST',
      ' Please check your internet connection and network settings.',
      ' Note: Claude Code might not be available in your country. Check supported countries at',
      ' https://anthropic.com/supported-countries',
    ].join('\n');
    const claudeRefusal = (fixtures as Array<{ id: string; body: string }>).find(
      (f) => f.id === 'claude-web-app-unavailable-2025-claude-com',
    );
    /** claude.ai as "Ask Anthropic now" reaches it: refusing this connection, or answering normally. */
    const claudeAnswering = (refusing: boolean): { fetch: FetchLike; asked: string[] } => {
      const asked: string[] = [];
      return {
        asked,
        fetch: async (url) => {
          asked.push(url);
          if (!url.startsWith('https://claude.ai/')) return new Response('', { status: 404 });
          return refusing
            ? new Response(claudeRefusal?.body ?? '', {
                status: 403,
                headers: { 'content-type': 'text/html' },
              })
            : new Response('<title>Claude</title><p>Talk with Claude</p>', { status: 200 });
        },
      };
    };
    const restart = (fetch: FetchLike) => {
      background.stop();
      background = startTestBackground({ now: clock, fetch, checkTimeoutMs: 500 });
    };
    const paste = async (text: string) => {
      const section = await screen.findByRole('region', { name: 'Check an error message' });
      fireEvent.input(within(section).getByLabelText('Text to check'), { target: { value: text } });
      fireEvent.click(within(section).getByRole('button', { name: 'Check' }));
      return section;
    };

    it('offers to ask the service, asks only on a click, and follows a refusal with where to go', async () => {
      const claude = claudeAnswering(true);
      restart(claude.fetch);
      await writeSettings({ region: { mode: 'chosen', country: 'CN' } });
      renderOptions(guessForPastedText);
      const section = await paste(CLAUDE_CODE_NOTE);
      expect(
        await within(section).findByText(
          'This message only guesses that Anthropic may not be available where you are.',
        ),
      ).toBeTruthy();
      expect(
        within(section).getByText('Note: Claude Code might not be available in your country.'),
      ).toBeTruthy();
      expect(within(section).queryByText(/does not recognise a region block/)).toBeNull();
      expect(claude.asked).toEqual([]);
      fireEvent.click(within(section).getByRole('button', { name: 'Ask Anthropic now' }));
      expect(await within(section).findByText('It refused this connection.')).toBeTruthy();
      expect(claude.asked[0]).toMatch(/^https:\/\/claude\.ai\//);
      expect(within(section).getByRole('region', { name: /Where to go instead of/ })).toBeTruthy();
    });

    it('says so when the service answers normally, and suggests nothing', async () => {
      restart(claudeAnswering(false).fetch);
      renderOptions(guessForPastedText);
      const section = await paste(CLAUDE_CODE_NOTE);
      fireEvent.click(await within(section).findByRole('button', { name: 'Ask Anthropic now' }));
      expect(await within(section).findByText(/It answered normally/)).toBeTruthy();
      expect(within(section).queryByRole('region', { name: /Where to go instead of/ })).toBeNull();
    });

    it("offers to ask OpenAI about ChatGPT's block page pasted out of place", async () => {
      renderOptions(guessForPastedText);
      const section = await paste(
        'Unable to load site\nPlease try again later. If you are using a VPN, try turning it off. Check the status page for information on outages.',
      );
      expect(await within(section).findByText("This looks like OpenAI's own block page.")).toBeTruthy();
      expect(within(section).getByRole('button', { name: 'Ask OpenAI now' })).toBeTruthy();
    });

    it('asks a guess that names no service which service it was, then asks that one', async () => {
      const claude = claudeAnswering(true);
      restart(claude.fetch);
      renderOptions(guessForPastedText);
      const section = await paste(
        'Error refreshing session ID, retrying in 1 minute...\nIf this error persists, your country may not be supported yet.',
      );
      expect(
        await within(section).findByText(
          'This message only guesses that the service may not be available where you are.',
        ),
      ).toBeTruthy();
      // Nothing to ask until the person says which service it was.
      expect(within(section).queryByRole('button', { name: /^Ask / })).toBeNull();
      fireEvent.change(within(section).getByLabelText('Which service were you using?'), {
        target: { value: 'anthropic' },
      });
      fireEvent.click(await within(section).findByRole('button', { name: 'Ask Anthropic now' }));
      expect(await within(section).findByText('It refused this connection.')).toBeTruthy();
      expect(claude.asked[0]).toMatch(/^https:\/\/claude\.ai\//);
      expect(within(section).getByRole('region', { name: /Where to go instead of Anthropic/ })).toBeTruthy();
    });

    it("folds an ask under a clean text (a person's own account), asks only on a click, and follows a refusal", async () => {
      const claude = claudeAnswering(true);
      restart(claude.fetch);
      await writeSettings({ region: { mode: 'chosen', country: 'CN' } });
      renderOptions(guessForPastedText);
      const section = await paste("It doesn't work in Italy. Is there a solution?");
      expect(
        await within(section).findByText('Detour does not recognise a region block in this text.'),
      ).toBeTruthy();
      const summary = within(section).getByText('Not sure? Ask the service');
      expect(summary.closest('details')?.open).toBe(false);
      fireEvent.click(summary);
      fireEvent.change(within(section).getByLabelText('Which service were you using?'), {
        target: { value: 'anthropic' },
      });
      expect(claude.asked).toEqual([]);
      fireEvent.click(await within(section).findByRole('button', { name: 'Ask Anthropic now' }));
      expect(await within(section).findByText('It refused this connection.')).toBeTruthy();
      expect(claude.asked[0]).toMatch(/^https:\/\/claude\.ai\//);
      expect(within(section).getByRole('region', { name: /Where to go instead of Anthropic/ })).toBeTruthy();
      // Another service chosen: the last answer and its suggestions are not that service's.
      fireEvent.change(within(section).getByLabelText('Which service were you using?'), {
        target: { value: 'openai' },
      });
      expect(within(section).queryByText('It refused this connection.')).toBeNull();
      expect(within(section).queryByRole('region', { name: /Where to go instead of/ })).toBeNull();
    });

    it('asks the service a clean text looks like without a choice', async () => {
      renderOptions(guessForPastedText);
      const section = await paste(
        'OpenAI API error 429: You exceeded your current quota, please check your plan and billing details.',
      );
      expect(
        await within(section).findByText('Detour does not recognise a region block in this text.'),
      ).toBeTruthy();
      fireEvent.click(within(section).getByText('Not sure? Ask the service'));
      expect(within(section).queryByLabelText('Which service were you using?')).toBeNull();
      expect(within(section).getByRole('button', { name: 'Ask OpenAI now' })).toBeTruthy();
    });

    it('offers nothing for a plain failure or a recognised refusal', async () => {
      renderOptions(guessForPastedText);
      const section = await paste(
        'Unable to connect to Anthropic services. Failed to connect to api.anthropic.com: ECONNRESET',
      );
      expect(
        await within(section).findByText(/does not recognise a region block|but not like a region block/),
      ).toBeTruthy();
      expect(within(section).queryByText(/only guesses/)).toBeNull();
      await paste(apiBlock?.body ?? '');
      expect(await within(section).findByText(/^This is a region block by OpenAI/)).toBeTruthy();
      expect(within(section).queryByText(/only guesses/)).toBeNull();
    });
  });
});
