/**
 * The background's answers to the popup's way-forward questions (getSuggestions,
 * getMigrationSnippets, getToolConfigs, judgeExitCountry, guessRegion): only the fields the popup shows, as
 * data with its own en / zh-CN / zh-TW text and message keys. The popup asks the background
 * instead of bundling the catalog, which would be most of the popup's weight.
 * Options shapes the same answers (components/catalog-live.ts), so both show one truth.
 */
import type { LocalizedText, MessageRef } from '../i18n/message-ref';
import { regionsNotServedBy } from '../regions/refusal-regions';
import { decideExitCountry } from '../regions/regions';
import { CATALOG } from './catalog';
import { mayHaveChanged, modelNamesAsOf } from './freshness';
import { incentiveDate, partialDateEnd } from './incentives';
import { AVAILABILITY_TIER, recommendPlatforms, type Suggestion } from './recommend';
import { type BaseUrlRegion, OPENAI_SOURCE_MODELS, type Platform } from './schema';
import { migrationSnippets } from './switch-snippets';
import { hasAnthropicEndpoint, keyRegionWarnings, type ToolConfig, toolConfigs } from './tool-configs';
import { checkedOn, readableReasons, verifiedLinks, verifiedMappedModel } from './verified';

/** A getSuggestions question, as the protocol's schema leaves it after validation. */
export interface SuggestionsQuery {
  service: string;
  product?: string;
  region: string | null;
  /** With `region` null: regions the user ruled out, dropped from the not-served set. */
  notIn?: readonly string[];
  model?: string;
  limit: number;
}

/** A getToolConfigs question, as the protocol's schema leaves it after validation. */
export interface ToolConfigsQuery {
  platformId: string;
  region: string | null;
  service?: string;
  lastTool: string | null;
}

/** A getMigrationSnippets question, as the protocol's schema leaves it after validation. */
export interface SnippetsQuery {
  platformId: string;
  sourceModel: string;
  region: string | null;
}

export interface SuggestionAnswer {
  platformId: string;
  name: LocalizedText;
  reasons: MessageRef[];
  incentive: {
    summary: LocalizedText;
    amount: string | null;
    /**
     * `YYYY-MM-DD` or `YYYY-MM` as the source dates it: the day the offer was announced, or, for a
     * standing offer the vendor's page shows undated, the day it was last confirmed there.
     */
    announced: string | null;
    /** Which of the two `announced` is: a page's own date must never read as a day we checked. */
    dateKind: 'announced' | 'confirmed' | null;
    expires: string | null;
    /** Announced over 12 months ago with no end date. */
    stale: boolean;
    ended: boolean;
    sources: string[];
  } | null;
  /** Only links the last check confirmed on the vendor's own pages. */
  links: { console?: string; docs?: string; pricing?: string };
  /** The region's API address; null when there is none or only third parties name it. */
  baseUrl: string | null;
  /**
   * The region's API address exists in the catalog but only third parties name it: the day of the
   * check that could not confirm it (the card says so in place of the address and its code).
   */
  apiAddressUnconfirmed: { checked: string } | null;
  /** "Keys from platform.moonshot.cn work only with api.moonshot.cn", as message keys. */
  keyWarnings: MessageRef[];
  openaiCompatible: boolean;
  /** Suggested model by tier for the model in use; always an editorial match, not the vendor's claim. */
  modelMapping: { from: string; to: string; editorial: true } | null;
  /** The dates of the model names and base URL shown, and whether each is over 180 days old. */
  freshness: {
    modelsAsOf: string | null;
    modelsMayHaveChanged: boolean;
    baseUrlAsOf: string | null;
    baseUrlMayHaveChanged: boolean;
    /**
     * Only third parties give the region's base URL: no vendor page confirmed it. It is then not
     * shown (`baseUrl` is null, `apiAddressUnconfirmed` says when it was checked).
     */
    baseUrlUnverified: boolean;
  };
}

export interface SuggestionsAnswer {
  suggestions: SuggestionAnswer[];
  /** How many the catalog has for this request, shown or not ("show all"). */
  total: number;
  /** The OpenAI models migration code can start from. */
  sourceModels: string[];
}

