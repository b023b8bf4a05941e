/**
 * Timing marks carried only by the bench's trace build (`wxt build --mode benchtrace`, written to
 * .output/chrome-mv3-benchtrace). In every other build BENCH_TRACE is the constant false: the
 * minifier drops each `if (BENCH_TRACE)` branch and, with it, everything only that branch imports,
 * so what users install is the same as a build without this file (checked by size and by the
 * bundle's text, bench/findings.md). The bench reads the marks to split a banner's time to the log
 * into its steps: the content script's read and send, the message's transit, the background's work.
 */
export const BENCH_TRACE: boolean = import.meta.env?.WXT_BENCH_TRACE === 'on';

/** The clock pages and workers share: epoch milliseconds with sub-millisecond precision. */
export const traceNow = (): number => performance.timeOrigin + performance.now();

/** One mark: what happened, when (traceNow), and for a call, how long until it settled. */
export interface TraceEntry {
  what: string;
  at: number;
  ms?: number;
  detail?: unknown;
}

/** What the content script tells the trace build's background about one report. */
export interface ReportTrace {
  /** What read the text: the observer's callback, the throttle's tick, a sweep, the held flush, the idle read. */
  source: 'mutation' | 'tick' | 'look' | 'flush' | 'idle';
  /** When that read started. */
  readAt: number;
  /** When the report was handed to the messaging library. */
  sentAt: number;
}

/** Marks kept in a worker, bounded, on a global the bench reads (Playwright's worker.evaluate). */
export class TraceLog {
  readonly entries: TraceEntry[] = [];

  constructor(
    private readonly limit = 20_000,
    private readonly now: () => number = traceNow,
  ) {}

  mark(what: string, detail?: unknown, at = this.now()): TraceEntry {
    const entry: TraceEntry = detail === undefined ? { what, at } : { what, at, detail };
    if (this.entries.length < this.limit) this.entries.push(entry);
    return entry;
  }

  /** Marks the call's start; `ms` is filled in when what it returned settles. */
  call<T>(what: string, run: () => T, detail?: unknown): T {
    const entry = this.mark(what, detail);
    const settle = () => {
      entry.ms = this.now() - entry.at;
    };
    const out = run();
    if (out instanceof Promise) out.then(settle, settle);
    else settle();
    return out;
  }

  /** Replaces `names` on `target` (an object the background already holds) with marked calls. */
  wrap<T extends object>(target: T, prefix: string, names: ReadonlyArray<keyof T & string>): T {
    for (const name of names) {
      const original = target[name];
      if (typeof original !== 'function') continue;
      const fn = original as (...args: unknown[]) => unknown;
      (target as Record<string, unknown>)[name] = (...args: unknown[]) =>
        this.call(`${prefix}.${name}`, () => fn.apply(target, args));
    }
    return target;
  }

  /**
   * Marks a message's arrival (its sender's `timestamp` and, from a content script of the trace
   * build, its ReportTrace), and how long the handler took to answer, and what it answered.
   */
  message<M extends { id?: unknown; timestamp?: unknown; data: unknown }, R>(
    type: string,
    message: M,
    handle: (message: M) => Promise<R>,
  ): Promise<R> {
    const { trace: sent, channel } = (message.data ?? {}) as { trace?: unknown; channel?: unknown };
    const detail: Record<string, unknown> = { id: message.id, timestamp: message.timestamp };
    if (channel !== undefined) detail.channel = channel;
    if (sent !== undefined) detail.sent = sent;
    const entry = this.mark(`message.${type}`, detail);
    const out = handle(message);
    out.then(
      (answer) => {
        entry.ms = this.now() - entry.at;
        detail.answer = answer;
      },
      () => {
        entry.ms = this.now() - entry.at;
      },
    );
    return out;
  }

  /**
   * Marks every wake-up of the worker's thread that came more than `lateMs` after its timer was
   * due: the thread was busy (script, garbage collection) or not scheduled.
   */
  watchLag(
    periodMs = 10,
    lateMs = 8,
    timers: {
      setTimeout(fn: () => void, ms: number): unknown;
    } = globalThis,
  ): void {
    let due = this.now() + periodMs;
    const tick = () => {
      const late = this.now() - due;
      if (late > lateMs) this.mark('lag', { ms: Math.round(late * 10) / 10 }, due);
      due = this.now() + periodMs;
      timers.setTimeout(tick, periodMs);
    };
    timers.setTimeout(tick, periodMs);
  }
}
