/**
 * Reads Detour's log the way a user gets it: the JSON export (`{ format: "detour-log",
 * version: 1, exportedAt, events }`), asked for through the extension's message protocol and
 * validated with the same event schema the background writes with.
 */
import * as v from 'valibot';
import { LogEvent } from '../../core/log/event';
import type { DetourInBrowser } from './browsers';

const ExportedLogFile = v.object({
  format: v.literal('detour-log'),
  version: v.literal(1),
  exportedAt: v.pipe(v.string(), v.isoTimestamp()),
  events: v.array(LogEvent),
});
export type ExportedLogFile = v.InferOutput<typeof ExportedLogFile>;

export async function exportedLog(detour: DetourInBrowser): Promise<ExportedLogFile> {
  const exported = await detour.send('exportLog', { format: 'json' });
  const parsed = v.safeParse(ExportedLogFile, JSON.parse(exported.text));
  if (!parsed.success) {
    const issues = parsed.issues.map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`);
    throw new Error(`the exported log does not match its documented format:\n${issues.join('\n')}`);
  }
  return parsed.output;
}

export async function loggedEvents(detour: DetourInBrowser): Promise<LogEvent[]> {
  return (await exportedLog(detour)).events;
}
