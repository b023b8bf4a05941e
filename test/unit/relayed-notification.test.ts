/**
 * The once-a-day notification for a refusal a gateway passed on, in the three languages: the
 * title names the service that refused (as for any refusal), the body the gateway that relayed it.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type LocaleName, useLocale } from '../../components/testing/locale-messages';
import { notifyAdapter } from '../../core/background/browser-adapters';
import { NotifyGate } from '../../core/background/notify-gate';
import { messages } from '../../core/language/browser-messages';
import type { LogEvent } from '../../core/log/event';
import { DEFAULT_SETTINGS, type Settings } from '../../core/settings/schema';
import { browserArea } from '../../core/storage/key-value-area';

const NOW = Date.UTC(2026, 10, 5, 9);

/** As the recorder logs Gemini API's refusal passed on by LobeChat's server. */
const RELAYED: LogEvent = {
  id: 'e1',
  service: 'google',
  product: 'gemini-api',
  relayedBy: 'lobechat',
  kind: 'response',
  ruleId: 'gemini-api-user-location-not-supported',
  url: 'https://lobechat.com/webapi/chat/google',
  status: 400,
  evidence: 'User location is not supported for the API use.',
  tabUrl: 'https://lobechat.com/chat',
  firstSeen: NOW,
  lastSeen: NOW,
  count: 1,
};

let shown: Array<{ title: string; message: string }>;

async function notify(locale: LocaleName, event: LogEvent): Promise<void> {
  useLocale(locale);
  await messages.use('browser');
  await notifyAdapter(new NotifyGate(browserArea('local'), () => NOW)).blocked(
    event,
    structuredClone(DEFAULT_SETTINGS) as Settings,
  );
}

beforeEach(() => {
  fakeBrowser.reset();
  shown = [];
  fakeBrowser.notifications.create = (async (id: string, options: { title: string; message: string }) => {
    shown.push({ title: options.title, message: options.message });
    return id;
  }) as never;
});

describe('the notification for a relayed refusal', () => {
  it.each([
    ['en', 'Google refused you because of your region', "LobeChat passed on Google's refusal."],
    ['zh_CN', 'Google 因地区限制拒绝了你', 'LobeChat 转达了 Google 的拒绝。'],
    ['zh_TW', 'Google 因地區限制拒絕了你', 'LobeChat 轉達了 Google 的拒絕。'],
  ] as const)(
    '%s: names the service that refused and the gateway that passed it on',
    async (locale, title, body) => {
      await notify(locale, RELAYED);
      expect(shown).toHaveLength(1);
      expect(shown[0]?.title).toBe(title);
      expect(shown[0]?.message.startsWith(body)).toBe(true);
    },
  );

  it('says nothing of a gateway for a service’s own refusal', async () => {
    const { relayedBy: _gateway, ...own } = RELAYED;
    await notify('en', { ...own, url: 'https://generativelanguage.googleapis.com/v1beta/models' });
    expect(shown).toHaveLength(1);
    expect(shown[0]?.message).not.toMatch(/passed on/);
  });
});
