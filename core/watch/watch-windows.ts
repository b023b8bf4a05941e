/**
 * When the page-text watcher looks, and how hard. A subtree MutationObserver kept running through
 * a streamed answer costs the page more than Detour's whole budget (a do-nothing observer:
 * ×1.08 task time on the streaming bench), so the full observer runs only in windows that
 * something arms:
 *   - the page's load, a route change, the tab becoming visible again (the first seconds);
 *   - a failed request to the service's own hosts (the fetch tap in the page, webRequest in the
 *     background), because that is when a refusal banner follows.
 * Outside the windows a sweep every SWEEP_MS looks only where a banner cannot hide: body's
 * direct children, dialogs, alerts, live regions (toasts), popovers and the title. Whatever it
 * finds is read at once and opens a window, so a banner no failing request announced is still
 * read within SWEEP_MS plus the read itself.
 *
 * Framework-free and timer-injected: the content script passes ctx's timers (they stop when the
 * extension reloads), tests pass fake ones.
 */

/** How long each kind of event keeps the full observer on. */
export const WINDOW_MS = {
  load: 3_000,
  route: 3_000,
  visible: 2_000,
  failedRequest: 5_000,
  /** Something new in a notable place: watch what follows it closely for a moment. */
  sweepFound: 2_000,
} as const;
export type ArmReason = keyof typeof WINDOW_MS;

/**
 * The sweep's period. A banner outside a window waits at most this long for the sweep, then the
 * same path as any read (message, classify, one storage write: about 40 ms here), so 800 ms keeps
 * the whole under one second (bench/findings.md: the sweep's cost at this period).
 */
export const SWEEP_MS = 800;

/**
 * Where a refusal shows that is not a body child: dialogs, alerts, status and live regions
 * (toast libraries render into `aria-live` containers), popovers and modal roots.
 */
export const NOTABLE_SELECTOR =
  'dialog,[role="dialog"],[role="alertdialog"],[role="alert"],[role="status"],[aria-live],[aria-modal="true"],[popover]';

/** Text of a live region read on one sweep; a region that grew is read from where it was. */
const REGION_READ_CHARS = 16 * 1024;
const OVERLAP = 256;

export interface WindowTimers {
  setTimeout(fn: () => void, ms: number): number;
}

/** What the windows drive: the collector's observer callback and its direct reads. */
export interface TextSink {
  onMutations(records: MutationRecord[]): void;
  /** Reads these nodes' text now (whole elements that appeared). */
  readNodes(nodes: Iterable<Node>): void;
  /** Reads a piece of text now (a title, the new part of a live region). */
  readText(text: string): void;
}

export interface WatchWindowsOptions {
  document: Document;
  sink: TextSink;
  timers: WindowTimers;
  now?: () => number;
  /** The MutationObserver constructor of the page's window. */
  MutationObserver?: typeof MutationObserver;
}

export class WatchWindows {
  private readonly doc: Document;
  private readonly sink: TextSink;
  private readonly timers: WindowTimers;
  private readonly now: () => number;
  private readonly observer: MutationObserver;
  private observing = false;
  private openUntil = 0;
  private closeArmed = false;
  private sweepArmed = false;
  private stopped = false;
  /** What the last look saw, so a sweep reads only what is new. */
  private seenChildren = new WeakSet<Node>();
  private regionLength = new WeakMap<Element, number>();
  private title = '';
  /** How many windows were opened, by reason (tests and the bench read it). */
  readonly opened: Record<ArmReason, number> = {
    load: 0,
    route: 0,
    visible: 0,
    failedRequest: 0,
    sweepFound: 0,
  };

  constructor(options: WatchWindowsOptions) {
    this.doc = options.document;
    this.sink = options.sink;
    this.timers = options.timers;
    this.now = options.now ?? Date.now;
    const Observer = options.MutationObserver ?? globalThis.MutationObserver;
    this.observer = new Observer((records) => this.sink.onMutations(records));
  }

  get isObserving(): boolean {
    return this.observing;
  }

