/**
 * What popup and options ask the catalog and the region lists, as view models.
 * Options uses the live implementation (core/catalog and core/regions in its own bundle,
 * components/catalog-live.ts); the popup asks the background (components/catalog-remote.ts),
 * so its bundle carries no catalog. Components only see these interfaces.
 */
import type { RegionQuestion } from '../core/messaging/protocol';
import type { ExitCountryView, SnippetSetView, SuggestionView, ToolConfigView } from './view-models';

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
    /** With `region` null: regions the user ruled out ("Somewhere else"). */
    notIn?: readonly string[];
    /** The model in use, when known (e.g. from a pasted API error), for the tier suggestion. */
    model?: string;
    limit?: number;
  }): SuggestionView[];
  /** Code for moving from `sourceModel` (an OpenAI model) to the platform, for the region's endpoint. */
  snippets(input: { platformId: string; sourceModel: string; region: string | null }): SnippetSetView;
  /**
   * The tools that can use the platform, set up for the region's endpoint: the last chosen tool
   * first, then the refused service's protocol (Claude Code after an Anthropic refusal).
   */
  tools(input: {
    platformId: string;
    region: string | null;
    service?: string;
    lastTool?: string | null;
  }): ToolConfigView[];
  /** The OpenAI models a person can pick as where they come from. */
  sourceModels(): readonly string[];
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

/** The popup's questions, answered by the background over messages. */
export interface RemoteCatalogView {
  suggestions(
    input: Parameters<CatalogView['suggestions']>[0],
  ): Promise<{ suggestions: SuggestionView[]; sourceModels: readonly string[] }>;
  snippets(input: Parameters<CatalogView['snippets']>[0]): Promise<SnippetSetView>;
  tools(input: Parameters<CatalogView['tools']>[0]): Promise<ToolConfigView[]>;
  exitCountry(input: Parameters<CatalogView['exitCountry']>[0]): Promise<ExitCountryView | null>;
  guessRegion(input: { uiLanguage: string; timeZone: string }): Promise<string | null>;
  /**
   * The region from evidence, best first; `ask` when a refusal or an unreachable pattern points
   * to a set of regions the popup should ask about (never assume).
   */
  regionEvidence(input: {
    uiLanguage: string;
    timeZone: string;
    refusedBy?: { service: string; product?: string };
    unreachableServices?: string[];
    notIn?: readonly string[];
  }): Promise<{ region: string | null; ask?: RegionQuestion }>;
}
