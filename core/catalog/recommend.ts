/**
 * Ranks alternative platforms for someone a service has just refused, by what a person moving
 * needs to know, in this order (each step only breaks ties of the one before):
 *   1. serves: the platform serves the user's region (named by a source, or runs on the user's own
 *      machine); then a maybe: an international endpoint whose country list we lack, or a served
 *      list only third parties give (`unverified`: "region not confirmed"); then the rest;
 *   2. reachable: it has an endpoint meant for that region, a single global endpoint, or runs
 *      locally (from mainland China an endpoint abroad crosses the border filter, so it does not
 *      count there). An endpoint marked `unverified` does not count: the platform is "not
 *      confirmed" there, ranked with those that have no endpoint for the region;
 *   3. protocol: it speaks the API the user was using (OpenAI's or Anthropic's), per the vendor's
 *      own documentation; a flag marked `unverified` does not count ("compatibility not
 *      confirmed"); a consumer app (ChatGPT, claude.ai, the Gemini app) used no API, so this
 *      step does not apply;
 *   4. mapping: it has a current, verified model suggestion for the model in use (for OpenAI when
 *      the model is not known: any current suggestion);
 *   5. incentive: a standing free tier (free models, a free quota for new accounts) or a current
 *      offer that states an amount. An offer without an amount ("rate-limit parity", "a trial")
 *      is shown but does not count;
 *   6. recency: the newest day on which its model list, free-model list or counted offer was last
 *      confirmed on its source page (`retrieved`; a fact read only once counts from its `asOf`).
 *      Not the page's own date: an honestly dated older page that was re-read today is as recent as
 *      an undated page read today (the page's date still drives "may have changed" in the UI);
 *   7. the catalog's order (the three platforms that answered the 2024 block first).
 * A fact marked `unverified` (only third parties show it; no vendor page confirmed it) never counts as
 * confirmed in any step; its reason line says "not confirmed" rather than calling it false.
 * Each suggestion carries its reasons as i18n message keys with params; no display strings here.
 */

import type { MessageRef } from '../i18n/message-ref';
import { CATALOG, mappedModel, orderedPlatforms, sourceModelFamily } from './catalog';
import { incentiveDate, incentiveStatus, monthsBefore, partialDateStart } from './incentives';
import type { BaseUrl, BaseUrlRegion, Catalog, Incentive, Platform } from './schema';

export type Availability =
  | 'serves-region'
  | 'runs-anywhere'
  | 'international-endpoint'
  /** The platform's served list would name the region, but only third parties give that list. */
  | 'region-unconfirmed'
  | 'not-listed'
  | 'region-unknown';

/**
 * Step 2 and step 3 as a mover reads them: `true` confirmed yes, `false` no, and `not-confirmed`
 * where the deciding fact is marked `unverified` (ranked as no, never called no).
 */
export type Confirmed = boolean | 'not-confirmed';

/** The API a refused user was speaking; null for a consumer app or an API no platform speaks. */
export type Protocol = 'openai' | 'anthropic';

export interface Suggestion {
  platform: Platform;
  availability: Availability;
  /** Has an endpoint reachable from the region (see step 2); null when the region is unknown. */
  reachable: Confirmed | null;
  /** Confirmed by the vendor's own documentation (a flag marked `unverified` is false here). */
  openaiCompatible: boolean;
  anthropicCompatible: boolean;
  /** The protocol the user was using, and whether this platform speaks it (null: not applicable). */
  speaksProtocol: Confirmed | null;
  /** The most useful offer to show: one that counts if any, else a current one, else the newest stale one. */
  incentive: { incentive: Incentive; status: 'current' | 'stale' } | null;
  /** True when `incentive` is a current standing free tier or a current offer with an amount. */
  incentiveCounts: boolean;
  /** Suggested target for the model in use (editorial tier match), when known. */
  mappedModel: string | null;
  /** Has a confirmed suggestion for the model in use (for OpenAI with no model known: for any). */
  currentMapping: boolean;
  /**
   * The newest day the platform's model list, free-model list or counted offer was last confirmed
   * on its source page (`YYYY[-MM[-DD]]`).
   */
  newestFact: string | null;
  reasons: MessageRef[];
}

