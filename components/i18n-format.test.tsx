/**
 * The date, number and relative-time formatters are cached per locale and options
 * (components/i18n.ts): a change of UI language must still change the text.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { formatDateTime, formatIsoDate, formatNumber, formatRelative, formatTime } from './i18n';
import { useLocale } from './testing/locale-messages';

const at = Date.UTC(2026, 10, 25, 9, 30);

beforeEach(() => {
  fakeBrowser.reset();
});

describe('cached Intl formatters', () => {
  it('format like a fresh formatter, and follow a change of UI language', () => {
    useLocale('en');
    const en = [formatDateTime(at), formatTime(at), formatNumber(12345), formatIsoDate('2026-06-03')];
    expect(en).toEqual([
      new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' }).format(at),
      new Intl.DateTimeFormat('en', { timeStyle: 'short' }).format(at),
      '12,345',
      'Jun 3, 2026',
    ]);
    expect(formatRelative(at - 3 * 60_000, at)).toBe('3 minutes ago');

    useLocale('zh_CN');
    expect(formatDateTime(at)).toBe(
      new Intl.DateTimeFormat('zh-CN', { dateStyle: 'medium', timeStyle: 'short' }).format(at),
    );
    expect(formatDateTime(at)).not.toBe(en[0]);
    expect(formatRelative(at - 3 * 60_000, at)).toBe('3分钟前');

    useLocale('zh_TW');
    expect(formatRelative(at - 3 * 60_000, at)).toBe('3 分鐘前');
  });
});
