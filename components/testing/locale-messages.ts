/**
 * Tests only: back fakeBrowser's browser.i18n with the real locale files, converted the way
 * the build converts them (@wxt-dev/i18n/build → _locales/<lang>/messages.json), so component
 * tests read the same text a person would see and fail on a key that is missing.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateChromeMessages, parseMessagesText } from '@wxt-dev/i18n/build';
import { fakeBrowser } from 'wxt/testing/fake-browser';

export type LocaleName = 'en' | 'zh_CN' | 'zh_TW';

const ROOT = resolve(import.meta.dirname, '../..');

export function localeMessages(locale: LocaleName): Record<string, { message: string }> {
  const text = readFileSync(resolve(ROOT, 'locales', `${locale}.yml`), 'utf8');
  return generateChromeMessages(parseMessagesText(text, 'YAML')) as Record<string, { message: string }>;
}

/** Chrome's getMessage: `$1`..`$9` from substitutions, `$$` → `$`, '' for an unknown key. */
function chromeGetMessage(
  messages: Record<string, { message: string }>,
  key: string,
  subs?: unknown,
): string {
  const entry = messages[key];
  if (!entry) return '';
  const list = Array.isArray(subs) ? subs.map(String) : subs == null ? [] : [String(subs)];
  return entry.message.replace(/\$(\$|[1-9])/g, (_m, what: string) =>
    what === '$' ? '$' : (list[Number(what) - 1] ?? ''),
  );
}

/** Make browser.i18n answer from `locales/<locale>.yml`. Call in beforeEach (after fakeBrowser.reset()). */
export function useLocale(locale: LocaleName): void {
  const messages = localeMessages(locale);
  const i18nApi = fakeBrowser.i18n as unknown as Record<string, unknown>;
  i18nApi.getMessage = (key: string, subs?: unknown) => chromeGetMessage(messages, key, subs);
  i18nApi.getUILanguage = () => locale.replace('_', '-');
}

/**
 * Make `fetch` answer the extension's own `_locales/<locale>/messages.json` from the YAML files,
 * as the build ships them, so a language chosen in the options loads through the real path.
 * Returns the restore.
 */
export function serveLocaleFiles(): () => void {
  const original = globalThis.fetch;
  globalThis.fetch = (async (input: RequestInfo | URL) => {
    const url = String(input instanceof Request ? input.url : input);
    const m = /^chrome-extension:\/\/[^/]+\/_locales\/(en|zh_CN|zh_TW)\/messages\.json$/.exec(url);
    if (!m) return new Response('not found', { status: 404 });
    return new Response(JSON.stringify(localeMessages(m[1] as LocaleName)), {
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  return () => {
    globalThis.fetch = original;
  };
}
