import { describe, expect, it, vi } from 'vitest';
import { localeForBrowserTag, resolveLocale } from './choice';
import {
  type MessagePorts,
  MessageSource,
  type MessageTable,
  parseMessageTable,
  tableMessage,
} from './messages';

describe('following the browser', () => {
  it.each([
    ['zh-HK', 'zh_TW'],
    ['zh-MO', 'zh_TW'],
    ['zh-TW', 'zh_TW'],
    ['zh_TW', 'zh_TW'],
    ['zh-Hant', 'zh_TW'],
    ['zh-Hant-SG', 'zh_TW'],
    ['zh-hant-hk', 'zh_TW'],
    ['zh-CN', 'zh_CN'],
    ['zh_CN', 'zh_CN'],
    ['zh-SG', 'zh_CN'],
    ['zh-MY', 'zh_CN'],
    ['zh', 'zh_CN'],
    ['zh-Hans', 'zh_CN'],
    ['zh-Hans-HK', 'zh_CN'],
    ['en-US', 'en'],
    ['en', 'en'],
    ['fr-FR', 'en'],
    ['ja', 'en'],
    ['zhx-TW', 'en'],
    ['', 'en'],
  ] as const)('%s reads %s', (tag, locale) => {
    expect(localeForBrowserTag(tag)).toBe(locale);
  });

  it('a fixed choice ignores the browser', () => {
    expect(resolveLocale('zh-TW', 'en-US')).toBe('zh_TW');
    expect(resolveLocale('zh-CN', 'zh-HK')).toBe('zh_CN');
    expect(resolveLocale('en', 'zh-CN')).toBe('en');
    expect(resolveLocale('browser', 'zh-HK')).toBe('zh_TW');
    expect(resolveLocale('browser', null)).toBe('en');
  });
});

describe('messages.json tables', () => {
  it('fills $1…$9 and $$ as the browser does, and answers "" for an unknown key', () => {
    const table: MessageTable = { a: { message: 'Seen $1 times, $$5' }, b: { message: 'plain' } };
    expect(tableMessage(table, 'a', ['3'])).toBe('Seen 3 times, $5');
    expect(tableMessage(table, 'b')).toBe('plain');
    expect(tableMessage(table, 'missing')).toBe('');
    expect(tableMessage(table, 'constructor')).toBe('');
  });

  it('refuses what is not a messages.json', () => {
    expect(parseMessageTable({ a: { message: 'x' } })).toEqual({ a: { message: 'x' } });
    expect(parseMessageTable(null)).toBeNull();
    expect(parseMessageTable({ a: 'x' })).toBeNull();
    expect(parseMessageTable({ a: { message: 5 } })).toBeNull();
    expect(parseMessageTable({ 'a b': { message: 'x' } })).toBeNull();
  });
});

const TABLES: Record<string, MessageTable> = {
  en: { meta_locale: { message: 'en' }, hello: { message: 'Hello' }, onlyEn: { message: 'Only English' } },
  zh_CN: { meta_locale: { message: 'zh-CN' }, hello: { message: '你好' } },
  zh_TW: { meta_locale: { message: 'zh-TW' }, hello: { message: '你好（繁體）' } },
};

function ports(browserLocale: 'en' | 'zh_CN', uiLanguage: string, overrides: Partial<MessagePorts> = {}) {
  const table = TABLES[browserLocale] as MessageTable;
  return {
    getMessage: (name: string, subs?: string[]) => tableMessage(table, name, subs),
    uiLanguage: () => uiLanguage,
    loadTable: vi.fn(async (locale: string) => TABLES[locale] ?? null),
    ...overrides,
  };
}

describe('MessageSource', () => {
  it('reads the browser’s messages until a choice is applied, then the chosen file', async () => {
    const p = ports('en', 'en-US');
    const source = new MessageSource(p);
    expect(source.get('hello')).toBe('Hello');
    expect(source.tag).toBe('en');
    expect(await source.use('zh-TW')).toBe(true);
    expect(p.loadTable).toHaveBeenCalledWith('zh_TW');
    expect(source.get('hello')).toBe('你好（繁體）');
    expect(source.tag).toBe('zh-TW');
    // A key the chosen file lacks still answers, from the browser's messages.
    expect(source.get('onlyEn')).toBe('Only English');
    expect(await source.use('browser')).toBe(true);
    expect(source.get('hello')).toBe('Hello');
  });

  it('follows a Hong Kong browser to Traditional Chinese, which browser.i18n alone would not', async () => {
    const p = ports('en', 'zh-HK');
    const source = new MessageSource(p);
    expect(source.followed).toBe('zh_TW');
    await source.use('browser');
    expect(source.get('hello')).toBe('你好（繁體）');
  });

  it('follows the browser’s own Chinese table when its UI language reads English for a moment', async () => {
    // A worker just started: getUILanguage() said English while getMessage answered in Chinese.
    const p = ports('zh_CN', 'en-US');
    const source = new MessageSource(p);
    expect(source.followed).toBe('zh_CN');
    expect(await source.use('browser')).toBe(false);
    expect(p.loadTable).not.toHaveBeenCalled();
    expect(source.tag).toBe('zh-CN');
    expect(source.get('hello')).toBe('你好');
  });

  it('reads no file when the browser already serves the chosen language', async () => {
    const p = ports('zh_CN', 'zh-CN');
    const source = new MessageSource(p);
    expect(await source.use('zh-CN')).toBe(false);
    expect(await source.use('browser')).toBe(false);
    expect(p.loadTable).not.toHaveBeenCalled();
    expect(source.get('hello')).toBe('你好');
  });

  it('keeps the browser’s messages when the file cannot be read', async () => {
    const failing = ports('en', 'en', {
      loadTable: async () => {
        throw new Error('gone');
      },
    });
    const source = new MessageSource(failing);
    expect(await source.use('zh-CN')).toBe(false);
    expect(source.get('hello')).toBe('Hello');
    expect(source.tag).toBe('en');
    const unreadable = new MessageSource(ports('en', 'en', { loadTable: async () => null }));
    await unreadable.use('zh-TW');
    expect(unreadable.get('hello')).toBe('Hello');
  });

  it('a later choice wins over one still loading', async () => {
    let release: () => void = () => {};
    const slow = new Promise<void>((done) => {
      release = done;
    });
    const p = ports('en', 'en', {
      loadTable: async (locale) => {
        if (locale === 'zh_CN') await slow;
        return TABLES[locale] ?? null;
      },
    });
    const source = new MessageSource(p);
    const first = source.use('zh-CN');
    await source.use('zh-TW');
    release();
    await first;
    expect(source.get('hello')).toBe('你好（繁體）');
  });
});
