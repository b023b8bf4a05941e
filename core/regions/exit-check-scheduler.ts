/**
 * Rate limit for the automatic exit-country check (off by default; see ./exit-check.ts): at most one
 * check per service host per 30 minutes, but at once after a block or a network error on that
 * host, because then the route may have changed. Pure logic with an injectable clock; the state is
 * plain JSON so the background can keep it across service-worker restarts.
 */
export const EXIT_CHECK_INTERVAL_MS = 30 * 60 * 1000;

export interface ExitCheckState {
  /** host → time of the last check (ms). */
  lastChecked: Record<string, number>;
  /** hosts where a block or network error was seen since their last check. */
  troubled: string[];
}

export class ExitCheckScheduler {
  private lastChecked = new Map<string, number>();
  private troubled = new Set<string>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly intervalMs: number = EXIT_CHECK_INTERVAL_MS,
    state?: ExitCheckState,
  ) {
    if (state) {
      for (const [host, at] of Object.entries(state.lastChecked)) {
        if (Number.isFinite(at)) this.lastChecked.set(normalizeHost(host), at);
      }
      for (const host of state.troubled) this.troubled.add(normalizeHost(host));
    }
  }

  /** Whether an automatic check of `host` may run now. */
  isDue(host: string): boolean {
    const h = normalizeHost(host);
    if (this.troubled.has(h)) return true;
    const last = this.lastChecked.get(h);
    if (last === undefined) return true;
    const elapsed = this.now() - last;
    // A clock that went backwards must not block checks for ever.
    return elapsed < 0 || elapsed >= this.intervalMs;
  }

  /** Call when a check of `host` starts (whatever its outcome). */
  recordCheck(host: string): void {
    const h = normalizeHost(host);
    this.lastChecked.set(h, this.now());
    this.troubled.delete(h);
  }

  /** Call when a block or a network error is seen on `host`: the next check may run at once. */
  recordTrouble(host: string): void {
    this.troubled.add(normalizeHost(host));
  }

  /** Milliseconds until `host` is due (0 when due now). */
  msUntilDue(host: string): number {
    if (this.isDue(host)) return 0;
    const last = this.lastChecked.get(normalizeHost(host)) ?? 0;
    return last + this.intervalMs - this.now();
  }

  toJSON(): ExitCheckState {
    return { lastChecked: Object.fromEntries(this.lastChecked), troubled: [...this.troubled] };
  }
}

function normalizeHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '');
}
