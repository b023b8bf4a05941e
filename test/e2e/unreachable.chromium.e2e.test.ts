/**
 * A service that cannot be reached from this network, in real Chromium with the production build.
 * `--host-resolver-rules` gives each host the fate the test wants: chatgpt.com goes to a loopback
 * port where nothing listens (connection refused) until the test opens it (the network recovers),
 * chat.openai.com does not resolve, claude.ai is served by the stand-in (another site that
 * loads), and a second unpacked extension blocks gemini.google.com with declarativeNetRequest
 * (ERR_BLOCKED_BY_CLIENT). A second launch has every host fail.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StandIn, startStandIn } from '../stand-in/server';
import { type DetourInBrowser, launchChromium, type TestPage, waitFor } from './browsers';
import { exportedLog } from './exported-log';

/** Longer than the background needs to react to a failed request (it reacts in milliseconds). */
const QUIET_PERIOD_MS = 1_500;

/** A loopback port with nothing listening on it (yet). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
  const address = probe.address();
  await new Promise<void>((done) => probe.close(() => done()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** An unpacked MV3 extension whose one static rule blocks gemini.google.com's pages. */
function blockerExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'detour-blocker-'));
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name: 'Test blocker',
      version: '1.0',
      permissions: ['declarativeNetRequest'],
      declarative_net_request: { rule_resources: [{ id: 'block', enabled: true, path: 'rules.json' }] },
    }),
  );
  writeFileSync(
    join(dir, 'rules.json'),
    JSON.stringify([
      {
        id: 1,
        priority: 1,
        action: { type: 'block' },
        condition: { urlFilter: '||gemini.google.com^', resourceTypes: ['main_frame'] },
      },
    ]),
  );
  return dir;
}

/** Opens a page whose load is expected to fail; the browser's error page is what the user sees. */
async function openFailing(detour: DetourInBrowser, url: string): Promise<TestPage> {
  const page = await detour.newPage();
  await page.goto(url).catch(() => undefined);
  return page;
}

async function unreachableEvents(detour: DetourInBrowser) {
  return (await exportedLog(detour)).events.filter((e) => e.kind === 'unreachable');
}

