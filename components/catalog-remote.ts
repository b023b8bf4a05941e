/**
 * The popup's CatalogView over messages: the background holds the catalog and the region lists
 * and answers getSuggestions, getMigrationSnippets, judgeExitCountry and guessRegion, so the
 * popup never bundles them and stays within its size budget (45 KB gzip, measured by the bench).
 */
import type { RemoteCatalogView } from './catalog-view';
import type { ExtensionClient } from './extension-client';
import { exitCountryView, snippetSetView, suggestionView, toolConfigViews } from './way-forward-views';

export function createRemoteCatalogView(client: ExtensionClient): RemoteCatalogView {
  return {
    async suggestions({ service, product, region, notIn, model, limit }) {
      const answer = await client.send('getSuggestions', {
        service,
        product,
        region,
        ...(notIn?.length ? { notIn: [...notIn] } : {}),
        model,
        limit,
      });
      return { suggestions: answer.suggestions.map(suggestionView), sourceModels: answer.sourceModels };
    },
    async snippets({ platformId, sourceModel, region }) {
      try {
        return snippetSetView(await client.send('getMigrationSnippets', { platformId, sourceModel, region }));
      } catch {
        // Refused or unanswered: the panel says there is no code rather than showing nothing.
        return { ok: false, reasonKey: 'snippet.none', docsUrl: null };
      }
    },
    async tools({ platformId, region, service, lastTool }) {
      return toolConfigViews(await client.send('getToolConfigs', { platformId, region, service, lastTool }));
    },
    async exitCountry({ service, product, country, checkedAt }) {
      if (!country) return null;
      const judgement = await client.send('judgeExitCountry', { service, product, country });
      return exitCountryView(judgement, { service, product, checkedAt });
    },
    async guessRegion({ uiLanguage, timeZone }) {
      const { region } = await client.send('guessRegion', { uiLanguage, timeZone });
      return region;
    },
    async regionEvidence({ notIn, ...input }) {
      const answer = await client.send('guessRegion', {
        ...input,
        ...(notIn?.length ? { notIn: [...notIn] } : {}),
      });
      return answer.ask ? { region: answer.region, ask: answer.ask } : { region: answer.region };
    },
  };
}
