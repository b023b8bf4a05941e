/**
 * A default region for recommendations from what the browser already says about the user: the UI
 * language and the time zone. Never from an IP look-up. The time zone (a physical clock setting)
 * wins over the language (many people read a language of another country); a bare language tag
 * says nothing, except Persian, which is spoken mostly in Iran.
 */
import timezones from './timezones.json';

const ZONES: Record<string, string> = timezones.zones;
const BARE_LANGUAGE_REGION: Record<string, string> = { fa: 'IR' };

export function guessRegion(input: { uiLanguage?: string | null; timeZone?: string | null }): string | null {
  const fromZone = input.timeZone ? ZONES[input.timeZone.trim()] : undefined;
  if (fromZone) return fromZone;

  // BCP 47: language[-script][-REGION]…, e.g. zh-Hant-HK, ru-RU, fa.
  const parts = (input.uiLanguage ?? '').trim().replace(/_/g, '-').split('-');
  const language = parts[0]?.toLowerCase() ?? '';
  const region = parts.slice(1).find((p) => /^[A-Za-z]{2}$/.test(p));
  if (region) return region.toUpperCase();
  return BARE_LANGUAGE_REGION[language] ?? null;
}