export type MigrationSnippetsAnswer =
  | {
      ok: true;
      model: string;
      snippets: Array<{ language: 'python' | 'node' | 'curl' | 'env'; code: string }>;
      notes: MessageRef[];
    }
  | { ok: false; reasonKey: string; reasonParams?: { date: string }; docsUrl: string | null };

/** One tool set up for one platform (core/catalog/tool-configs): text to copy and pitfalls as keys. */
export type ToolConfigAnswer = Omit<ToolConfig, 'platformId'>;

export interface ToolConfigsAnswer {
  tools: ToolConfigAnswer[];
}

/** An exit country judged against the service's published list (core/regions decideExitCountry). */
export interface ExitJudgement {
  country: string;
  decision: 'served' | 'not-served' | 'unknown';
  /** Why unknown, as a message key (exitNoList, exitSpecialCountry, exitUncertainCode). */
  reason: string | null;
  list: { source: string; asOf: string; stale: boolean } | null;
  partial: boolean;
}

const REGION_ENDPOINTS: Record<string, BaseUrlRegion> = {
  CN: 'cn-mainland',
  HK: 'hong-kong',
  US: 'us',
  RU: 'ru',
};

/** The endpoint meant for the region when the platform has one, else its international or global one. */
export function endpointRegion(platform: Platform, region: string | null): BaseUrlRegion | undefined {
  const has = (r: BaseUrlRegion) => platform.api.baseUrls.some((b) => b.region === r && !b.legacy);
  const own = region ? REGION_ENDPOINTS[region] : undefined;
  if (own && has(own)) return own;
  if (has('international')) return 'international';
  if (has('global')) return 'global';
  return undefined;
}

/**
 * People refused by Anthropic can keep Claude Code on a platform that documents an
 * Anthropic-compatible endpoint: within each availability tier those come first (the order is
 * otherwise the recommender's), and they say so.
 */
function claudeCodeFirst(suggestions: Suggestion[]): Suggestion[] {
  return suggestions
    .map((s, index) => ({ s, index, claude: hasAnthropicEndpoint(s.platform.id) }))
    .sort(
      (a, b) =>
        AVAILABILITY_TIER[a.s.availability] - AVAILABILITY_TIER[b.s.availability] ||
        Number(b.claude) - Number(a.claude) ||
        a.index - b.index,
    )
    .map(({ s, claude }) =>
      claude
        ? {
            ...s,
            reasons: [...s.reasons.slice(0, 1), { key: 'tools.reasonClaudeCode' }, ...s.reasons.slice(1)],
          }
        : s,
    );
}

