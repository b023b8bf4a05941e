/**
 * The typed message protocol between content scripts, popup, options and the background.
 * Every handler in the background validates its input with the schemas here before acting;
 * the TypeScript types are inferred from the same schemas.
 *
 * Owners: the background implements every handler (entrypoints/background.ts wires
 * core modules); content scripts only send `reportObservation`; popup and options send the rest.
 */
import { defineExtensionMessaging } from '@webext-core/messaging';
import * as v from 'valibot';
import { Observation } from '../detection/observation';
import type { LogEvent } from '../log/event';

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * True when a message carries a prototype-pollution key at any depth (checked on the raw input,
 * before a schema copies it: copying `__proto__` into an object changes its prototype silently).
 */
export function hasForbiddenKey(value: unknown, depth = 0): boolean {
  if (depth > 8 || typeof value !== 'object' || value === null) return false;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return true;
    if (hasForbiddenKey((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}

/** Where a page-derived observation came from, so the background can decide whether to trust it. */
export const ObservationChannel = v.picklist(['page-text', 'fetch-tap', 'navigation']);

/** Content scripts send at most a bounded excerpt; anything bigger is not from Detour's own code. */
export const MAX_REPORT_BODY_CHARS = 32 * 1024;

export const ReportObservationInput = v.object({
  channel: ObservationChannel,
  observation: v.pipe(
    Observation,
    v.check(
      (o) => (o.body?.length ?? 0) <= MAX_REPORT_BODY_CHARS,
      `body longer than ${MAX_REPORT_BODY_CHARS} characters`,
    ),
    v.check((o) => Object.keys(o.headers ?? {}).length <= 50, 'more than 50 headers'),
    v.check(
      (o) => Object.keys(o.headers ?? {}).every((k) => /^[a-z0-9-]{1,64}$/i.test(k)),
      'bad header name',
    ),
  ),
});
export type ReportObservationInput = v.InferOutput<typeof ReportObservationInput>;

export const LogQuery = v.object({
  service: v.optional(v.string()),
  tabId: v.optional(v.number()),
  since: v.optional(v.number()),
  until: v.optional(v.number()),
  search: v.optional(v.pipe(v.string(), v.maxLength(500))),
  kinds: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(40))), v.maxLength(10))),
  offset: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 0),
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000)), 50),
});
export type LogQuery = v.InferInput<typeof LogQuery>;

export const TabIdInput = v.object({ tabId: v.pipe(v.number(), v.integer(), v.minValue(0)) });
export const ExportLogInput = v.object({ format: v.picklist(['json', 'csv']) });
export const EmptyInput = v.object({});
export const ServiceInput = v.object({ service: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,39}$/)) });
/**
 * A site the user granted through optional host permissions, and which known service it stands
 * for (e.g. a company gateway in front of ChatGPT). Origin only: `https://host[:port]`.
 */
export const HostWatchInput = v.object({
  origin: v.pipe(v.string(), v.maxLength(300), v.regex(/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i)),
  service: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,39}$/)),
});
export type HostWatchInput = v.InferOutput<typeof HostWatchInput>;

// ---- The popup's way forward, answered by the background (issue 7: the catalog stays out of the popup)
const Slug = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,39}$/));
/** ISO 3166-1 alpha-2 as settings store it, or null when the region is unknown. */
const RegionCode = v.nullable(v.pipe(v.string(), v.regex(/^[A-Z]{2}$/)));
const ModelName = v.pipe(v.string(), v.regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$/));

/** At most 10 suggestions a request: the popup shows 3. */
export const MAX_SUGGESTIONS = 10;
export const SuggestionsInput = v.object({
  service: Slug,
  product: v.optional(Slug),
  region: RegionCode,
  /** The model in use, when known, for the tier suggestion. */
  model: v.optional(ModelName),
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_SUGGESTIONS)), 3),
});
export type SuggestionsInput = v.InferOutput<typeof SuggestionsInput>;

