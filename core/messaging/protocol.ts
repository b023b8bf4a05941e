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

/** Where a page-derived observation came from, so the background can decide whether to trust it. */
export const ObservationChannel = v.picklist(['page-text', 'fetch-tap', 'navigation']);

export const ReportObservationInput = v.object({
  channel: ObservationChannel,
  observation: Observation,
});
export type ReportObservationInput = v.InferOutput<typeof ReportObservationInput>;

export const LogQuery = v.object({
  service: v.optional(v.string()),
  tabId: v.optional(v.number()),
  since: v.optional(v.number()),
  until: v.optional(v.number()),
  search: v.optional(v.pipe(v.string(), v.maxLength(500))),
  kinds: v.optional(v.array(v.string())),
  offset: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0)), 0),
  limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000)), 50),
});
export type LogQuery = v.InferInput<typeof LogQuery>;

export interface LogPage {
  events: LogEvent[];
  total: number;
}

export interface TabState {
  tabId: number;
  url: string | null;
  /** Blocks and warnings seen on this tab since its last navigation, newest first. */
  events: LogEvent[];
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
  /** content script → background. Returns whether it was accepted (logged or deduped). */
  reportObservation(input: ReportObservationInput): { accepted: boolean; reason?: string };
  /** popup → background: blocks seen on one tab. */
  getTabState(input: { tabId: number }): TabState;
  queryLog(input: LogQuery): LogPage;
  exportLog(input: { format: ExportFormat }): ExportedLog;
  clearLog(input: Record<string, never>): { cleared: number };
  checkReachability(input: { service: string }): ReachabilityReport;
  /** options → background: fetch the optional catalog update URL now. */
  updateCatalog(input: Record<string, never>): { ok: boolean; message: string; version?: string };
}

export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