export interface RecommendInput {
  blockedService: string;
  product?: string;
  /** ISO 3166-1 alpha-2 region from settings or `guessRegion`; null when unknown. */
  region: string | null;
  /**
   * With `region` null: the regions the user is probably in (core/regions `regionsNotServedBy`:
   * where the refusing service does not serve). Hosted platforms serving any of them come first;
   * local runtimes then form their own last group.
   */
  regions?: readonly string[];
  model?: string;
  now: Date | number;
  catalog?: Catalog;
}

/** Consumer apps: whoever was refused there was not calling an API. */
const CONSUMER_PRODUCTS = new Set(['chatgpt', 'claude-web', 'website', 'gemini-web', 'ai-studio']);

export function protocolUsed(service: string, product: string | undefined): Protocol | null {
  if (product && CONSUMER_PRODUCTS.has(product)) return null;
  if (service === 'openai') return 'openai';
  if (service === 'anthropic') return 'anthropic';
  return null;
}

/** What the served list says about the region, taking the list at its word. */
function availabilityAsListed(platform: Platform, region: string | null): Availability {
  const served = platform.served?.value ?? [];
  if (served.includes('anywhere')) return 'runs-anywhere';
  if (region === null) return 'region-unknown';
  if (served.includes(region)) return 'serves-region';
  // In the research "international" is the counterpart of a mainland-China endpoint: it says
  // nothing about CN, and for other regions it is a maybe, not a yes.
  if (served.includes('international') && region !== 'CN') return 'international-endpoint';
  return 'not-listed';
}

/**
 * A served list only third parties give is not a yes, nor a no: where it would place the platform
 * in the region, the region is "not confirmed" (a maybe, like an unknown region). Dropping the list
 * instead would say "not listed", which is not what we know either.
 */
function unconfirmedUnlessVerified(platform: Platform, asListed: Availability): Availability {
  if (!platform.served?.unverified) return asListed;
  return asListed === 'not-listed' || asListed === 'region-unknown' ? asListed : 'region-unconfirmed';
}

/** Step 1's tiers: serving the region (or running locally) beats a maybe beats not listed. */
export const AVAILABILITY_TIER: Record<Availability, number> = {
  'serves-region': 0,
  'runs-anywhere': 0,
  'international-endpoint': 1,
  'region-unconfirmed': 1,
  'region-unknown': 1,
  'not-listed': 2,
};

/** The base-URL region meant for users in a country, where platforms publish one. */
const REGION_ENDPOINT: Record<string, BaseUrlRegion> = {
  CN: 'cn-mainland',
  HK: 'hong-kong',
  US: 'us',
  RU: 'ru',
};

function reachableBy(
  baseUrls: readonly BaseUrl[],
  region: string | null,
  avail: Availability,
): boolean | null {
  if (avail === 'runs-anywhere') return true;
  if (region === null) return null;
  const live = baseUrls.filter((b) => !b.legacy);
  const own = REGION_ENDPOINT[region];
  if (own && live.some((b) => b.region === own)) return true;
  const served = avail === 'serves-region';
  // One endpoint for everyone (DeepSeek) or the user's own resource (Azure): reachable where served.
  if (served && live.some((b) => b.region === 'global' || b.region === 'per-resource')) return true;
  // Outside mainland China an international endpoint is an ordinary foreign host.
  if (region !== 'CN' && avail !== 'not-listed' && live.some((b) => b.region === 'international'))
    return true;
  return false;
}

/**
 * Step 2 from confirmed facts only (endpoints not marked `unverified`, the confirmed availability);
 * `not-confirmed` where the unconfirmed facts, taken at their word, would make it reachable.
 */
function reachable(
  platform: Platform,
  region: string | null,
  avail: Availability,
  asListed: Availability,
): Confirmed | null {
  const confirmed = reachableBy(
    platform.api.baseUrls.filter((b) => !b.unverified),
    region,
    avail,
  );
  if (confirmed !== false) return confirmed;
  return reachableBy(platform.api.baseUrls, region, asListed) ? 'not-confirmed' : false;
}

/** A protocol flag as step 3 reads it: a value only third parties show is neither yes nor no. */
function protocolFlag(flag: { value: boolean; unverified?: true } | undefined): Confirmed {
  if (!flag) return false;
  return flag.unverified ? 'not-confirmed' : flag.value;
}

/**
 * Current and worth moving for: a standing free tier, or an offer that states an amount. An offer
 * the last check could not confirm on the vendor's own page is shown but never counts.
 */
