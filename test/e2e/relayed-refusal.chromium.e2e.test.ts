/**
 * A refusal a gateway relays, in Chromium with the production build: LobeChat's chat page calls
 * its own server, which passes Gemini API's "User location is not supported" on (the reference
 * fixture's body, unchanged), and then says it in LobeChat's own words (lobehub/lobehub#4240).
 * The fetch tap on lobechat.com sees the 400 and the page watcher the words; the engine names
 * Google for the first and LobeChat for the second. The log holds one event, for Google, marked as
 * relayed by LobeChat and seen at the client's own URL; the badge counts one; the popup names both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type StandIn, startStandIn } from '../stand-in/server';
import { type DetourInBrowser, launchDetour, type TestPage, waitFor } from './browsers';
import { loggedEvents } from './exported-log';

/** Long enough for a second, unwanted event to reach the log after the wanted one did. */
const GRACE_MS = 1_000;

describe('a refusal relayed by a gateway, in Chromium (production build)', () => {
  let standIn: StandIn;
  let detour: DetourInBrowser;
  let chat: TestPage;
  let tabId: number;

  beforeAll(async () => {
    standIn = await startStandIn({ port: 0 });
    detour = await launchDetour('chromium', { standIn });
    chat = await detour.newPage();
    await chat.goto('https://lobechat.com/chat');
    const status = await waitFor('the chat page to call its server', async () => {
      const text = await chat.evaluate(() => document.getElementById('status')?.textContent ?? '', null);
      return text.startsWith('done') || text.startsWith('failed') ? text : undefined;
    });
    expect(status, 'the page itself must still see the response').toBe('done 400');
    expect(await chat.evaluate(() => document.querySelector('.chat-error')?.textContent ?? '', null)).toMatch(
      /^很抱歉，你的所在地区不支持此模型服务/,
    );
    tabId = await detour.tabIdOf('https://lobechat.com/');
  });

  afterAll(async () => {
    await detour?.close();
    await standIn?.close();
  });

  it('logs one event for the upstream service, seen on the gateway', async () => {
    await waitFor('the relayed refusal in the log', async () =>
      (await loggedEvents(detour)).length > 0 ? true : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, GRACE_MS));
    const events = await loggedEvents(detour);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      service: 'google',
      product: 'gemini-api',
      relayedBy: 'lobechat',
      kind: 'response',
      status: 400,
      url: 'https://lobechat.com/webapi/chat/google',
      tabUrl: 'https://lobechat.com/chat',
      count: 1,
    });
  });

  it('counts it on the tab’s badge and names both services in the popup', async () => {
    expect(await waitFor('the badge', async () => (await detour.badgeText(tabId)) || undefined)).toBe('1');
    expect(await detour.badgeTitle(tabId)).toMatch(/Google/);
    const popup = await detour.openExtensionPage(`popup.html?tabId=${tabId}`);
    const card = await waitFor('the popup’s card', async () => {
      const text = await popup.evaluate(
        () => document.querySelector('section.card-blocked')?.textContent ?? '',
        null,
      );
      return text.includes('passed this refusal on') ? text : undefined;
    });
    expect(card).toContain("Gemini API refused this browser's region");
    expect(card).toContain('LobeChat passed this refusal on: it came from Google.');
    await popup.close();
  });
});