/** Ranked suggestions for a blocked service, at most `limit`, with the source models for snippets. */
export function suggestionAnswers(input: SuggestionsQuery, now: number): SuggestionsAnswer {
  const { service, product, region, model, limit } = input;
  // Region unknown: the service that refused (or cannot be reached) says where the user probably
  // is: the regions its published list does not serve, less those the user ruled out.
  const ruledOut = new Set(input.notIn ?? []);
  const regions =
    region === null ? (regionsNotServedBy(service, product) ?? []).filter((c) => !ruledOut.has(c)) : [];
  const ranked = recommendPlatforms({ blockedService: service, product, region, regions, model, now });
  const suggestions = (service === 'anthropic' ? claudeCodeFirst(ranked) : ranked)
    .slice(0, limit)
    .map((s): SuggestionAnswer => {
      const { platform } = s;
      // An offer only third parties report is not shown as an offer (its reason goes with it).
      const chosen = s.incentive?.incentive.unverified ? undefined : s.incentive?.incentive;
      const ended = !!chosen?.expires && partialDateEnd(chosen.expires) < now;
      const wanted = endpointRegion(platform, region);
      const current = platform.api.baseUrls.filter((b) => !b.legacy);
      const regional = current.filter((b) => b.region === wanted);
      const regionalEndpoint =
        regional.find((b) => !b.unverified) ??
        regional[0] ??
        current.find((b) => !b.unverified) ??
        current[0] ??
        platform.api.baseUrls[0];
      const baseUrl = regionalEndpoint?.unverified ? undefined : regionalEndpoint;
      const modelsAsOf = modelNamesAsOf(platform);
      const target = model ? verifiedMappedModel(platform, model) : null;
      return {
        platformId: platform.id,
        name: { ...platform.name },
        reasons: readableReasons(platform, s.reasons, { model, incentive: s.incentive?.incentive }).map(
          (r) => ({ key: r.key, ...(r.params ? { params: { ...r.params } } : {}) }),
        ),
        incentive: chosen
          ? {
              summary: { ...chosen.summary },
              amount: chosen.amount ?? null,
              announced: incentiveDate(chosen)?.date ?? null,
              dateKind: incentiveDate(chosen)?.kind ?? null,
              expires: chosen.expires ?? null,
              stale: s.incentive?.status === 'stale' && !ended,
              ended,
              sources: [chosen.source, ...(chosen.otherSources ?? [])],
            }
          : null,
        links: verifiedLinks(platform),
        baseUrl: baseUrl?.value ?? null,
        apiAddressUnconfirmed: regionalEndpoint?.unverified
          ? { checked: checkedOn(regionalEndpoint, CATALOG) }
          : null,
        keyWarnings: keyRegionWarnings(platform.id, baseUrl?.value ?? null).map((w) => ({
          key: w.key,
          ...(w.params ? { params: { ...w.params } } : {}),
        })),
        openaiCompatible: s.openaiCompatible,
        // The catalog's model mapping is an editorial tier match, never the vendor's claim.
        // Only a target whose id was confirmed: an unconfirmed id is not shown as the platform's model.
        modelMapping: model && target ? { from: model, to: target, editorial: true } : null,
        freshness: {
          modelsAsOf,
          modelsMayHaveChanged: modelsAsOf !== null && mayHaveChanged(modelsAsOf, now),
          baseUrlAsOf: baseUrl?.asOf ?? null,
          baseUrlMayHaveChanged: !!baseUrl && mayHaveChanged(baseUrl.asOf, now),
          baseUrlUnverified: regionalEndpoint?.unverified === true,
        },
      };
    });
  return { suggestions, total: ranked.length, sourceModels: [...OPENAI_SOURCE_MODELS] };
}

/**
 * Migration code from `sourceModel` to the platform, for the region's endpoint. Null for a
 * platform the catalog does not have (the handler refuses it); other misses say why.
 */
export function snippetsAnswer(input: SnippetsQuery): MigrationSnippetsAnswer | null {
  const platform = CATALOG.platforms.find((p) => p.id === input.platformId);
  if (!platform) return null;
  const result = migrationSnippets({
    platformId: input.platformId,
    sourceModel: input.sourceModel,
    baseUrlRegion: endpointRegion(platform, input.region),
  });
  if (!result.ok)
    return {
      ok: false,
      reasonKey: result.reason,
      ...(result.checked ? { reasonParams: { date: result.checked } } : {}),
      docsUrl: result.docsUrl,
    };
  return {
    ok: true,
    model: result.model,
    notes: result.notes.map((n) => ({ key: n.key, ...(n.params ? { params: { ...n.params } } : {}) })),
    snippets: [
      { language: 'python', code: result.python },
      { language: 'node', code: result.node },
      { language: 'curl', code: result.curl },
      { language: 'env', code: result.shell },
    ],
  };
}

/** The tools that can use the platform in the region, set up for it; null for a platform the catalog lacks. */
export function toolConfigsAnswer(input: ToolConfigsQuery): ToolConfigsAnswer | null {
  const configs = toolConfigs(input);
  if (!configs) return null;
  return {
    tools: configs.map(({ platformId: _platform, pitfalls, where, configs: texts, ...tool }) => ({
      ...tool,
      where: { ...where },
      configs: texts.map((c) => ({ ...c })),
      pitfalls: pitfalls.map((p) => ({ key: p.key, ...(p.params ? { params: { ...p.params } } : {}) })),
    })),
  };
}

/** An exit country judged against the service's published list; null when it is no usable code. */
export function exitJudgement(
  input: { service: string; product?: string; country: string | null },
  now: number,
): ExitJudgement | null {
  if (!input.country) return null;
  const result = decideExitCountry({ ...input, now });
  if (!result.country) return null;
  return {
    country: result.country,
    decision: result.decision,
    reason: result.reason ?? null,
    list: result.list
      ? { source: result.list.source, asOf: result.list.asOf, stale: result.list.stale }
      : null,
    partial: !!result.partial,
  };
}