describe('unreachable services in chromium (production build)', () => {
  let standIn: StandIn;
  let detour: DetourInBrowser;
  let closedPort: number;
  let forwarder: Server | null = null;
  let blocker: string;
  /** The tab whose page was refused, reused after the network recovers. */
  let chatPage: TestPage;

  beforeAll(async () => {
    standIn = await startStandIn({ port: 0, modes: { 'claude.ai': 'served', 'chatgpt.com': 'served' } });
    closedPort = await freePort();
    blocker = blockerExtension();
    detour = await launchChromium({
      standIn,
      hostRulesFirst: [`MAP chatgpt.com 127.0.0.1:${closedPort}`, 'MAP chat.openai.com ~NOTFOUND'],
      otherExtensions: [blocker],
    });
  });

  afterAll(async () => {
    await detour?.close();
    forwarder?.close();
    await standIn?.close();
    if (blocker) rmSync(blocker, { recursive: true, force: true });
  });

  it('a refused host and one that does not resolve, while another site loads, give one unreachable event, counted once', async () => {
    // Another site loads: the evidence that the network works.
    const other = await detour.newPage();
    await other.goto('https://claude.ai/');

    // Blocked by another extension: a failure, but not the network's. Nothing is logged.
    await openFailing(detour, 'https://gemini.google.com/app');
    const geminiTab = await waitFor('the blocked tab', () => detour.tabIdOf('https://gemini.google.com/'));
    await new Promise((done) => setTimeout(done, QUIET_PERIOD_MS));
    expect(await unreachableEvents(detour)).toEqual([]);
    expect((await detour.send('getTabState', { tabId: geminiTab })).pageFailed).toBeUndefined();

    // Connection refused on the page itself.
    chatPage = await openFailing(detour, 'https://chatgpt.com/');
    const chatTab = await waitFor('the refused tab', () => detour.tabIdOf('https://chatgpt.com/'));
    const events = await waitFor('the unreachable event', async () => {
      const found = await unreachableEvents(detour);
      return found.length > 0 ? found : undefined;
    });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ service: 'openai', count: 1, url: 'https://chatgpt.com/' });
    expect(events[0]?.evidence).toContain('chatgpt.com: ERR_CONNECTION_REFUSED');

    // Name not resolved on another host of the same service: the same episode, not a second count.
    await openFailing(detour, 'https://chat.openai.com/');
    const secondTab = await waitFor('the second tab', () => detour.tabIdOf('https://chat.openai.com/'));
    const secondState = await waitFor('the second tab to show the event', async () => {
      const state = await detour.send('getTabState', { tabId: secondTab });
      return state.events.length > 0 ? state : undefined;
    });
    expect(secondState.events.map((e) => e.id)).toEqual([events[0]?.id]);
    expect(secondState.pageFailed?.error).toBe('ERR_NAME_NOT_RESOLVED');
    const after = await unreachableEvents(detour);
    expect(after.map((e) => [e.id, e.count])).toEqual([[events[0]?.id, 1]]);

    // Its own badge state, and the export carries the kind in both formats.
    expect(await detour.badgeText(chatTab)).toBe('\u00D7');
    expect(await detour.badgeTitle(chatTab)).toMatch(/cannot be reached from this network/);
    const csv = await detour.send('exportLog', { format: 'csv' });
    expect(csv.text).toContain(',unreachable,network-unreachable,https://chatgpt.com/,');

    // The popup for that tab says so plainly, never as a refusal, and shows alternatives.
    const popup = await detour.openExtensionPage(`popup.html?tabId=${chatTab}`);
    const shown = await waitFor('the popup with alternatives', () =>
      popup.evaluate(() => {
        const card = document.querySelector('.card-unreachable');
        const suggestions = document.querySelectorAll('.suggestion');
        if (!card || suggestions.length === 0) return undefined;
        return {
          card: card.textContent ?? '',
          words: `${card.querySelector('h1')?.textContent ?? ''} ${card.querySelector('p')?.textContent ?? ''}`,
          suggestions: suggestions.length,
          green: document.querySelector('.card-ok') !== null,
          checkNow: [...document.querySelectorAll('button')].some((b) =>
            /check now/i.test(b.textContent ?? ''),
          ),
        };
      }, null),
    );
    expect(shown.card).toContain('chatgpt.com cannot be reached from this network');
    // It may say what it is not; it never says the service refused.
    expect(shown.words).not.toMatch(/refused|blocked/i);
    expect(shown.card).toContain('ERR_CONNECTION_REFUSED');
    expect(shown.suggestions).toBeGreaterThan(0);
    expect(shown.green).toBe(false);
    expect(shown.checkNow).toBe(true);
    await popup.close();
  });

  it("a normal page of the service after the network recovers clears the tab's state", async () => {
    // The closed port opens: chatgpt.com now reaches the stand-in.
    forwarder = createServer((socket) => {
      const upstream = tcpConnect(standIn.port, '127.0.0.1');
      socket.pipe(upstream).pipe(socket);
      socket.on('error', () => upstream.destroy());
      upstream.on('error', () => socket.destroy());
    });
    const server = forwarder;
    await new Promise<void>((done) => server.listen(closedPort, '127.0.0.1', done));
    const tabId = await detour.tabIdOf('https://chatgpt.com/');
    expect((await detour.send('getTabState', { tabId })).events).toHaveLength(1);
    // The same tab loads the service's page again.
    await chatPage.goto('https://chatgpt.com/?recovered');
    const state = await detour.send('getTabState', { tabId });
    expect(state.events).toEqual([]);
    expect(state.pageFailed).toBeUndefined();
    expect(await detour.badgeText(tabId)).toBe('');
  });
});

describe('every host failing in chromium (production build)', () => {
  let standIn: StandIn;
  let detour: DetourInBrowser;

  beforeAll(async () => {
    standIn = await startStandIn({ port: 0 });
    detour = await launchChromium({
      standIn,
      hostRules: 'MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
    });
  });

  afterAll(async () => {
    await detour?.close();
    await standIn?.close();
  });

  it('logs nothing: no site loads, so nothing says the service alone is cut off', async () => {
    await openFailing(detour, 'https://claude.ai/');
    await openFailing(detour, 'https://chatgpt.com/');
    const chatTab = await waitFor('the failed tab', () => detour.tabIdOf('https://chatgpt.com/'));
    // Detour saw the failure (the tab's page is marked as not loaded), so its silence means something.
    const state = await waitFor('the failed page to be noted', async () => {
      const s = await detour.send('getTabState', { tabId: chatTab });
      return s.pageFailed ? s : undefined;
    });
    expect(state.pageFailed?.error).toBe('ERR_NAME_NOT_RESOLVED');
    await new Promise((done) => setTimeout(done, QUIET_PERIOD_MS));
    expect(await unreachableEvents(detour)).toEqual([]);
    expect(state.events).toEqual([]);
    expect(await detour.badgeText(chatTab)).toBe('');
  });
});
