// @vitest-environment happy-dom
/**
 * The first-run page over fakeBrowser storage: every watched host from core/services is listed,
 * the connection check is a real switch on the existing setting (off by default), the language
 * choice rewrites the page, and the page reads in all three languages with one h1 and landmarks.
 */
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { render as preactRender } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { messages } from '../../core/language/browser-messages';
import { matchPatterns } from '../../core/services';
import { readSettings } from '../../core/settings/items';
import { renderLocalized } from '../localized-page';
import { createSettingsStore, liveSettingsBackend } from '../stores/settings-store';
import { type LocaleName, serveLocaleFiles, useLocale } from '../testing/locale-messages';
import { Welcome } from './Welcome';

let restoreFetch: () => void;

beforeEach(() => {
  fakeBrowser.reset();
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  restoreFetch = serveLocaleFiles();
});
afterEach(async () => {
  cleanup();
  restoreFetch();
  await messages.use('browser');
});

function renderWelcome(locale: LocaleName = 'en') {
  useLocale(locale);
  render(<Welcome settings={createSettingsStore(liveSettingsBackend())} />);
}

describe('first-run page', () => {
  it('lists every host the manifest asks for, under its service', async () => {
    renderWelcome();
    const section = await screen.findByRole('region', { name: 'What Detour watches, and why' });
    const listed = within(section)
      .getAllByRole('listitem')
      .flatMap((li) => [...li.querySelectorAll(':scope > code')].map((c) => c.textContent ?? ''));
    // Host permissions are match patterns like https://chatgpt.com/* or https://bedrock-runtime.*.amazonaws.com/*.
    const hosts = matchPatterns(['webApp', 'api', 'blockPage']).map(
      (p) => /^[^:]+:\/\/([^/]+)(\/.*)?$/.exec(p)?.[1] as string,
    );
    expect(hosts.length).toBeGreaterThan(5);
    for (const host of hosts) {
      expect(
        listed.some((site) => site === host || site.startsWith(`${host}/`)),
        host,
      ).toBe(true);
    }
    expect(within(section).getByRole('list', { name: 'Sites of OpenAI' })).toBeTruthy();
  });

  it('offers the connection check as a switch that is off, and turns the real setting on', async () => {
    renderWelcome();
    const box = (await screen.findByRole('checkbox', {
      name: /Check my connection when I open an AI service\?/,
    })) as HTMLInputElement;
    expect(box.checked).toBe(false);
    expect((await readSettings()).exitCheckOnOpen).toBe(false);
    fireEvent.click(box);
    await waitFor(async () =>
      expect(await readSettings()).toMatchObject({ exitCheckOnOpen: true, exitCheckOffered: true }),
    );
    fireEvent.click(box);
    await waitFor(async () => expect((await readSettings()).exitCheckOnOpen).toBe(false));
  });

  it('has one h1, landmarks, a skip link and a heading per section named in its nav', async () => {
    renderWelcome();
    expect(await screen.findByRole('heading', { level: 1, name: 'Detour is installed' })).toBeTruthy();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(screen.getByRole('main')).toBeTruthy();
    expect(screen.getByRole('contentinfo')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Skip to settings' }).getAttribute('href')).toBe('#welcome-main');
    const nav = screen.getByRole('navigation', { name: 'On this page' });
    for (const link of within(nav).getAllByRole('link')) {
      const section = document.getElementById(link.getAttribute('href')?.slice(1) as string) as HTMLElement;
      expect(within(section).getByRole('heading', { level: 2 }).textContent).toBe(link.textContent);
    }
    expect(screen.getByRole('link', { name: 'Open the settings' }).getAttribute('href')).toBe('options.html');
    // Errors Detour cannot see (a terminal's, an editor's) go to the checker.
    const paste = screen.getByRole('region', { name: 'An error Detour cannot see' });
    expect(within(paste).getByRole('link', { name: 'Check an error message' }).getAttribute('href')).toBe(
      'options.html#check',
    );
    const demo = screen.getByRole('region', { name: 'See it work without an AI account' });
    expect(within(demo).getByText('npm start').tagName).toBe('CODE');
    expect(demo.textContent).not.toContain('{command}');
  });

  it.each([
    ['zh_CN', 'Detour 已安装好', '检查网络出口（可选）', '你所在的国家或地区'],
    ['zh_TW', 'Detour 已安裝完成', '檢查網路出口（選用）', '你所在的國家或地區'],
  ] as const)('reads in %s', async (locale, title, check, lead) => {
    renderWelcome(locale);
    expect(await screen.findByRole('heading', { level: 1, name: title })).toBeTruthy();
    expect(screen.getByRole('heading', { level: 2, name: check })).toBeTruthy();
    expect(document.body.textContent).toContain(lead);
    expect(document.body.textContent).not.toMatch(/\{[a-z]+\}/i);
  });

  it('switches language in place from its own choice', async () => {
    useLocale('en');
    const root = document.createElement('div');
    document.body.append(root);
    const settings = createSettingsStore(liveSettingsBackend());
    renderLocalized(root, () => <Welcome settings={settings} />);
    const select = await screen.findByRole('combobox', { name: 'Language of Detour' });
    fireEvent.change(select, { target: { value: 'zh-CN' } });
    expect(await screen.findByRole('heading', { level: 1, name: 'Detour 已安装好' })).toBeTruthy();
    preactRender(null, root);
    root.remove();
  });
});
