/**
 * Splits one banner's time to the log with the marks of the trace build (core/bench-trace,
 * `npx tsx bench/trace-build.ts`): the page inserted it → the content script's read started (the
 * observer's callback, a throttle tick or a sweep) → the report was handed to the messaging
 * library → the background's handler got it → the background recorded the event (firstSeen) →
 * the log's write was seen. All marks are on the clock pages and workers share
 * (performance.timeOrigin + now). Production builds carry no marks; then there is no split.
 */
import type { ReportTrace, TraceEntry } from '../core/bench-trace/bench-trace';

export interface BannerMoments {
  /** The page's clock when the banner went in. */
  insertedAt: number;
  /** The logged event's id and firstSeen (the background's clock when it recorded the event). */
  eventId: string;
  firstSeen: number;
  /** When the log's write was seen (storage.onChanged in an extension page). */
  writtenAt: number;
}

export interface BannerSplit {
  /** insertion → the content script's read started */
  toRead: number;
  /** read → the report handed to the messaging library (reading, prefilter) */
  read: number;
  /** handed over → the background's handler started (the browser's message path, a busy worker) */
  transit: number;
  /** the handler started → the event recorded (firstSeen) */
  handler: number;
  /** firstSeen → the log's write seen */
  storage: number;
  /** What started the read that reported the banner. */
  source: ReportTrace['source'];
  /** Inside `handler`: how long each step the background marked took, by name (summed). */
  steps: Record<string, number>;
  /** What else the worker marked from the report's hand-over until its handler started. */
  meanwhile: string[];
}

interface MessageDetail {
  channel?: string;
  sent?: ReportTrace;
  answer?: { accepted?: boolean; eventId?: string };
}

const detailOf = (e: TraceEntry): MessageDetail => (e.detail ?? {}) as MessageDetail;

/**
 * The split of the report that logged `eventId`; null when the trace has no such report (a
 * production build, or a report without the content script's marks).
 */
export function splitBanner(entries: readonly TraceEntry[], m: BannerMoments): BannerSplit | null {
  const report = entries.find(
    (e) => e.what === 'message.reportObservation' && detailOf(e).answer?.eventId === m.eventId,
  );
  const sent = report && detailOf(report).sent;
  if (!report || !sent) return null;
  const steps: Record<string, number> = {};
  for (const e of entries) {
    if (e.at < report.at || e.at > m.firstSeen || e.what.startsWith('message.') || e.what === 'lag') continue;
    const ms = Math.min(e.ms ?? 0, m.firstSeen - e.at);
    steps[e.what] = (steps[e.what] ?? 0) + ms;
  }
  const meanwhile = entries
    .filter((e) => e !== report && e.at >= sent.sentAt && e.at < report.at)
    .map((e) => describe(e, m.insertedAt));
  // A thread that was late waking up while the report waited says the worker was busy.
  for (const e of entries) {
    if (e.what !== 'lag' || e.at >= report.at) continue;
    const ms = (e.detail as { ms?: number } | undefined)?.ms ?? 0;
    if (e.at + ms > sent.sentAt && !meanwhile.includes(describe(e, m.insertedAt)))
      meanwhile.push(describe(e, m.insertedAt));
  }
  return {
    toRead: sent.readAt - m.insertedAt,
    read: sent.sentAt - sent.readAt,
    transit: report.at - sent.sentAt,
    handler: m.firstSeen - report.at,
    storage: m.writtenAt - m.firstSeen,
    source: sent.source,
    steps,
    meanwhile,
  };
}

function describe(e: TraceEntry, origin: number): string {
  const at = `+${(e.at - origin).toFixed(1)}`;
  if (e.what === 'lag') return `${at} worker woke ${(e.detail as { ms: number }).ms} ms late`;
  const channel = detailOf(e).channel;
  const took = e.ms === undefined ? '' : ` (${e.ms.toFixed(1)} ms)`;
  return `${at} ${e.what}${channel ? ` ${channel}` : ''}${took}`;
}
