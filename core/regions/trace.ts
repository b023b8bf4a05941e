/**
 * Reading the exit country from what a service's own infrastructure says, never from a third-party
 * look-up: Cloudflare's `/cdn-cgi/trace` (`loc=XX` lines) and its 1009 "country banned" page, which
 * names the country in parentheses. Anything malformed is null ("unknown"), never a guess.
 */
import { isAssignedCountryCode } from './countries';

/** A trace answer is a few hundred bytes; anything much larger is not one. */
const MAX_TRACE_CHARS = 16 * 1024;

/** Codes Cloudflare uses that are not a place: no country (XX) and Tor (T1). */
const NOT_A_COUNTRY = new Set(['XX', 'T1']);

/**
 * `loc=` from a /cdn-cgi/trace body → ISO alpha-2, or null. Kosovo (XK), which Cloudflare and
 * Google use though it is not an assigned ISO code, is accepted.
 */
export function parseTrace(text: unknown): string | null {
  if (typeof text !== 'string' || text.length === 0 || text.length > MAX_TRACE_CHARS) return null;
  // A trace is plain key=value lines; an HTML error page is not a trace even if it mentions loc=.
  if (/<\s*(html|body|head|!doctype)/i.test(text)) return null;
  let loc: string | null = null;
  let sawKeyValue = false;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (line === '') continue;
    const m = /^([a-z_]+)=(.*)$/.exec(line);
    if (!m) return null;
    sawKeyValue = true;
    if (m[1] === 'loc') {
      if (loc !== null) return null; // two answers: trust neither
      loc = (m[2] ?? '').trim();
    }
  }
  if (!sawKeyValue || loc === null) return null;
  return usableCountry(loc);
}

/**
 * The country from a Cloudflare 1009 page ("…has banned the country or region your IP address
 * is in (CN)…"), or null. Only read when the page is a 1009 page.
 */
export function parseCloudflare1009Country(body: unknown): string | null {
  if (typeof body !== 'string' || body.length > 512 * 1024) return null;
  if (!/error\s*(code)?[:\s]*1009|\b1009\b.{0,200}(banned|country)/is.test(body)) return null;
  const m = /(?:country|region)[^()]{0,120}\(([A-Z]{2})\)/s.exec(body);
  return m?.[1] ? usableCountry(m[1]) : null;
}

function usableCountry(code: string): string | null {
  if (!/^[A-Z]{2}$/.test(code) || NOT_A_COUNTRY.has(code)) return null;
  return isAssignedCountryCode(code) || code === 'XK' ? code : null;
}
