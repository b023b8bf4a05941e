/**
 * Whether an offer may still be shown as current. Offers are never presented as current without a
 * date: one that has expired, or whose latest dated sighting is more than 12 months old, is stale
 * ("announced <date>, may have ended").
 */
import type { Incentive } from './schema';

export type IncentiveStatus = 'current' | 'stale';

const STALE_AFTER_MONTHS = 12;

/** Start of a partial date (`2024` → 1 Jan 2024, `2024-06` → 1 Jun 2024), in UTC ms. */
export function partialDateStart(date: string): number {
  const [y, m = 1, d = 1] = date.split('-').map(Number);
  return Date.UTC(y ?? 0, m - 1, d);
}

/** End of a partial date (`2024-07` → the last moment of 31 Jul 2024), in UTC ms. */
export function partialDateEnd(date: string): number {
  const parts = date.split('-').map(Number);
  const [y = 0, m, d] = parts;
  if (m === undefined) return Date.UTC(y + 1, 0, 1) - 1;
  if (d === undefined) return Date.UTC(y, m, 1) - 1;
  return Date.UTC(y, m - 1, d + 1) - 1;
}

/** `now` minus 12 calendar months, in UTC ms. */
export function monthsBefore(now: Date | number, months: number): number {
  const n = new Date(now);
  return Date.UTC(
    n.getUTCFullYear(),
    n.getUTCMonth() - months,
    n.getUTCDate(),
    n.getUTCHours(),
    n.getUTCMinutes(),
  );
}

/** The date a person should see beside the offer, and what kind of date it is. */
export function incentiveDate(
  incentive: Incentive,
): { kind: 'confirmed' | 'announced'; date: string } | null {
  if (incentive.lastConfirmed) return { kind: 'confirmed', date: incentive.lastConfirmed };
  if (incentive.announced) return { kind: 'announced', date: incentive.announced };
  return null;
}

export function incentiveStatus(incentive: Incentive, now: Date | number): IncentiveStatus {
  const nowMs = new Date(now).getTime();
  // An expiry date counts to its last day: "until 2024-07-31" is current on the 31st.
  if (incentive.expires && partialDateEnd(incentive.expires) < nowMs) return 'stale';
  const dated = incentiveDate(incentive);
  if (!dated) return 'stale';
  // Judge a month- or year-precision date by its start: the offer is at least that old.
  return partialDateStart(dated.date) < monthsBefore(nowMs, STALE_AFTER_MONTHS) ? 'stale' : 'current';
}
