/**
 * One row of the event log. The background is the only writer; see core/log/ for the store.
 */
import * as v from 'valibot';

/**
 * `warning`: the exit country is not served. `unreachable`: the service's hosts could not be
 * reached from this network (no answer at all, so no refusal either). Every other kind is a refusal.
 */
export const EventKind = v.picklist(['response', 'page', 'navigation', 'text', 'warning', 'unreachable']);

export const LogEvent = v.object({
  id: v.string(),
  service: v.string(),
  product: v.string(),
  kind: EventKind,
  ruleId: v.string(),
  /** Without query string and fragment. */
  url: v.string(),
  status: v.optional(v.number()),
  /** Plain text, at most 300 characters. */
  evidence: v.pipe(v.string(), v.maxLength(300)),
  tabUrl: v.optional(v.string()),
  /** For `warning` events: the exit country that is not served. */
  country: v.optional(v.string()),
  /**
   * How the block was recognised: `signature` (a known message; `ruleId` names it) or
   * `recogniser` (by its wording; `matched` lists the words). Absent in events logged before
   * Detour recorded it, which read as signatures.
   */
  via: v.optional(v.picklist(['signature', 'recogniser'])),
  /** For `recogniser` events: the words that matched, each short. */
  matched: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(80))), v.maxLength(8))),
  /**
   * For a refusal passed on by a gateway (OpenRouter, LobeChat…): the gateway's service, whose
   * page or API it was seen on; `service` and `product` then name the upstream that refused.
   * Absent for a service's own refusal, and in events logged before Detour recorded it.
   */
  relayedBy: v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9-]{1,40}$/))),
  firstSeen: v.number(),
  lastSeen: v.number(),
  count: v.pipe(v.number(), v.integer(), v.minValue(1)),
});
export type LogEvent = v.InferOutput<typeof LogEvent>;

/** A refusal by the service itself: neither an exit-country warning nor a network failure. */
export function isRefusal(event: Pick<LogEvent, 'kind'>): boolean {
  return event.kind !== 'warning' && event.kind !== 'unreachable';
}
