/**
 * What popup and options ask the catalog and the region lists, as view models.
 * The live implementation wraps core/catalog and core/regions (components/catalog-live.ts);
 * components only see this interface.
 */
import type { ExitCountryView, SnippetView, SuggestionView } from './view-models';

export interface CatalogInfo {
  version: string;
  date: string;
  platformCount: number;
  sources: Array<{ label: string; url: string }>;
  regionLists: Array<{ service: string; product: string; asOf: string; source: string; stale: boolean }>;
}

export interface CatalogView {
  suggestions(input: {
    service: string;
    product?: string;
    region: string | null;
    /** The model in use, when known (e.g. from a pasted API error), for the tier suggestion. */
    model?: string;
    limit?: number;
  }): SuggestionView[];
  snippets(platformId: string, sourceModel?: string): SnippetView[];
  /** The decision for an exit country against the service's published list; null without a country. */
  exitCountry(input: {
    service: string;
    product?: string;
    country: string | null;
    checkedAt: number;
  }): ExitCountryView | null;
  guessRegion(input: { uiLanguage: string; timeZone: string }): string | null;
  info(): CatalogInfo;
}