export const MigrationSnippetsInput = v.object({
  platformId: Slug,
  /** The OpenAI model the code starts from. */
  sourceModel: ModelName,
  /** Picks the platform's endpoint for the region (e.g. its mainland-China one for CN). */
  region: v.optional(RegionCode, null),
});
export type MigrationSnippetsInput = v.InferOutput<typeof MigrationSnippetsInput>;

export const JudgeExitCountryInput = v.object({
  service: Slug,
  product: v.optional(Slug),
  country: v.nullable(v.pipe(v.string(), v.maxLength(8))),
});

export const GuessRegionInput = v.object({
  uiLanguage: v.pipe(v.string(), v.maxLength(50)),
  timeZone: v.pipe(v.string(), v.maxLength(80)),
});

/** Data that carries its own translations; the UI picks its language. */
export type LocalizedText = Partial<Record<'en' | 'zh-CN' | 'zh-TW', string>>;
/** A message key with params as codes and ISO dates; the UI formats them. */
export interface MessageKeyRef {
  key: string;
  params?: Record<string, string>;
}

export interface SuggestionAnswer {
  platformId: string;
  name: LocalizedText;
  reasons: MessageKeyRef[];
  incentive: {
    summary: LocalizedText;
    amount: string | null;
    /** `YYYY-MM-DD` or `YYYY-MM` as the source dates it. */
    announced: string | null;
    expires: string | null;
    /** Announced over 12 months ago with no end date. */
    stale: boolean;
    ended: boolean;
    sources: string[];
  } | null;
  links: { console?: string; docs?: string; pricing?: string };
  baseUrl: string | null;
  openaiCompatible: boolean;
  /** Suggested model by tier for the model in use; always an editorial match, not the vendor's claim. */
  modelMapping: { from: string; to: string; editorial: true } | null;
}

export interface SuggestionsAnswer {
  suggestions: SuggestionAnswer[];
  /** The OpenAI models migration code can start from. */
  sourceModels: string[];
}

export type MigrationSnippetsAnswer =
  | {
      ok: true;
      model: string;
      snippets: Array<{ language: 'python' | 'node' | 'curl' | 'env'; code: string }>;
      notes: MessageKeyRef[];
    }
  | { ok: false; reasonKey: string; docsUrl: string | null };

/** An exit country judged against the service's published list (core/regions decideExitCountry). */
export interface ExitJudgement {
  country: string;
  decision: 'served' | 'not-served' | 'unknown';
  /** Why unknown, as a message key (exitNoList, exitSpecialCountry, exitUncertainCode). */
  reason: string | null;
  list: { source: string; asOf: string; stale: boolean } | null;
  partial: boolean;
}

/**
 * Why a report or request was refused. Codes, not UI text: the UI maps the ones it shows.
 * `clean` means the observation was valid but is not a block.
 */
export type RefusalReason =
  | 'invalidInput'
  | 'foreignSender'
  | 'notExtensionPage'
  | 'senderNotWatched'
  | 'notTopFrame'
  | 'channelNotAllowed'
  | 'rateLimited'
  | 'urlNotOnService'
  | 'serviceMismatch'
  | 'serviceNotWatched'
  | 'clean'
  | 'storageError'
  | 'permissionMissing'
  | 'unknownService'
  | 'unknownPlatform'
  | 'unavailable';

export interface LogPage {
  events: LogEvent[];
  total: number;
}

export interface TabState {
  tabId: number;
  url: string | null;
  /** Blocks, warnings and unreachable events seen on this tab since its last navigation, newest first. */
  events: LogEvent[];
  /** The tab's page itself failed to load at the network level since its last navigation. */
  pageFailed?: { error: string; at: number };
  /**
   * The latest exit-country answer for this tab's service (issue 10), judged for the tab's
   * product when the popup asks; absent or null when there is none from the last 6 hours.
   */
  exitCheck?: ExitCheckAnswer | null;
}

