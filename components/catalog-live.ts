/**
 * CatalogView on the real core: recommendPlatforms (core/catalog), decideExitCountry and
 * guessRegion (core/regions). Loaded lazily by the popup (its own chunk: the catalog data is
 * the heaviest part of the UI and is only needed once there is something to suggest).
 */
import { CATALOG, findPlatform } from '../core/catalog/catalog';
import { incentiveDate, partialDateEnd } from '../core/catalog/incentives';
import { recommendPlatforms } from '../core/catalog/recommend';
import { guessRegion } from '../core/regions/guess-region';
import { decideExitCountry, isListStale, REGIONS } from '../core/regions/regions';
import type { CatalogInfo, CatalogView } from './catalog-view';
import { countryName, formatIsoDate, localized } from './i18n';
import { serviceLabel } from './service-names';
import type { ExitCountryView, IncentiveView, KeyedText, SuggestionView } from './view-models';

/** Region params arrive as codes; the reader sees names. Dates arrive as ISO; the reader sees local dates. */
function readableReason(reason: { key: string; params?: Record<string, string> }): KeyedText {
  const params: Record<string, string> = { ...reason.params };
  if (params.region) params.region = countryName(params.region);
  if (params.date) params.date = formatIsoDate(params.date);
  return { key: reason.key, params };
}

export function createCatalogView(clock: () => number = Date.now): CatalogView {
  return {
    suggestions({ service, product, region, model, limit = 3 }) {
      const now = clock();
      return recommendPlatforms({ blockedService: service, product, region, model, now })
        .slice(0, limit)
        .map((s): SuggestionView => {
          const { platform } = s;
          const chosen = s.incentive?.incentive;
          const ended = !!chosen?.expires && partialDateEnd(chosen.expires) < now;
          const incentive: IncentiveView | null = chosen
            ? {
                summary: localized(chosen.summary),
                amount: chosen.amount ?? null,
                announced: incentiveDate(chosen)?.date ?? null,
                expires: chosen.expires,
                stale: s.incentive?.status === 'stale' && !ended,
                ended,
                sources: [chosen.source, ...(chosen.otherSources ?? [])],
              }
            : null;
          const baseUrl =
            platform.api.baseUrls.find(
              (b) => !b.legacy && (region === 'CN') === (b.region === 'cn-mainland'),
            ) ??
            platform.api.baseUrls.find((b) => !b.legacy) ??
            platform.api.baseUrls[0];
          return {
            platformId: platform.id,
            name: localized(platform.name),
            reasons: s.reasons.map(readableReason),
            incentive,
            links: {
              console: platform.urls.console?.value,
              docs: platform.urls.docs?.value,
              pricing: platform.urls.pricing?.value,
            },
            baseUrl: baseUrl?.value ?? null,
            modelMapping: model && s.mappedModel ? { from: model, to: s.mappedModel } : null,
          };
        });
    },

    snippets(platformId, sourceModel) {
      const platform = findPlatform(platformId);
      if (!platform) return [];
      // Wired to core/catalog's migrationSnippets once the catalog exports it.
      void sourceModel;
      return [];
    },

    exitCountry({ service, product, country, checkedAt }): ExitCountryView | null {
      if (!country) return null;
      const result = decideExitCountry({ service, product, country, now: clock() });
      if (!result.country) return null;
      return {
        service,
        serviceName: serviceLabel(service),
        country: result.country,
        decision: result.decision,
        unknownReason: result.reason ?? null,
        listOwner: result.list ? serviceLabel(service) : null,
        listDate: result.list?.asOf ?? null,
        listStale: result.list?.stale ?? false,
        partial: !!result.partial,
        source: result.list?.source ?? null,
        checkedAt,
      };
    },

    guessRegion: ({ uiLanguage, timeZone }) => guessRegion({ uiLanguage, timeZone }),

    info(): CatalogInfo {
      const now = clock();
      return {
        version: String(CATALOG.version),
        date: CATALOG.asOf,
        platformCount: CATALOG.platforms.length,
        sources: [],
        regionLists: REGIONS.lists.map((list) => ({
          service: list.service,
          product: list.product,
          asOf: list.asOf,
          source: list.source,
          stale: isListStale(list, now),
        })),
      };
    },
  };
}
