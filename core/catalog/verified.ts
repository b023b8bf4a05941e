/**
 * What a person may be shown as a fact. A catalog value marked `unverified` was named only by third
 * parties at the last check: no page of the vendor's own confirmed it. It stays in the catalog for
 * the record, but nothing a person reads prints it as a fact: no snippet or tool config is built on
 * it, no link points to it, no model id or offer is listed from it. Everything that turns catalog
 * facts into text or code asks here, so the rule lives in one place.
 */
import { CATALOG, sourceModelFamily } from './catalog';
import type { BaseUrl, Catalog, Platform } from './schema';

interface CheckedFact<T> {
  value: T;
  retrieved?: string;
  unverified?: true;
}

/** The fact itself when the last check confirmed it (or never doubted it); undefined otherwise. */
export function confirmedFact<F extends { unverified?: true }>(fact: F | undefined): F | undefined {
  return fact && fact.unverified !== true ? fact : undefined;
}

/** The fact's value when the last check confirmed it (or never doubted it); undefined otherwise. */
export function verifiedValue<T>(fact: CheckedFact<T> | undefined): T | undefined {
  return confirmedFact(fact)?.value;
}

/**
 * The day the fact was checked: the day its page was read, else the catalog's own date (the
 * check that marked a value `unverified` records no page of its own, since none confirmed it).
 */
export function checkedOn(fact: { retrieved?: string }, catalog: Catalog = CATALOG): string {
  return fact.retrieved ?? catalog.asOf;
}

/** The suggested target for an OpenAI model when its id was confirmed; null otherwise. */
export function verifiedMappedModel(platform: Platform, sourceModel: string): string | null {
  const family = sourceModelFamily(sourceModel);
  if (!family) return null;
  return verifiedValue(platform.openaiModelMapping?.targets[family]) ?? null;
}

/** Where to read about the platform: its docs, else its console, each only when confirmed. */
export function verifiedDocsUrl(platform: Platform): string | null {
  return verifiedValue(platform.urls.docs) ?? verifiedValue(platform.urls.console) ?? null;
}

/** The console, docs and pricing links that were confirmed. */
export function verifiedLinks(platform: Platform): { console?: string; docs?: string; pricing?: string } {
  const links: { console?: string; docs?: string; pricing?: string } = {};
  for (const kind of ['console', 'docs', 'pricing'] as const) {
    const url = verifiedValue(platform.urls[kind]);
    if (url) links[kind] = url;
  }
  return links;
}

/**
 * Hosts of the platform's API that only third parties name: an unverified base URL whose host no
 * confirmed base URL shares. A warning or address naming one of them would present it as a fact.
 */
export function unconfirmedApiHosts(platform: Platform): Set<string> {
  const hostOf = (b: BaseUrl) => {
    try {
      return new URL(b.value).host;
    } catch {
      return null;
    }
  };
  const confirmed = new Set(platform.api.baseUrls.filter((b) => !b.unverified).map(hostOf));
  const hosts = new Set<string>();
  for (const b of platform.api.baseUrls) {
    const host = hostOf(b);
    if (b.unverified && host && !confirmed.has(host)) hosts.add(host);
  }
  return hosts;
}

/** What the reasons on a suggestion rest on, beyond the platform itself. */
export interface ReasonBasis {
  /** The model in use, when known: a model-mapping reason names its target. */
  model?: string;
  /** The offer the card shows; its reason is dropped with it when it is unconfirmed. */
  incentive?: { unverified?: true } | null;
}

const INCENTIVE_REASONS = new Set([
  'reasonCurrentIncentive',
  'reasonStaleIncentive',
  'ranking.reasonFreeTier',
  'ranking.reasonOfferNoAmount',
]);

/**
 * The recommender's reasons as a person may read them. The recommender already words served
 * regions, endpoints and protocols it could not confirm as "not confirmed"; what it names as is, a
 * model id and an offer, is left out here when unconfirmed, since the card shows neither.
 */
export function readableReasons<R extends { key: string; params?: Record<string, string> }>(
  platform: Platform,
  reasons: readonly R[],
  basis: ReasonBasis,
): R[] {
  return reasons.filter(({ key }) => {
    if (key === 'reasonModelMapping') return !!basis.model && !!verifiedMappedModel(platform, basis.model);
    if (INCENTIVE_REASONS.has(key)) return !basis.incentive?.unverified;
    return true;
  });
}
