/**
 * CatalogView on the real core: recommendPlatforms (core/catalog), decideExitCountry and
 * guessRegion (core/regions). Loaded lazily by the popup (its own chunk: the catalog data is
 * the heaviest part of the UI and is only needed once there is something to suggest).
 */
import { CATALOG } from '../core/catalog/catalog';
import { incentiveDate, partialDateEnd } from '../core/catalog/incentives';
import { migrationSnippets } from '../core/catalog/migration';
import { recommendPlatforms } from '../core/catalog/recommend';
import { type BaseUrlRegion, OPENAI_SOURCE_MODELS, type Platform } from '../core/catalog/schema';
import { guessRegion } from '../core/regions/guess-region';
import { decideExitCountry, isListStale, REGIONS } from '../core/regions/regions';
import type { CatalogInfo, CatalogView } from './catalog-view';
import { countryName, formatIsoDate, localized } from './i18n';
import { productLabel, serviceLabel } from './service-names';
import type {
  ExitCountryView,
  IncentiveView,
  KeyedText,
  SnippetSetView,
  SuggestionView,
} from './view-models';

/** Region params arrive as codes; the reader sees names. Dates arrive as ISO; the reader sees local dates. */
function readableReason(reason: { key: string; params?: Record<string, string> }): KeyedText {
  const params: Record<string, string> = { ...reason.params };
  if (params.region) params.region = countryName(params.region);
  if (params.date) params.date = formatIsoDate(params.date);
  return { key: reason.key, params };
}

const REGION_ENDPOINTS: Record<string, BaseUrlRegion> = {
  CN: 'cn-mainland',
  HK: 'hong-kong',
  US: 'us',
  RU: 'ru',
};

/** The endpoint meant for the region when the platform has one, else its international or global one. */
function endpointRegion(platform: Platform, region: string | null): BaseUrlRegion | undefined {
  const has = (r: BaseUrlRegion) => platform.api.baseUrls.some((b) => b.region === r && !b.legacy);
  const own = region ? REGION_ENDPOINTS[region] : undefined;
  if (own && has(own)) return own;
  if (has('international')) return 'international';
  if (has('global')) return 'global';
  return undefined;
}

function readableNote(note: { key: string; params?: Record<string, string> }): KeyedText {
  return { key: note.key, params: { ...note.params } };
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
          const wanted = endpointRegion(platform, region);
          const baseUrl =
            platform.api.baseUrls.find((b) => !b.legacy && b.region === wanted) ??
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

    snippets({ platformId, sourceModel, region }): SnippetSetView {
      const platform = CATALOG.platforms.find((p) => p.id === platformId);
      const result = migrationSnippets({
        platformId,
        sourceModel,
        baseUrlRegion: platform ? endpointRegion(platform, region) : undefined,
      });
      if (!result.ok) return { ok: false, reasonKey: result.reason, docsUrl: result.docsUrl };
      return {
        ok: true,
        model: result.model,
        notes: result.notes.map(readableNote),
        snippets: [
          { language: 'python', code: result.python },
          { language: 'node', code: result.node },
          { language: 'curl', code: result.curl },
          { language: 'env', code: result.shell },
        ],
      };
    },

    sourceModels: () => OPENAI_SOURCE_MODELS,

    exitCountry({ service, product, country, checkedAt }): ExitCountryView | null {
      if (!country) return null;
      const result = decideExitCountry({ service, product, country, now: clock() });
      if (!result.country) return null;
      return {
        service,
        serviceName: productLabel(service, product),
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
