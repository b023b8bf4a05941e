/**
 * Decides whether a service serves the country a connection leaves from, from the published
 * lists in regions.json. Honest by construction: a country the list cannot decide (no list for
 * the product, a special Cloudflare value, a code the sources disagree on) is "unknown", never a
 * guess. Lists older than 12 months are flagged stale ("as of <date>, may have changed").
 */
import * as v from 'valibot';
import { monthsBefore, partialDateStart } from '../catalog/incentives';
import { isAssignedCountryCode } from './countries';
import bundled from './regions.json';
import { type RegionList, RegionsData } from './schema';

export const BUNDLED_REGIONS: RegionsData = v.parse(RegionsData, bundled);

/**
 * The region lists in use: the bundled ones, or newer validated lists from a catalog update
 * (core/data-updates/live-data.ts). A live binding: importers see the installed lists.
 */
export let REGIONS: RegionsData = BUNDLED_REGIONS;

/** Only core/data-updates/live-data.ts calls this, with a verified, validated bundle's data. */
export function installRegions(data: RegionsData): void {
  REGIONS = data;
}

const STALE_AFTER_MONTHS = 12;

export type ExitDecision = 'served' | 'not-served' | 'unknown';

export interface ExitCountryResult {
  decision: ExitDecision;
  /** The country as given (upper-cased) or null when it was not a usable country code. */
  country: string | null;
  /** The list the decision came from; null when there is none for this product. */
  list: { id: string; source: string; asOf: string; stale: boolean; confidence: 'normal' | 'low' } | null;
  /** Listed with a carve-out the exit country cannot see (e.g. parts of Ukraine): show a softer note. */
  partial?: string;
  /** Why the answer is unknown, as a message key. */
  reason?: 'exitNoList' | 'exitNoCountry' | 'exitSpecialCountry' | 'exitUncertainCode';
}

export function findRegionList(service: string, product: string | undefined, data: RegionsData = REGIONS) {
  return (
    data.lists.find(
      (l) =>
        l.service === service &&
        (product === undefined || l.product === product || l.alsoCovers?.includes(product)),
    ) ?? null
  );
}

export function isListStale(list: Pick<RegionList, 'asOf'>, now: Date | number): boolean {
  return partialDateStart(list.asOf) < monthsBefore(now, STALE_AFTER_MONTHS);
}

/**
 * `product` should be given: without it the service's first list is used, which is only right for
 * services with a single list.
 */
export function decideExitCountry(input: {
  service: string;
  product?: string;
  country: string | null | undefined;
  now: Date | number;
  data?: RegionsData;
}): ExitCountryResult {
  const list = findRegionList(input.service, input.product, input.data);
  const raw = input.country?.trim().toUpperCase() ?? '';
  const country = /^[A-Z][A-Z0-9]$/.test(raw) ? raw : null;
  if (!list) return { decision: 'unknown', country, list: null, reason: 'exitNoList' };

  const listInfo = {
    id: list.id,
    source: list.source,
    asOf: list.asOf,
    stale: isListStale(list, input.now),
    confidence: list.confidence,
  };
  if (!country) return { decision: 'unknown', country: null, list: listInfo, reason: 'exitNoCountry' };
  // Cloudflare's XX (no country) and T1 (Tor) say nothing about where the user is.
  if (country === 'XX' || country === 'T1') {
    return { decision: 'unknown', country, list: listInfo, reason: 'exitSpecialCountry' };
  }
  // A code outside ISO 3166-1 (Kosovo's XK) can be judged only by a list that names it.
  const unlistedNonIso = !isAssignedCountryCode(country) && !(list.extraCodes ?? []).includes(country);
  if (unlistedNonIso || list.uncertain?.codes.includes(country)) {
    return { decision: 'unknown', country, list: listInfo, reason: 'exitUncertainCode' };
  }

  const listed = list.regions.includes(country) || (list.extraCodes ?? []).includes(country);
  const partial = list.partial?.find((p) => p.code === country)?.detail;
  const served = list.mode === 'allow' ? listed : !listed;
  return {
    decision: served ? 'served' : 'not-served',
    country,
    list: listInfo,
    ...(partial ? { partial } : {}),
  };
}
