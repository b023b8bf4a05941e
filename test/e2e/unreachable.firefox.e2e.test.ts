/**
 * A service that cannot be reached from this network, in real Firefox ESR with the production
 * build, through the loopback CONNECT proxy to the stand-in. chatgpt.com does not resolve: the
 * proxy answers its CONNECT as a proxy whose DNS lookup failed (404, which Firefox turns into
 * NS_ERROR_UNKNOWN_HOST; test/stand-in/connect-proxy.ts cites where). platform.openai.com
 * connects, but the stand-in closes the connection without an answer (NS_ERROR_NET_RESET).
 * claude.ai is served (another site that loads); a second temporary add-on cancels
 * gemini.google.com with webRequest (blocked by the client). A second launch cuts every host.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StandIn, startStandIn } from '../stand-in/server';
import { type DetourInBrowser, launchFirefox, type TestPage, waitFor } from './browsers';
import { exportedLog } from './exported-log';

const QUIET_PERIOD_MS = 1_500;

/** A temporary MV2 add-on that cancels gemini.google.com's pages (Firefox: NS_ERROR_ABORT). */
function blockerAddon(): string {
  const dir = mkdtempSync(join(tmpdir(), 'detour-ff-blocker-'));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 2,
      name: 'Test blocker',
      version: '1.0',
      permissions: ['webRequest', 'webRequestBlocking', 'https://gemini.google.com/*'],
      background: { scripts: ['background.js'] },
    }),
  );
  writeFileSync(
    join(dir, 'background.js'),
    `browser.webRequest.onBeforeRequest.addListener(() => ({ cancel: true }),
      { urls: ['https://gemini.google.com/*'], types: ['main_frame'] }, ['blocking']);`,
  );
  return dir;
}

async function openFailing(detour: DetourInBrowser, url: string): Promise<TestPage> {
  const page = await detour.newPage();
  await page.goto(url).catch(() => undefined);
  return page;
}

async function unreachableEvents(detour: DetourInBrowser) {
  return (await exportedLog(detour)).events.filter((e) => e.kind === 'unreachable');
}

describe('unreachable services in firefox (production build)', () => {
  let standIn: StandIn;
  let detour: DetourInBrowser;
  let blocker: string;
  const cut = new Set<string>(['platform.openai.com']);
  let chatPage: TestPage;

  beforeAll(async () => {
    standIn = await startStandIn({
      port: 0,
      modes: { 'claude.ai': 'served', 'chatgpt.com': 'served' },
      extraRoutes: ({ host }) => (cut.has(host) ? { status: 0, reset: true } : null),
    });
    blocker = blockerAddon();
    detour = await launchFirefox({
      standIn,
      failures: new Map([['chatgpt.com', 'unresolved']]),
      otherExtensions: [blocker],
    });
  });

  afterAll(async () => {
    await detour?.close();
    await standIn?.close();
    if (blocker) rmSync(blocker, { recursive: true, force: true });
  });

  it('a host that does not resolve and one that resets, while another site loads, give one unreachable event, counted once', async () => {
    const other = await detour.newPage();
    await other.goto('https://claude.ai/');

    await openFailing(detour, 'https://gemini.google.com/app');
    await new Promise((done) => setTimeout(done, QUIET_PERIOD_MS));
    expect(await unreachableEvents(detour)).toEqual([]);

    chatPage = await openFailing(detour, 'https://chatgpt.com/');
    const chatTab = await waitFor('the failed tab', () => detour.tabIdOf('https://chatgpt.com/'));
    const events = await waitFor('the unreachable event', async () => {
      const found = await unreachableEvents(detour);
      return found.length > 0 ? found : undefined;
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ service: 'openai', count: 1 });
    expect(events[0]?.evidence).toBe('chatgpt.com: NS_ERROR_UNKNOWN_HOST');
    expect((await detour.send('getTabState', { tabId: chatTab })).pageFailed?.error).toBe(
      'NS_ERROR_UNKNOWN_HOST',
    );

    await openFailing(detour, 'https://platform.openai.com/playground');
    const secondTab = await waitFor('the second tab', () => detour.tabIdOf('https://platform.openai.com/'));
    const secondState = await waitFor('the second tab to show the event', async () => {
      const state = await detour.send('getTabState', { tabId: secondTab });
      return state.events[0]?.id === events[0]?.id ? state : undefined;
    });
    expect(secondState.pageFailed?.error).toBe('NS_ERROR_NET_RESET');
    expect((await unreachableEvents(detour)).map((e) => [e.id, e.count])).toEqual([[events[0]?.id, 1]]);

    expect(await detour.badgeText(chatTab)).toBe('\u00D7');
    expect(await detour.badgeTitle(chatTab)).toMatch(/cannot be reached from this network/);

    const popup = await detour.openExtensionPage(`popup.html?tabId=${chatTab}`);
    const shown = await waitFor('the popup with alternatives', () =>
      popup.evaluate(() => {
        const card = document.querySelector('.card-unreachable');
        const suggestions = document.querySelectorAll('.suggestion');
        if (!card || suggestions.length === 0) return undefined;
        return {
          title: card.querySelector('h1')?.textContent ?? '',
          suggestions: suggestions.length,
          green: document.querySelector('.card-ok') !== null,
        };
      }, null),
    );
    expect(shown.title).toBe('chatgpt.com cannot be reached from this network');
    expect(shown.suggestions).toBeGreaterThan(0);
    expect(shown.green).toBe(false);
    await popup.close();
  });

  it("a normal page of the service after the network recovers clears the tab's state", async () => {
    const tabId = await detour.tabIdOf('https://chatgpt.com/');
    detour.failures.delete('chatgpt.com');
    cut.clear();
    await chatPage.goto('https://chatgpt.com/?recovered');
    await waitFor('the tab to be cleared', async () => {
      const state = await detour.send('getTabState', { tabId });
      return state.events.length === 0 && !state.pageFailed ? true : undefined;
    });
    expect(await detour.badgeText(tabId)).toBe('');
  });
});

describe('every host failing in firefox (production build)', () => {
  let standIn: StandIn;
  let detour: DetourInBrowser;

  beforeAll(async () => {
    standIn = await startStandIn({ port: 0, extraRoutes: () => ({ status: 0, reset: true }) });
    detour = await launchFirefox({ standIn });
  });

  afterAll(async () => {
    await detour?.close();
    await standIn?.close();
  });

  it('logs nothing: no site loads, so nothing says the service alone is cut off', async () => {
    await openFailing(detour, 'https://claude.ai/');
    await openFailing(detour, 'https://chatgpt.com/');
    const chatTab = await waitFor('the failed tab', () => detour.tabIdOf('https://chatgpt.com/'));
    const state = await waitFor('the failed page to be noted', async () => {
      const s = await detour.send('getTabState', { tabId: chatTab });
      return s.pageFailed ? s : undefined;
    });
    expect(state.pageFailed?.error).toBe('NS_ERROR_NET_RESET');
    await new Promise((done) => setTimeout(done, QUIET_PERIOD_MS));
    expect(await unreachableEvents(detour)).toEqual([]);
  });
});
