/**
 * The first paint's reading of storage.session: the snapshot (core/snapshot) and its text, checked
 * by hand with the same rules as the schemas they were written with (core/log/event LogEvent,
 * core/log/tab-states TabRecord, core/snapshot RecentSnapshot), because valibot and those modules
 * are what the first paint must not load; `matched` (a recognised refusal's words), which the popup
 * never draws, is left to the store. Anything that does not fit gives null: the first paint then
 * draws nothing and the app paints as it would without it.
 */
import type { LogEvent } from '../../core/log/event';
import {
  FIRST_PAINT_TEXT_KEY,
  type FirstPaintText,
  type LocaleTag,
} from '../../core/snapshot/first-paint-text';
import { RECENT_SNAPSHOT_EVENTS, RECENT_SNAPSHOT_KEY } from '../../core/snapshot/popup-snapshot-keys';

type Row = Record<string, unknown>;

const LOCALES: readonly string[] = ['en', 'zh-CN', 'zh-TW'];
const KINDS: readonly string[] = ['response', 'page', 'navigation', 'text', 'warning', 'unreachable'];
/** core/log/tab-states MAX_EVENTS_PER_TAB, with room: the schema sets no bound, the writer does. */
const MAX_TAB_EVENTS = 100;

const isRow = (value: unknown): value is Row =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const optional = (value: unknown, check: (v: unknown) => boolean) => value === undefined || check(value);
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);

function isLogEvent(value: unknown): value is LogEvent {
  if (!isRow(value)) return false;
  const e = value;
  return (
    isString(e.id) &&
    isString(e.service) &&
    isString(e.product) &&
    isString(e.kind) &&
    KINDS.includes(e.kind) &&
    isString(e.ruleId) &&
    isString(e.url) &&
    optional(e.status, isNumber) &&
    isString(e.evidence) &&
    e.evidence.length <= 300 &&
    optional(e.tabUrl, isString) &&
    optional(e.country, isString) &&
    optional(e.via, (via) => via === 'signature' || via === 'recogniser') &&
    optional(e.relayedBy, (gateway) => isString(gateway) && /^[a-z0-9-]{1,40}$/.test(gateway)) &&
    isNumber(e.firstSeen) &&
    isNumber(e.lastSeen) &&
    isNumber(e.count) &&
    Number.isInteger(e.count) &&
    e.count >= 1
  );
}

function readEvents(value: unknown, max: number): LogEvent[] | null {
  if (!Array.isArray(value) || value.length > max || !value.every(isLogEvent)) return null;
  return value;
}

export interface RecentPart {
  events: LogEvent[];
  total: number;
}

export function readRecent(stored: Row): RecentPart | null {
  const raw = stored[RECENT_SNAPSHOT_KEY];
  if (!isRow(raw) || !isNumber(raw.writtenAt)) return null;
  const events = readEvents(raw.events, RECENT_SNAPSHOT_EVENTS);
  const total = raw.total;
  if (!events || !isNumber(total) || !Number.isInteger(total) || total < 0) return null;
  return { events, total };
}

export interface TabPart {
  url: string | null;
  events: LogEvent[];
  pageFailed?: { error: string };
}

/**
 * The tab's record: `{ url: null, events: [] }` when none is stored (nothing seen since its last
 * navigation), null when one is stored but does not fit.
 */
export function readTab(stored: Row, tabId: number): TabPart | null {
  const raw = stored[`tab.${tabId}`];
  if (raw === undefined) return { url: null, events: [] };
  if (!isRow(raw) || !(raw.url === null || isString(raw.url)) || !isNumber(raw.navigatedAt)) return null;
  if (!optional(raw.document, isString)) return null;
  const events = readEvents(raw.events, MAX_TAB_EVENTS);
  if (!events) return null;
  const failed = raw.pageFailed;
  if (failed !== undefined) {
    if (!isRow(failed) || !isString(failed.error) || failed.error.length > 80 || !isNumber(failed.at))
      return null;
    return { url: raw.url, events, pageFailed: { error: failed.error } };
  }
  return { url: raw.url, events };
}

export function readText(stored: Row): FirstPaintText | null {
  const raw = stored[FIRST_PAINT_TEXT_KEY];
  if (!isRow(raw) || !isString(raw.locale) || !LOCALES.includes(raw.locale)) return null;
  if (!isString(raw.followed) || !LOCALES.includes(raw.followed)) return null;
  const { messages, names } = raw;
  // Each message is looked up when drawn; one missing or empty draws nothing (./paint-snapshot).
  if (!isRow(messages) || !Object.values(messages).every(isString)) return null;
  if (!isRow(names) || !Object.values(names).every(isString)) return null;
  if (!isStringArray(raw.pageHosts) || !isStringArray(raw.pathHosts)) return null;
  if (typeof raw.otherHostsMayBePages !== 'boolean') return null;
  return {
    locale: raw.locale as LocaleTag,
    followed: raw.followed as LocaleTag,
    messages: messages as FirstPaintText['messages'],
    names: names as Record<string, string>,
    pageHosts: raw.pageHosts,
    pathHosts: raw.pathHosts,
    otherHostsMayBePages: raw.otherHostsMayBePages,
  };
}

/**
 * The language the app will render in for a stored choice (core/language/choice; anything but a
 * named language follows the browser), so the first paint never shows another language.
 */
export function languageFor(choice: unknown, text: FirstPaintText): LocaleTag {
  return isString(choice) && LOCALES.includes(choice) ? (choice as LocaleTag) : text.followed;
}
