/**
 * Which messages a person reads: their choice in the options ("follow the browser", English,
 * 简体中文, 繁體中文) resolved to one of the locale folders the build ships (`_locales/<folder>`).
 *
 * Chrome and Firefox look for `_locales/zh_HK`, then `zh`, then the default locale, so a browser
 * in zh-HK, zh-MO or zh-Hant would get English from browser.i18n alone. Following the browser
 * here maps every Chinese tag to the script its readers use.
 */
import * as v from 'valibot';

export const UI_LANGUAGES = ['browser', 'en', 'zh-CN', 'zh-TW'] as const;
export const UiLanguage = v.picklist(UI_LANGUAGES);
export type UiLanguage = v.InferOutput<typeof UiLanguage>;

/** The folders under `_locales/` (and files under `locales/`) the build ships. */
export type MessageLocale = 'en' | 'zh_CN' | 'zh_TW';
/** The BCP 47 tag each folder's messages are written in (`meta.locale` in its YAML). */
export const LOCALE_TAG: Readonly<Record<MessageLocale, 'en' | 'zh-CN' | 'zh-TW'>> = {
  en: 'en',
  zh_CN: 'zh-CN',
  zh_TW: 'zh-TW',
};

/**
 * Each language named in itself, as language menus do, so a reader finds their own whatever the
 * page is in. Not translations: the same in every locale.
 */
export const LANGUAGE_NAMES: Readonly<Record<MessageLocale, string>> = {
  en: 'English',
  zh_CN: '简体中文',
  zh_TW: '繁體中文',
};
/** The `lang` of each name above, so a screen reader pronounces it right. */
export const LANGUAGE_NAME_LANG: Readonly<Record<MessageLocale, string>> = {
  en: 'en',
  zh_CN: 'zh-Hans',
  zh_TW: 'zh-Hant',
};

/** Regions whose Chinese is written in Traditional characters when the tag names no script. */
const TRADITIONAL_REGIONS = new Set(['tw', 'hk', 'mo']);

/**
 * A browser language tag (`zh-HK`, `zh_TW`, `zh-Hant-SG`, `zh-Hans`, `en-GB`, `fr`) to the locale
 * folder that suits it: Chinese by script, else by region (Traditional for Taiwan, Hong Kong and
 * Macao; Simplified for mainland China, Singapore, Malaysia and a bare `zh`); English otherwise,
 * as the manifest's default_locale.
 */
export function localeForBrowserTag(tag: string | null | undefined): MessageLocale {
  const parts = (tag ?? '').trim().toLowerCase().split(/[-_]/);
  if (parts[0] !== 'zh') return 'en';
  if (parts.includes('hant')) return 'zh_TW';
  if (parts.includes('hans')) return 'zh_CN';
  return parts.slice(1).some((p) => TRADITIONAL_REGIONS.has(p)) ? 'zh_TW' : 'zh_CN';
}

/** The locale folder to read for a choice, given the browser's UI language. */
export function resolveLocale(choice: UiLanguage, browserTag: string | null | undefined): MessageLocale {
  switch (choice) {
    case 'en':
      return 'en';
    case 'zh-CN':
      return 'zh_CN';
    case 'zh-TW':
      return 'zh_TW';
    default:
      return localeForBrowserTag(browserTag);
  }
}
