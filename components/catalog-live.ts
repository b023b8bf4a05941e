/**
 * CatalogView on the real core, for the options page (it has no size target and shows the
 * catalog's facts and dates). The shapes come from core/catalog/way-forward-answers, the same
 * functions that answer the popup through the background, so both show one truth.
 */
import { CATALOG } from '../core/catalog/catalog';
import { OPENAI_SOURCE_MODELS } from '../core/catalog/schema';
import {
  exitJudgement,
  snippetsAnswer,
  suggestionAnswers,
  toolConfigsAnswer,
} from '../core/catalog/way-forward-answers';
import { guessRegion } from '../core/regions/guess-region';
import { isListStale, REGIONS } from '../core/regions/regions';
import type { CatalogInfo, CatalogView } from './catalog-view';
import type { SnippetSetView } from './view-models';
import { exitCountryView, snippetSetView, suggestionView, toolConfigViews } from './way-forward-views';

export function createCatalogView(clock: () => number = Date.now): CatalogView {
  return {
    suggestions({ service, product, region, notIn, model, limit = 3 }) {
      return suggestionAnswers({ service, product, region, notIn, model, limit }, clock()).suggestions.map(
        suggestionView,
      );
    },

    snippets({ platformId, sourceModel, region }): SnippetSetView {
      const answer = snippetsAnswer({ platformId, sourceModel, region });
      return answer
        ? snippetSetView(answer)
        : { ok: false, reasonKey: 'migrationUnknownPlatform', docsUrl: null };
    },

    tools({ platformId, region, service, lastTool }) {
      const answer = toolConfigsAnswer({ platformId, region, service, lastTool: lastTool ?? null });
      return answer ? toolConfigViews(answer) : [];
    },

    sourceModels: () => OPENAI_SOURCE_MODELS,

    exitCountry({ service, product, country, checkedAt }) {
      return exitCountryView(exitJudgement({ service, product, country }, clock()), {
        service,
        product,
        checkedAt,
      });
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
