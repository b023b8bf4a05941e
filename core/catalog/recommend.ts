/**
 * Ranks alternative platforms for someone a service has just refused. The order, each step only
 * breaking ties of the one before:
 *   1. available in the user's region (named by a source, or runs on the user's machine),
 *      then an international endpoint whose country list we lack, then the rest;
 *   2. when the blocked service is OpenAI: OpenAI-compatible first (the change is a base URL);
 *   3. a current incentive before a stale or no incentive;
 *   4. when the model in use is known: platforms with a suggested target for it;
 *   5. the catalog's own order (the three platforms that answered the 2024 block first).
 * Each suggestion carries its reasons as i18n message keys with params; no display strings here.
 */

import type { MessageRef } from '../i18n/message-ref';
import { CATALOG, mappedModel, orderedPlatforms, sourceModelFamily } from './catalog';
import { incentiveDate, incentiveStatus } from './incentives';
import type { Catalog, Incentive, Platform } from './schema';

export type Availability =
  | 'serves-region'
  | 'runs-anywhere'
  | 'international-endpoint'
  | 'not-listed'
  | 'region-unknown';

export interface Suggestion {
  platform: Platform;
  availability: Availability;
  openaiCompatible: boolean;
  /** The most useful offer to show: a current one if any, else the newest stale one. */
  incentive: { incentive: Incentive; status: 'current' | 'stale' } | null;
  /** Suggested target for the model in use (editorial tier match), when known. */
  mappedModel: string | null;
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

function availability(platform: Platform, region: string | null): Availability {
  const served = platform.served?.value ?? [];
  if (served.includes('anywhere')) return 'runs-anywhere';
  if (region === null) return 'region-unknown';
  if (served.includes(region)) return 'serves-region';
  // In the research "international" is the counterpart of a mainland-China endpoint: it says
  // nothing about CN, and for other regions it is a maybe, not a yes.
  if (served.includes('international') && region !== 'CN') return 'international-endpoint';
  return 'not-listed';
}

const AVAILABILITY_TIER: Record<Availability, number> = {
  'serves-region': 0,
  'runs-anywhere': 0,
  'international-endpoint': 1,
  'region-unknown': 1,
  'not-listed': 2,
};

function bestIncentive(platform: Platform, now: Date | number): Suggestion['incentive'] {
  let best: Suggestion['incentive'] = null;
  for (const incentive of platform.incentives) {
    const status = incentiveStatus(incentive, now);
    const date = incentiveDate(incentive)?.date ?? '';
    const bestDate = best ? (incentiveDate(best.incentive)?.date ?? '') : '';
    if (
      !best ||
      (status === 'current' && best.status === 'stale') ||
      (status === best.status && date > bestDate)
    ) {
      best = { incentive, status };
    }
  }
  return best;
}

export function recommendPlatforms(input: RecommendInput): Suggestion[] {
  const region = input.region?.toUpperCase() ?? null;
  const fromOpenAi = input.blockedService === 'openai';
  const family = input.model ? sourceModelFamily(input.model) : null;

  const candidates = region === null ? (input.regions ?? []).map((r) => r.toUpperCase()) : [];
  const suggestions = orderedPlatforms(input.catalog ?? CATALOG).map((platform, catalogIndex) => {
    const inSet = candidates.filter((c) => platform.served?.value.includes(c));
    const fromSet = inSet.length > 0 && availability(platform, null) !== 'runs-anywhere';
    const avail = fromSet ? 'serves-region' : availability(platform, region);
    const compatible = platform.api.openaiCompatible.value;
    const incentive = bestIncentive(platform, input.now);
    const target = input.model ? mappedModel(platform, input.model) : null;

    const reasons: MessageRef[] = [];
    if (avail === 'serves-region')
      reasons.push({ key: 'reasonServesRegion', params: { region: region ?? inSet.join(', ') } });
    else if (avail === 'runs-anywhere') reasons.push({ key: 'reasonRunsLocally' });
    else if (avail === 'international-endpoint')
      reasons.push({ key: 'reasonInternationalEndpoint', params: { region: region ?? '' } });
    else if (avail === 'not-listed')
      reasons.push({ key: 'reasonRegionNotListed', params: { region: region ?? '' } });
    else reasons.push({ key: 'reasonRegionUnknown' });

    if (fromOpenAi)
      reasons.push({ key: compatible ? 'reasonOpenAiCompatible' : 'reasonNotOpenAiCompatible' });
    if (incentive) {
      const date = incentiveDate(incentive.incentive)?.date ?? '';
      reasons.push({
        key: incentive.status === 'current' ? 'reasonCurrentIncentive' : 'reasonStaleIncentive',
        params: { date },
      });
    }
    if (input.model && target)
      reasons.push({ key: 'reasonModelMapping', params: { model: input.model, target } });
    if (platform.seed) reasons.push({ key: 'reasonSeedPlatform' });
    if (platform.status) reasons.push({ key: 'reasonStatusUncertain' });

    const sortKey = [
      // Guessing from a set, a local runtime is the fallback, after every hosted platform.
      candidates.length > 0 && avail === 'runs-anywhere' ? 3 : AVAILABILITY_TIER[avail],
      fromOpenAi && !compatible ? 1 : 0,
      incentive?.status === 'current' ? 0 : 1,
      family && !target ? 1 : 0,
      catalogIndex,
    ];
    const suggestion: Suggestion = {
      platform,
      availability: avail,
      openaiCompatible: compatible,
      incentive,
      mappedModel: target,
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
