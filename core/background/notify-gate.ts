/**
 * At most one notification per service per calendar day (the user's local day), remembered in
 * storage.local so a restarted worker does not notify again.
 */
import * as v from 'valibot';
import type { KeyValueArea } from '../storage/key-value-area';

const KEY = 'notify.lastShown';
const Stored = v.record(v.string(), v.string());

export function localDay(now: number): string {
  const d = new Date(now);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export class NotifyGate {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly area: KeyValueArea,
    private readonly now: () => number = Date.now,
  ) {}

  /** True once per service per day; records the day when it says true. */
  claim(service: string): Promise<boolean> {
    const run = this.tail.then(async () => {
      const raw = (await this.area.get([KEY]))[KEY];
      const parsed = v.safeParse(Stored, raw ?? {});
      const shown: Record<string, string> = parsed.success ? { ...parsed.output } : {};
      const today = localDay(this.now());
      if (shown[service] === today) return false;
      // Keep only today's entries: the map never grows.
      const next = Object.fromEntries(Object.entries(shown).filter(([, day]) => day === today));
      next[service] = today;
      await this.area.set({ [KEY]: next });
      return true;
    });
    this.tail = run.catch(() => undefined);
    return run;
  }
}
