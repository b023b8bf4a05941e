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
import type { ReachabilityReport } from '../catalog/reachability';
import type {
  ExitJudgement,
  MigrationSnippetsAnswer,
  SuggestionsAnswer,
  ToolConfigsAnswer,
} from '../catalog/way-forward-answers';
import type { DataStatusAnswer, DataUpdateAnswer } from '../data-updates/channel';
import { Observation } from '../detection/observation';
import type { ExportedLog, ExportFormat } from '../log/export';
import type { LogPage } from '../log/log-queries';
import type { TabState } from '../log/tab-states';
import type { ExitCheckAnswer } from '../regions/exit-check';

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

// ---- The popup's way forward, answered by the background so the catalog stays out of the popup
const Slug = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,39}$/));
/** ISO 3166-1 alpha-2 as settings store it, or null when the region is unknown. */
const RegionCode = v.nullable(v.pipe(v.string(), v.regex(/^[A-Z]{2}$/)));
const ModelName = v.pipe(v.string(), v.regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$/));

/** At most this many suggestions a request: enough for the whole catalog ("show all"). */
export const MAX_SUGGESTIONS = 50;
export const SuggestionsInput = v.object({
  service: Slug,
  product: v.optional(Slug),
  region: RegionCode,
  /** With `region` null: regions the user ruled out ("Somewhere else"), left out of the guess. */
  notIn: v.optional(v.pipe(v.array(v.pipe(v.string(), v.regex(/^[A-Z]{2}$/))), v.maxLength(20))),
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

/** The tools (Claude Code, Cherry Studio, …) that can use one platform, for the region's endpoint. */
export const ToolConfigsInput = v.object({
  platformId: Slug,
  region: v.optional(RegionCode, null),
  /** The refused service: its protocol's tools lead (Claude Code after an Anthropic refusal). */
  service: v.optional(Slug),
  /** The tool the person chose last; it is shown first. */
  lastTool: v.optional(v.nullable(Slug), null),
});
export type ToolConfigsInput = v.InferOutput<typeof ToolConfigsInput>;

export const JudgeExitCountryInput = v.object({
  service: Slug,
  product: v.optional(Slug),
  country: v.nullable(v.pipe(v.string(), v.maxLength(8))),
});

export const GuessRegionInput = v.object({
  uiLanguage: v.pipe(v.string(), v.maxLength(50)),
  timeZone: v.pipe(v.string(), v.maxLength(80)),
  /** The service that refused the user on this tab: its published list says where they may be. */
  refusedBy: v.optional(v.object({ service: Slug, product: v.optional(Slug) })),
  /** Services that could not be reached from this network. */
  unreachableServices: v.optional(v.pipe(v.array(Slug), v.maxLength(30))),
  /** Regions the user said they are not in ("Somewhere else" in the chooser). */
  notIn: v.optional(v.pipe(v.array(v.pipe(v.string(), v.regex(/^[A-Z]{2}$/))), v.maxLength(20))),
});

/** A region to ask the user about (a one-tap chooser), instead of assuming one. */
export interface RegionQuestion {
  source: 'refusal' | 'unreachable-pattern';
  /** ISO codes of the chooser (core/regions CHOOSER_REGIONS) the evidence points to. */
  candidates: string[];
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

/** A tab's blocks and warnings, with the latest exit-country answer for its service when one is kept. */
export type TabStateAnswer = TabState & {
  /** Judged for the tab's product; null when there is none from the last 6 hours. */
  exitCheck?: ExitCheckAnswer | null;
};

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
  getTabState(input: { tabId: number }): TabStateAnswer;
  queryLog(input: LogQuery): LogPage;
  exportLog(input: { format: ExportFormat }): ExportedLog;
  clearLog(input: Record<string, never>): { cleared: number };
  checkReachability(input: { service: string }): ReachabilityReport;
  /** options → background: which data is in use (built-in or a signed bundle) and the update choices. */
  dataStatus(input: Record<string, never>): DataStatusAnswer;
  /** options → background, on "Update now": fetch the signed data bundle from the build's mirrors. */
  updateData(input: Record<string, never>): DataUpdateAnswer;
  /** options → background: the user's opt-in to a weekly check for a signed bundle. */
  setDataWeekly(input: { weekly: boolean }): DataStatusAnswer;
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
  /** popup → background: the tools that can use a platform, set up for it; an unknown platform is refused. */
  getToolConfigs(input: v.InferInput<typeof ToolConfigsInput>): ToolConfigsAnswer;
  /** popup → background: an exit country against the service's list; null without a usable code. */
  judgeExitCountry(input: v.InferInput<typeof JudgeExitCountryInput>): ExitJudgement | null;
  /** popup → background: the region guessed from the UI language and time zone (core/regions). */
  /**
   * popup → background: the region from evidence (core/regions regionFromEvidence). `region` null
   * with `ask`: a refusal or an unreachable pattern points to a set; the popup asks, never assumes.
   */
  guessRegion(input: v.InferInput<typeof GuessRegionInput>): { region: string | null; ask?: RegionQuestion };
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