function counts(incentive: Incentive, status: 'current' | 'stale'): boolean {
  if (incentive.unverified) return false;
  return status === 'current' && (incentive.standing === true || !!incentive.amount?.trim());
}

function bestIncentive(platform: Platform, now: Date | number): Suggestion['incentive'] {
  const rank = (i: Incentive, status: 'current' | 'stale') =>
    counts(i, status) ? 0 : status === 'current' ? 1 : 2;
  let best: { incentive: Incentive; status: 'current' | 'stale' } | null = null;
  for (const incentive of platform.incentives) {
    const status = incentiveStatus(incentive, now);
    if (!best) {
      best = { incentive, status };
      continue;
    }
    const r = rank(incentive, status);
    const bestR = rank(best.incentive, best.status);
    const date = incentiveDate(incentive)?.date ?? '';
    const bestDate = incentiveDate(best.incentive)?.date ?? '';
    if (r < bestR || (r === bestR && date > bestDate)) best = { incentive, status };
  }
  return best;
}

/** A platform's free-model list counts as a standing free tier while its source is under 12 months old. */
function freeModelsDate(platform: Platform, now: Date | number): string | null {
  const free = platform.models.free;
  if (!free || free.unverified) return null;
  return partialDateStart(free.asOf) >= monthsBefore(now, 12) ? free.asOf : null;
}

/**
 * The day a fact was last confirmed on its source page: `retrieved` when a check recorded it, else
 * `asOf` (for a fact read once, the day it was read or the page's own date, whichever it recorded).
 */
export function lastConfirmed(fact: { asOf: string; retrieved?: string }): string {
  return fact.retrieved ?? fact.asOf;
}

/** An offer's last confirmation: the day it was re-read, else the latest date its sources give. */
function offerConfirmed(incentive: Incentive): string | null {
  return incentive.retrieved ?? incentiveDate(incentive)?.date ?? null;
}

function newest(dates: (string | null | undefined)[]): string | null {
  let best: string | null = null;
  for (const d of dates) if (d && (best === null || partialDateStart(d) > partialDateStart(best))) best = d;
  return best;
}

