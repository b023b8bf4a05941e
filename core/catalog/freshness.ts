/**
 * How fresh a suggestion's facts are. Model names and endpoints change within months, so a fact
 * whose date (the page's own date, or the day it was read when the page gives none) is more than
 * 180 days old is shown with "may have changed". Offers keep their own 12-month rule
 * (incentives.ts): an offer is a promise with an end, a model list is a snapshot.
 */
import { partialDateStart } from './incentives';
import type { Platform } from './schema';
import { confirmedFact } from './verified';

export const MAY_HAVE_CHANGED_AFTER_DAYS = 180;
const DAY_MS = 86_400_000;

/** Whole days from the start of a partial date to `now`. */
export function factAgeDays(asOf: string, now: Date | number): number {
  return Math.floor((new Date(now).getTime() - partialDateStart(asOf)) / DAY_MS);
}

export function mayHaveChanged(asOf: string, now: Date | number): boolean {
  return factAgeDays(asOf, now) > MAY_HAVE_CHANGED_AFTER_DAYS;
}

function newestDate(dates: (string | undefined)[]): string | null {
  let best: string | null = null;
  for (const d of dates) if (d && (best === null || partialDateStart(d) > partialDateStart(best))) best = d;
  return best;
}

/**
 * The date of the model names a suggestion shows: its chat model list, else its suggested targets,
 * else its embedding list, each only when confirmed (an unconfirmed id is never shown, so it dates
 * nothing). Null when the catalog names no confirmed model for the platform.
 */
export function modelNamesAsOf(platform: Platform): string | null {
  const chat = confirmedFact(platform.models.chat);
  if (chat) return chat.asOf;
  const targets = Object.values(platform.openaiModelMapping?.targets ?? {}).map(
    (t) => confirmedFact(t)?.asOf,
  );
  return newestDate(targets) ?? confirmedFact(platform.models.embedding)?.asOf ?? null;
}
