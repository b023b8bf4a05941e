/**
 * Region from evidence, without asking anyone outside the browser. A service that refused the
 * user is telling them they are in one of the regions it does not serve: its published list
 * (core/regions/regions.json) turns the refusal into that set. Never a third-party geo-IP look-up.
 *
 * The evidence, best first (regionFromEvidence):
 *   1. the user's choice (settings);
 *   2. the exit country from the service's own trace (a check the user ran or turned on);
 *   3. a refusal: the set of regions the refusing service does not serve: ask, don't assume;
 *   4. several services that do not serve mainland China unreachable from this network: likely
 *      CN, ask, don't assume;
 *   5. the UI language and time zone (guessRegion).
 *
 * "Somewhere else": a user who answers the chooser with none of its regions has ruled those
 * regions out (`notIn`, kept in the region setting). Detour then treats the region as unknown,
 * as before, minus what the user ruled out: the chooser asks only about candidates not ruled
 * out (and not at all when none are left), a guess from language and time zone that was ruled
 * out is dropped, and the suggestions take the refusing service's not-served set without the
 * ruled-out regions (suggestionAnswers). A region chosen in the options replaces all of this.
 */
import iso from './iso3166-1.json';
import { findRegionList, REGIONS } from './regions';
import type { RegionsData } from './schema';

const ALL_CODES: readonly string[] = iso.countries.map((c) => c.alpha2);

/**
 * The regions one tap can choose after a refusal or an unreachable pattern: where Detour's users
 * most often meet these blocks. Anything else is "other" (the options page's full list).
 */
export const CHOOSER_REGIONS = ['CN', 'HK', 'MO', 'RU', 'IR'] as const;

/**
 * Services whose own published lists leave out mainland China (regions.json, with their sources).
 * When several of them cannot be reached from one network, mainland China is likely (there they
 * are usually cut off before they can refuse); Detour asks instead of assuming.
 */
export function servicesNotServing(code: string, data: RegionsData = REGIONS): string[] {
  const services = new Set<string>();
  for (const list of data.lists) {
    if (regionsNotServedBy(list.service, list.product, data)?.includes(code)) services.add(list.service);
  }
  return [...services].sort();
}

/**
 * The ISO codes a service's published list says it does not serve (an `allow` list: every other
 * assigned code; a `deny` list: its codes), or null when the product has no list.
 * `uncertain` codes are left out: the sources disagree about them.
 */
export function regionsNotServedBy(
  service: string,
  product: string | undefined,
  data: RegionsData = REGIONS,
): string[] | null {
  const list = findRegionList(service, product, data);
  if (!list) return null;
  const uncertain = new Set<string>(list.uncertain?.codes ?? []);
  const named = new Set(list.regions);
  const codes = list.mode === 'allow' ? ALL_CODES.filter((c) => !named.has(c)) : [...list.regions];
  return codes.filter((c) => !uncertain.has(c)).sort();
}

export type RegionEvidence =
  | { source: 'chosen' | 'exit-country' | 'guess'; region: string; ask: false }
  | {
      source: 'refusal' | 'unreachable-pattern';
      /** The language and time zone's guess when it is one of the candidates, else null. */
      region: string | null;
      candidates: string[];
      ask: true;
    }
  | { source: 'none'; region: null; ask: false };

export interface EvidenceInput {
  chosen?: string | null;
  /** From the service's own /cdn-cgi/trace (XX and T1 are not countries). */
  exitCountry?: string | null;
  /** The service and product that refused the user on this tab, if one did. */
  refusedBy?: { service: string; product?: string } | null;
  /** Services with an unreachable event from this network (today). */
  unreachableServices?: readonly string[];
  /** guessRegion({ uiLanguage, timeZone }). */
  guessed?: string | null;
  /** Regions the user said they are not in ("Somewhere else" in the chooser). */
  notIn?: readonly string[];
  data?: RegionsData;
}

const isCountry = (code: string | null | undefined): code is string =>
  !!code && /^[A-Z]{2}$/.test(code) && code !== 'XX' && code !== 'T1';

export function regionFromEvidence(input: EvidenceInput): RegionEvidence {
  if (isCountry(input.chosen)) return { source: 'chosen', region: input.chosen, ask: false };
  if (isCountry(input.exitCountry)) return { source: 'exit-country', region: input.exitCountry, ask: false };
  const ruledOut = new Set(input.notIn ?? []);
  const guessed = isCountry(input.guessed) && !ruledOut.has(input.guessed) ? input.guessed : null;
  if (input.refusedBy) {
    const notServed = regionsNotServedBy(input.refusedBy.service, input.refusedBy.product, input.data);
    const set = new Set((notServed ?? []).filter((c) => !ruledOut.has(c)));
    const candidates = CHOOSER_REGIONS.filter((c) => set.has(c));
    if (candidates.length > 0) {
      // A guess from language and time zone that the refusal agrees with (a zh-CN browser in
      // Asia/Shanghai refused by a service that does not serve CN) is the likely answer: the
      // suggestions use it while the chooser still asks once to confirm.
      const agreeing = guessed && set.has(guessed) ? guessed : null;
      return { source: 'refusal', region: agreeing, candidates, ask: true };
    }
  }
  const cut = new Set(input.unreachableServices ?? []);
  if (!ruledOut.has('CN') && servicesNotServing('CN', input.data).filter((s) => cut.has(s)).length >= 2)
    return { source: 'unreachable-pattern', region: null, candidates: ['CN'], ask: true };
  if (guessed) return { source: 'guess', region: guessed, ask: false };
  return { source: 'none', region: null, ask: false };
}