export function recommendPlatforms(input: RecommendInput): Suggestion[] {
  const region = input.region?.toUpperCase() ?? null;
  const protocol = protocolUsed(input.blockedService, input.product);
  const family = input.model ? sourceModelFamily(input.model) : null;
  const fromOpenAi = input.blockedService === 'openai';

  const candidates = region === null ? (input.regions ?? []).map((r) => r.toUpperCase()) : [];
  // The service that refused is never the way out of its own refusal: a platform whose id is the
  // refusing service's slug is the same company (DeepSeek, Moonshot AI are both).
  const platforms = orderedPlatforms(input.catalog ?? CATALOG).filter(
    (platform) => platform.id !== input.blockedService,
  );
  const suggestions = platforms.map((platform, catalogIndex) => {
    const inSet = candidates.filter((c) => platform.served?.value.includes(c));
    const fromSet = inSet.length > 0 && availabilityAsListed(platform, null) !== 'runs-anywhere';
    const asListed = fromSet ? 'serves-region' : availabilityAsListed(platform, region);
    const avail = unconfirmedUnlessVerified(platform, asListed);
    const canReach = reachable(platform, region, avail, asListed);
    const openaiFlag = protocolFlag(platform.api.openaiCompatible);
    const anthropicFlag = protocolFlag(platform.api.anthropicCompatible);
    const openai = openaiFlag === true;
    const anthropic = anthropicFlag === true;
    const speaks = protocol === null ? null : protocol === 'openai' ? openaiFlag : anthropicFlag;
    const incentive = bestIncentive(platform, input.now);
    const offerCounts = incentive ? counts(incentive.incentive, incentive.status) : false;
    const freeSince = freeModelsDate(platform, input.now);
    const hasFreeTier = offerCounts || freeSince !== null;
    const targets = platform.openaiModelMapping?.targets ?? {};
    const target = input.model ? mappedModel(platform, input.model) : null;
    const targetFact = family ? targets[family] : undefined;
    // "Current": a suggestion whose model id was confirmed at the last check.
    const hasMapping = family
      ? !!targetFact && !targetFact.unverified
      : fromOpenAi && Object.values(targets).some((t) => t && !t.unverified);
    const chat = platform.models.chat;
    const free = platform.models.free;
    const newestFact = newest([
      chat && !chat.unverified ? lastConfirmed(chat) : null,
      offerCounts && incentive ? offerConfirmed(incentive.incentive) : null,
      freeSince && free ? lastConfirmed(free) : null,
    ]);

    const reasons: MessageRef[] = [];
    if (avail === 'serves-region')
      reasons.push({ key: 'reasonServesRegion', params: { region: region ?? inSet.join(', ') } });
    else if (avail === 'runs-anywhere') reasons.push({ key: 'reasonRunsLocally' });
    else if (avail === 'international-endpoint')
      reasons.push({ key: 'reasonInternationalEndpoint', params: { region: region ?? '' } });
    else if (avail === 'region-unconfirmed')
      reasons.push({
        key: 'ranking.reasonRegionNotConfirmed',
        params: { region: region ?? inSet.join(', ') },
      });
    else if (avail === 'not-listed')
      reasons.push({ key: 'reasonRegionNotListed', params: { region: region ?? '' } });
    else reasons.push({ key: 'reasonRegionUnknown' });

    if (region && avail !== 'runs-anywhere' && avail !== 'not-listed')
      reasons.push({
        key:
          canReach === true
            ? 'ranking.reasonEndpointReachable'
            : canReach === 'not-confirmed'
              ? 'ranking.reasonEndpointNotConfirmed'
              : 'ranking.reasonEndpointAbroad',
        params: { region },
      });

    if (protocol === 'openai')
      reasons.push({
        key:
          openaiFlag === 'not-confirmed'
            ? 'ranking.reasonOpenAiNotConfirmed'
            : openai
              ? 'reasonOpenAiCompatible'
              : 'reasonNotOpenAiCompatible',
      });
    else if (protocol === 'anthropic')
      reasons.push({
        key:
          anthropicFlag === 'not-confirmed'
            ? 'ranking.reasonAnthropicNotConfirmed'
            : anthropic
              ? 'ranking.reasonAnthropicCompatible'
              : 'ranking.reasonNotAnthropicCompatible',
      });
    if (input.model && target)
      reasons.push({ key: 'reasonModelMapping', params: { model: input.model, target } });

    if (incentive && offerCounts) {
      const date = incentiveDate(incentive.incentive)?.date ?? '';
      reasons.push({
        key: incentive.incentive.standing ? 'ranking.reasonFreeTier' : 'reasonCurrentIncentive',
        params: { date },
      });
    } else if (freeSince) {
      reasons.push({ key: 'ranking.reasonFreeModels', params: { date: freeSince } });
    } else if (incentive) {
      const date = incentiveDate(incentive.incentive)?.date ?? '';
      reasons.push(
        incentive.status === 'current'
          ? { key: 'ranking.reasonOfferNoAmount', params: { date } }
          : { key: 'reasonStaleIncentive', params: { date } },
      );
    }
    if (platform.seed) reasons.push({ key: 'reasonSeedPlatform' });
    if (platform.status) reasons.push({ key: 'reasonStatusUncertain' });

    const sortKey = [
      // Guessing from a set, a local runtime is the fallback, after every hosted platform.
      candidates.length > 0 && avail === 'runs-anywhere' ? 3 : AVAILABILITY_TIER[avail],
      // Only a confirmed yes counts: "not confirmed" ranks with no (the reason line tells them apart).
      canReach === false || canReach === 'not-confirmed' ? 1 : 0,
      speaks === false || speaks === 'not-confirmed' ? 1 : 0,
      (family || fromOpenAi) && !hasMapping ? 1 : 0,
      hasFreeTier ? 0 : 1,
      // Confirmed more recently first: negate the start of the newest date (no date sorts last).
      newestFact ? -partialDateStart(newestFact) : 0,
      catalogIndex,
    ];
    const suggestion: Suggestion = {
      platform,
      availability: avail,
      reachable: canReach,
      openaiCompatible: openai,
      anthropicCompatible: anthropic,
      speaksProtocol: speaks,
      incentive,
      incentiveCounts: hasFreeTier,
      mappedModel: target,
      currentMapping: hasMapping,
      newestFact,
      reasons,
    };
    return { suggestion, sortKey };
  });

  suggestions.sort((a, b) => {
    for (let i = 0; i < a.sortKey.length; i++) {
      const d = (a.sortKey[i] ?? 0) - (b.sortKey[i] ?? 0);
      if (d !== 0) return d;
    }
    return 0;
  });
  return suggestions.map((s) => s.suggestion);
}