  /** Opens (or lengthens) a window of full observation. */
  arm(reason: ArmReason): void {
    if (this.stopped) return;
    this.opened[reason]++;
    this.openUntil = Math.max(this.openUntil, this.now() + WINDOW_MS[reason]);
    if (!this.observing) {
      this.observing = true;
      this.observer.observe(this.doc.documentElement, {
        childList: true,
        subtree: true,
        characterData: true,
      });
      // What appeared between the last sweep and now (the banner may come just before the
      // failed request's news does): one look at the notable places.
      if (reason !== 'sweepFound' && reason !== 'load') this.look();
    }
    this.armClose(WINDOW_MS[reason]);
  }

  /** Starts with a load window. */
  start(): void {
    this.arm('load');
  }

  stop(): void {
    this.stopped = true;
    this.observer.disconnect();
    this.observing = false;
  }

  private armClose(ms: number): void {
    if (this.closeArmed) return;
    this.closeArmed = true;
    this.timers.setTimeout(() => this.closeIfDue(), ms);
  }

  private closeIfDue(): void {
    this.closeArmed = false;
    if (this.stopped || !this.observing) return;
    const left = this.openUntil - this.now();
    if (left > 0) {
      this.armClose(left);
      return;
    }
    // Nothing the observer queued is lost: hand it over, then stop observing.
    const pending = this.observer.takeRecords();
    if (pending.length > 0) this.sink.onMutations(pending);
    this.observer.disconnect();
    this.observing = false;
    this.remember();
    this.armSweep();
  }

  private armSweep(): void {
    if (this.sweepArmed || this.stopped) return;
    this.sweepArmed = true;
    this.timers.setTimeout(() => {
      this.sweepArmed = false;
      if (this.stopped || this.observing) return;
      if (this.look()) this.arm('sweepFound');
      else this.armSweep();
    }, SWEEP_MS);
  }

  /** Marks everything in the notable places as seen (the observer saw it arrive). */
  private remember(): void {
    const body = this.doc.body;
    if (body) for (let c = body.firstElementChild; c; c = c.nextElementSibling) this.seenChildren.add(c);
    const regions = this.doc.querySelectorAll(NOTABLE_SELECTOR);
    for (let i = 0; i < regions.length; i++) {
      const el = regions[i] as Element;
      this.regionLength.set(el, el.textContent?.length ?? 0);
    }
    this.title = this.doc.title;
  }

  /**
   * One sweep: reads what is new in the notable places. True when something new appeared (a
   * body child, a dialog or alert not seen before): then a window opens for what follows. A known
   * region whose text changed is read but opens none, or a live region that streams (some chats
   * mark their answer `aria-live`) would keep the observer on all the time.
   */
  private look(): boolean {
    let found = false;
    const fresh: Node[] = [];
    const body = this.doc.body;
    if (body) {
      for (let c = body.firstElementChild; c; c = c.nextElementSibling) {
        if (this.seenChildren.has(c)) continue;
        this.seenChildren.add(c);
        fresh.push(c);
      }
    }
    const regions = this.doc.querySelectorAll(NOTABLE_SELECTOR);
    for (let i = 0; i < regions.length; i++) {
      const el = regions[i] as Element;
      const text = el.textContent ?? '';
      const before = this.regionLength.get(el);
      if (before === text.length) continue;
      this.regionLength.set(el, text.length);
      if (text.trim() === '') continue;
      if (before === undefined) found = true;
      // A region that grew is read from where it was (a toast added to a live region); one that
      // shrank or changed is read from its start.
      const from = before !== undefined && text.length > before ? Math.max(0, before - OVERLAP) : 0;
      this.sink.readText(text.slice(from, from + REGION_READ_CHARS));
    }
    if (fresh.length > 0) {
      found = true;
      this.sink.readNodes(fresh);
    }
    const title = this.doc.title;
    if (title !== this.title) {
      this.title = title;
      if (title) {
        found = true;
        this.sink.readText(title);
      }
    }
    return found;
  }
}
