/**
 * ISO 3166-1 country codes as data (Debian iso-codes; see iso3166-1.json for version and source),
 * used to validate region lists and to read alpha-3 region hints such as Gemini's page.
 */
import iso from './iso3166-1.json';

const ALPHA2 = new Set(iso.countries.map((c) => c.alpha2));
const ALPHA3_TO_2 = new Map(iso.countries.map((c) => [c.alpha3, c.alpha2]));

export const ISO_3166_SOURCE = { source: iso.source, version: iso.version } as const;

/** True for the 249 assigned alpha-2 codes (not XK, not Cloudflare's XX / T1). */
export function isAssignedCountryCode(code: string): boolean {
  return ALPHA2.has(code);
}

export function alpha3ToAlpha2(code: string): string | null {
  return ALPHA3_TO_2.get(code.toUpperCase()) ?? null;
}

export const ASSIGNED_COUNTRY_CODES: readonly string[] = [...ALPHA2];