/**
 * Where the connection leaves from, as the service's own host said (`/cdn-cgi/trace`), judged
 * against the service's published list (core/regions decideExitCountry). Built by core/regions/exit-check.
 */
export interface ExitCheckAnswer {
  /** The host that was asked (the service's own). */
  host: string;
  service: string;
  product: string;
  /** ISO 3166-1 alpha-2 (or XK); null when the answer named no usable country. */
  country: string | null;
  decision: 'served' | 'not-served' | 'unknown';
  /** Why unknown, as a message key (`exitNoCountry`, `exitSpecialCountry`, `checkTimeout`, …). */
  reason: string | null;
  /** The list judged against: its id, source URL, date, and whether it is over 12 months old. */
  list: { id: string; source: string; asOf: string; stale: boolean; confidence: 'normal' | 'low' } | null;
  /** The country is listed with a carve-out a country code cannot see (e.g. parts of Ukraine). */
  partial: string | null;
  checkedAt: number;
  /** What asked: the automatic check when a tab opened the service, or "Check now". */
  via: 'open' | 'checkNow';
}

export type ExportFormat = 'json' | 'csv';
export interface ExportedLog {
  filename: string;
  mime: string;
  text: string;
}

/** Result of a user-triggered "Check now". Built by core/catalog/reachability. */
export interface ReachabilityReport {
  service: string;
  checkedAt: number;
  status: 'reachable' | 'blocked' | 'unknown';
  ruleId: string | null;
  evidence: string;
  /** ISO 3166-1 alpha-2 from the service's own /cdn-cgi/trace, or null when unknown. */
  exitCountry: string | null;
  /** Why the result is unknown, as a message key (e.g. `checkTimeout`, `checkNetworkError`). */
  reason: string | null;
}

export interface ProtocolMap {
  /**
   * content script → background. Returns whether it was accepted (logged or deduped); resolves
   * only after the event is in storage. `eventId` is the log row it was logged or counted into.
   */
  reportObservation(input: ReportObservationInput): {
    accepted: boolean;
    reason?: RefusalReason;
    eventId?: string;
  };
  /** popup → background: blocks and warnings seen on one tab, and the latest exit-country answer. */
  getTabState(input: { tabId: number }): TabState;
  queryLog(input: LogQuery): LogPage;
  exportLog(input: { format: ExportFormat }): ExportedLog;
  clearLog(input: Record<string, never>): { cleared: number };
  checkReachability(input: { service: string }): ReachabilityReport;
  /** options → background: fetch the optional catalog update URL now. */
  updateCatalog(input: Record<string, never>): { ok: boolean; message: string; version?: string };
  /**
   * options → background, after the user granted `origin` through optional host permissions:
   * watch it as `service` (content scripts registered with scripting.registerContentScripts).
   */
  watchGrantedHost(input: HostWatchInput): { ok: boolean; reason?: RefusalReason };
  /** options → background: stop watching a granted host (call before removing the permission). */
  unwatchGrantedHost(input: { origin: string }): { ok: boolean; reason?: RefusalReason };
  /** options → background: the granted hosts Detour watches. */
  listGrantedHosts(input: Record<string, never>): HostWatchInput[];
  /** popup → background: ranked alternatives for a blocked service, shaped for display. */
  getSuggestions(input: v.InferInput<typeof SuggestionsInput>): SuggestionsAnswer;
  /** popup → background: migration code for one platform; an unknown platform is refused. */
  getMigrationSnippets(input: v.InferInput<typeof MigrationSnippetsInput>): MigrationSnippetsAnswer;
  /** popup → background: an exit country against the service's list; null without a usable code. */
  judgeExitCountry(input: v.InferInput<typeof JudgeExitCountryInput>): ExitJudgement | null;
  /** popup → background: the region guessed from the UI language and time zone (core/regions). */
  guessRegion(input: v.InferInput<typeof GuessRegionInput>): { region: string | null };
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
