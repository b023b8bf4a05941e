/**
 * The log as files a person can keep: JSON (the documented `detour-log` format, version 1) and
 * CSV for spreadsheets. Pure functions; the background reads the events and the UI saves the text.
 */
import type { LogEvent } from './event';

export const EXPORT_FORMAT = 'detour-log';
export const EXPORT_VERSION = 1;

export interface LogExportFile {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  exportedAt: string;
  events: LogEvent[];
}

function day(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

export type ExportFormat = 'json' | 'csv';
export interface ExportedLog {
  filename: string;
  mime: string;
  text: string;
}

export function logToJson(events: LogEvent[], now: number): ExportedLog {
  const file: LogExportFile = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: new Date(now).toISOString(),
    events,
  };
  return {
    filename: `detour-log-${day(now)}.json`,
    mime: 'application/json',
    text: `${JSON.stringify(file, null, 2)}\n`,
  };
}

export const CSV_COLUMNS = [
  'id',
  'service',
  'product',
  'kind',
  'ruleId',
  'url',
  'status',
  'evidence',
  'tabUrl',
  'country',
  'firstSeen',
  'lastSeen',
  'count',
  // Last, so a spreadsheet built on the older columns still lines up.
  'relayedBy',
] as const;

/**
 * One CSV cell (RFC 4180 quoting). Text starting with = + - @ (or a tab / carriage return) is
 * prefixed with ' so a spreadsheet shows it instead of running it as a formula (OWASP "CSV
 * Injection"); page text is attacker-controlled.
 */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  if (/[",\r\n]/.test(text) || text !== text.trim()) text = `"${text.replace(/"/g, '""')}"`;
  return text;
}

export function logToCsv(events: LogEvent[], now: number): ExportedLog {
  const lines = [CSV_COLUMNS.join(',')];
  for (const e of events) {
    lines.push(
      [
        csvCell(e.id),
        csvCell(e.service),
        csvCell(e.product),
        csvCell(e.kind),
        csvCell(e.ruleId),
        csvCell(e.url),
        csvCell(e.status),
        csvCell(e.evidence),
        csvCell(e.tabUrl),
        csvCell(e.country),
        csvCell(new Date(e.firstSeen).toISOString()),
        csvCell(new Date(e.lastSeen).toISOString()),
        csvCell(e.count),
        csvCell(e.relayedBy),
      ].join(','),
    );
  }
  return {
    filename: `detour-log-${day(now)}.csv`,
    mime: 'text/csv;charset=utf-8',
    // The byte-order mark makes spreadsheet programs read the Chinese text as UTF-8.
    text: `\ufeff${lines.join('\r\n')}\r\n`,
  };
}
