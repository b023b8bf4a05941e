import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { findProduct, SERVICES } from '../services';
import { browserArea } from '../storage/key-value-area';
import { FIRST_PAINT_MESSAGES, FIRST_PAINT_TEXT_KEY } from './first-paint-text';
import { firstPaintText, writeFirstPaintText, writeFirstPaintTextIfMissing } from './first-paint-text-writer';

const messagesIn = (tag: 'en' | 'zh-CN', table: Record<string, string>) => ({
  get: (name: string) => table[name] ?? '',
  tag,
  followed: 'zh_TW' as const,
});

/** core/services' answer to "is this URL a service's page" (components/service-names serviceForUrl). */
const isPage = (url: string) => {
  const match = findProduct(url);
  return !!match && match.role !== 'api';
};

describe('first paint text', () => {
  it('carries the listed messages by their messages.json names, the language and what "follow the browser" gives', () => {
    const text = firstPaintText(messagesIn('zh-CN', { popup_title: '改道', popup_tab_seen: '看到' }));
    expect(text.locale).toBe('zh-CN');
    expect(text.followed).toBe('zh-TW');
    expect(Object.keys(text.messages).sort()).toEqual([...FIRST_PAINT_MESSAGES].sort());
    expect(text.messages['popup.title']).toBe('改道');
    expect(text.messages['popup.tab.seen']).toBe('看到');
  });

  it('names services and products in the language in use', () => {
    const text = firstPaintText(messagesIn('zh-CN', {}));
    expect(text.names.openai).toBe('OpenAI');
    expect(text.names['openai/platform']).toBe('OpenAI 开发者平台');
    expect(firstPaintText(messagesIn('en', {})).names['openai/platform']).toBe('OpenAI Platform');
  });

  it('lists a host as a page only where core/services says so on every path, and path-limited hosts apart', () => {
    const text = firstPaintText(messagesIn('en', {}));
    expect(text.pageHosts).toContain('chatgpt.com');
    expect(text.pageHosts).not.toContain('api.openai.com');
    expect(text.pathHosts).toContain('www.bing.com');
    const hosts = new Set(SERVICES.flatMap((s) => s.products.flatMap((p) => p.hosts)));
    for (const host of hosts) {
      const answers = ['/', '/chat', '/i/grok', '/app-unavailable-in-region', '/available_regions'].map(
        (path) => isPage(`https://${host}${path}`),
      );
      if (text.pageHosts.includes(host)) expect(answers.every(Boolean), host).toBe(true);
      else if (!text.pathHosts.includes(host)) expect(answers.some(Boolean), host).toBe(false);
    }
    expect(isPage('https://www.bing.com/chat')).toBe(true);
    expect(isPage('https://www.bing.com/')).toBe(false);
    // Host patterns belong to API hosts only: a host in neither list is no page.
    expect(text.otherHostsMayBePages).toBe(false);
  });
});

describe('the text written at a worker start', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is written on a browser start, and left alone when a woken worker finds its last life’s text', async () => {
    const session = browserArea('session');
    // A browser start: nothing in storage.session yet.
    expect(await writeFirstPaintTextIfMissing(session, messagesIn('en', {}))).toBe(true);
    expect(
      ((await session.get([FIRST_PAINT_TEXT_KEY]))[FIRST_PAINT_TEXT_KEY] as { locale: string }).locale,
    ).toBe('en');
    // The choice applied: Chinese. Then the worker sleeps and wakes while the browser speaks English.
    await writeFirstPaintText(session, messagesIn('zh-CN', {}));
    expect(await writeFirstPaintTextIfMissing(session, messagesIn('en', {}))).toBe(false);
    expect(
      ((await session.get([FIRST_PAINT_TEXT_KEY]))[FIRST_PAINT_TEXT_KEY] as { locale: string }).locale,
    ).toBe('zh-CN');
  });
});
