/**
 * What the popup and options components draw, independent of how core/catalog and
 * core/regions shape their answers. components/catalog-view.ts converts between the two,
 * so components can be tested with plain values and keep working when the core changes shape.
 */
import type { MessageRef } from '../core/i18n/message-ref';

export interface IncentiveView {
  /** The offer in the UI language, from the catalog's own translations. */
  summary: string;
  amount: string | null;
  /** `YYYY-MM-DD` or `YYYY-MM`: when it was announced, or last confirmed on the vendor's page. */
  announced: string | null;
  /** "Announced <date>" or "Confirmed on the vendor's page <date>": the two are not the same claim. */
  dateKind: 'announced' | 'confirmed' | null;
  expires: string | null;
  /** Announced more than 12 months ago with no end date: "announced <date>, may have ended". */
  stale: boolean;
  /** Its end date has passed. */
  ended: boolean;
  sources: string[];
}

export type SnippetLanguage = 'python' | 'node' | 'curl' | 'env';

export interface SnippetView {
  language: SnippetLanguage;
  code: string;
}

/** Migration code for one platform and source model, or why there is none. */
export type SnippetSetView =
  | { ok: true; snippets: SnippetView[]; notes: MessageRef[]; model: string }
  | { ok: false; reasonKey: string; reasonParams?: Record<string, string>; docsUrl: string | null };

/** The OpenAI models a snippet can start from (core/catalog's OPENAI_SOURCE_MODELS). */
export type SourceModelOption = string;

export interface ModelMappingView {
  from: string;
  to: string;
}

export interface SuggestionView {
  platformId: string;
  name: string;
  reasons: MessageRef[];
  incentive: IncentiveView | null;
  links: { console?: string; docs?: string; pricing?: string };
  baseUrl: string | null;
  /**
   * The region's API address is named only by third parties: the day it was checked. The card says
   * so in place of the address, and offers no code or tool setup for it.
   */
  apiAddressUnconfirmed: { checked: string } | null;
  /** Which key console pairs with which API host ("keys from platform.moonshot.cn …"). */
  keyWarnings: MessageRef[];
  /** Suggested model by tier for the model the user was on, when known. */
  modelMapping: ModelMappingView | null;
  /** Dates of the model names and base URL, and whether each is over 180 days old. */
  freshness: {
    modelsAsOf: string | null;
    modelsMayHaveChanged: boolean;
    baseUrlAsOf: string | null;
    baseUrlMayHaveChanged: boolean;
    /** Only third parties give the region's base URL; it is then not shown (see apiAddressUnconfirmed). */
    baseUrlUnverified: boolean;
  };
}

/** One tool ("Use it in…") set up for one platform: what to copy and what to watch out for. */
export interface ToolConfigView {
  toolId: string;
  name: string;
  protocol: 'anthropic' | 'openai-chat' | 'openai-responses';
  baseUrl: string;
  model: string;
  where: { kind: 'file'; path: string } | { kind: 'env' } | { kind: 'ui'; key: string };
  modelField: string;
  configs: Array<{
    format: 'shell' | 'json' | 'toml' | 'yaml';
    label: 'env' | 'file';
    path: string | null;
    code: string;
  }>;
  pitfalls: MessageRef[];
  docsUrl: string;
}

/** What the exit-country decision says for a service. */
export interface ExitCountryView {
  service: string;
  serviceName: string;
  country: string;
  decision: 'served' | 'not-served' | 'unknown';
  /** Why `unknown`, as a message key from core/regions (exitNoList, exitSpecialCountry, exitUncertainCode). */
  unknownReason: string | null;
  /** Whose list: "OpenAI" in "OpenAI's list". */
  listOwner: string | null;
  listDate: string | null;
  listStale: boolean;
  /** The country is listed with a carve-out a country code cannot see (e.g. parts of Ukraine). */
  partial: boolean;
  source: string | null;
  checkedAt: number;
}
