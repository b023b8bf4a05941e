/**
 * Deciding when failed requests to a service's hosts mean "this service cannot be reached from
 * this network", from what webRequest lets Detour see. Pure apart from its timers' clock: the
 * background passes in what the browser reports and is told when a sighting is complete.
 *
 * What Detour can see: its host permissions are the services' own hosts (and hosts the user
 * granted), so webRequest reports nothing about other sites. "Other sites load" is therefore
 * judged from what it does see:
 * - the browser says it is online (`navigator.onLine`), and the failure is not an offline one
 *   (ERR_INTERNET_DISCONNECTED, ERR_NETWORK_CHANGED, NS_ERROR_OFFLINE);
 * - and a request to a host of ANOTHER service (or a granted host) completed at the network
 *   level (any HTTP status) within the last 10 minutes, or does within 2 minutes of the failure.
 * A network where everything fails gives no such success, so it logs nothing; a person who opens
 * only the failing service, with nothing else Detour can see, is not logged either (the popup
 * still says the tab's page did not load). That is the price of not asking to see every site.
 *
 * One flaky request is not enough: a main-frame failure (the page itself did not load) counts
 * alone, other requests only when three fail within a minute.
 */
import type { ServiceProduct } from '../services';
import { classifyNetworkError, errorName, UNREACHABLE_CLASSES } from './network-failure';

/** How recent another site's success must be to say "other sites load". */
export const OTHER_SITES_WINDOW_MS = 10 * 60_000;
/** How long a failure waits for another site's success before it is dropped. */
export const PENDING_MS = 2 * 60_000;
/** Requests other than the page itself: this many failures within REPEAT_WINDOW_MS. */
export const REPEAT_FAILURES = 3;
export const REPEAT_WINDOW_MS = 60_000;

export interface RequestFailure {
  url: string;
  tabId: number;
  /** The tab's page itself (webRequest `type: main_frame`). */
  mainFrame: boolean;
  error: string | undefined;
  owner: ServiceProduct;
  /** The page the tab shows, when known. */
  tabUrl?: string;
}

/** A service that could not be reached, with what the browser said for each host. */
export interface UnreachableSighting {
  owner: ServiceProduct;
  /** The tab whose page or requests failed, or -1. */
  tabId: number;
  tabUrl?: string;
  /** The first failing URL (query and fragment are stripped when stored). */
  url: string;
  /** `host: ERROR_NAME`, one per host and name, in the order seen. */
  errors: string[];
}

interface Failed {
  at: number;
  host: string;
  name: string;
  failure: RequestFailure;
}

/**
 * Where the times of the last successes are kept between worker starts (an MV3 worker stops after
 * 30 idle seconds; a site that loaded a minute ago still says the network works).
 */
export interface SuccessMemory {
  load(): Promise<Record<string, number>>;
  save(lastSuccess: Record<string, number>): Promise<void>;
}

/** storage.session under one key: memory only, never written to disk. */
export function successMemoryIn(area: {
  get(keys: string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}): SuccessMemory {
  const KEY = 'unreachable.lastSuccess';
  return {
    async load() {
      const raw = (await area.get([KEY]))[KEY];
      if (!raw || typeof raw !== 'object') return {};
      return Object.fromEntries(
        Object.entries(raw as Record<string, unknown>).filter(
          (entry): entry is [string, number] => typeof entry[1] === 'number' && Number.isFinite(entry[1]),
        ),
      );
    },
    save: (lastSuccess) => area.set({ [KEY]: lastSuccess }),
  };
}

/** A success is written at most this often per service: onCompleted fires for every request. */
const SAVE_EVERY_MS = 30_000;

export interface UnreachableWatchOptions {
  now?: () => number;
  memory?: SuccessMemory;
  /** navigator.onLine in the background (true when unknown). */
  online?: () => boolean;
  onUnreachable: (sighting: UnreachableSighting) => void;
  /** A page of the service loaded again: the network lets it through now. */
  onRecovered?: (service: string, tabId: number) => void;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

export class UnreachableWatch {
  private readonly now: () => number;
  private readonly online: () => boolean;
  /** When a request to each service's hosts last completed at the network level. */
  private readonly lastSuccess = new Map<string, number>();
  /** Recent failures per service. */
  private readonly failures = new Map<string, Failed[]>();
  /** Services whose failures qualified and wait for another site's success. */
  private readonly pending = new Map<string, number>();

  private readonly saved = new Map<string, number>();
  /** Every event waits for the remembered successes, so their order is kept. */
  private ready: Promise<void>;

  constructor(private readonly options: UnreachableWatchOptions) {
    this.now = options.now ?? Date.now;
    this.online = options.online ?? (() => true);
    this.ready = (options.memory?.load() ?? Promise.resolve<Record<string, number>>({}))
      .then((stored) => {
        for (const [key, at] of Object.entries(stored)) {
          if (!this.lastSuccess.has(key)) this.lastSuccess.set(key, at);
          this.saved.set(key, at);
        }
      })
      .catch(() => undefined);
  }

  /**
   * A request Detour can see completed (any HTTP status: the network carried it). `service` is
   * the known service that owns the URL, or null for a host granted without one.
   */
  succeeded(details: {
    url: string;
    service: string | null;
    mainFrame: boolean;
    tabId: number;
  }): Promise<void> {
    const at = this.now();
    return this.enqueue(() => this.succeededNow(details, at));
  }

  failed(failure: RequestFailure): Promise<void> {
    const at = this.now();
    return this.enqueue(() => this.failedNow(failure, at));
  }

  private enqueue(task: () => void): Promise<void> {
    const run = this.ready.then(task);
    this.ready = run.catch(() => undefined);
    return run;
  }

  private succeededNow(
    details: { url: string; service: string | null; mainFrame: boolean; tabId: number },
    at: number,
  ): void {
    const key = details.service ?? `host:${hostOf(details.url)}`;
    this.lastSuccess.set(key, at);
    if (this.options.memory && at - (this.saved.get(key) ?? 0) >= SAVE_EVERY_MS) {
      this.saved.set(key, at);
      // Only recent successes matter: the map never holds more than the last window's services.
      const recent = Object.fromEntries(
        [...this.lastSuccess].filter(([, when]) => at - when <= OTHER_SITES_WINDOW_MS),
      );
      void this.options.memory.save(recent).catch(() => undefined);
    }
    if (details.service) {
      const host = hostOf(details.url);
      const kept = (this.failures.get(details.service) ?? []).filter((f) => f.host !== host);
      if (kept.length > 0) this.failures.set(details.service, kept);
      else this.failures.delete(details.service);
      if (details.mainFrame) {
        this.pending.delete(details.service);
        this.failures.delete(details.service);
        this.options.onRecovered?.(details.service, details.tabId);
      }
    }
    // Another site loads: services waiting for that evidence are unreachable after all.
    for (const [service, since] of [...this.pending]) {
      if (service === details.service) continue;
      if (at - since > PENDING_MS) {
        this.pending.delete(service);
        continue;
      }
      this.pending.delete(service);
      this.emit(service);
    }
  }

  private failedNow(failure: RequestFailure, at: number): void {
    const cls = classifyNetworkError(failure.error);
    if (cls === 'offline' || !this.online()) {
      // The browser is offline: nothing failing now says anything about one service.
      this.pending.clear();
      this.failures.clear();
      return;
    }
    if (!UNREACHABLE_CLASSES.has(cls)) return;
    const service = failure.owner.service;
    const recent = (this.failures.get(service) ?? []).filter((f) => at - f.at <= REPEAT_WINDOW_MS);
    recent.push({ at, host: hostOf(failure.url), name: errorName(failure.error), failure });
    this.failures.set(service, recent.slice(-20));
    const qualifies = failure.mainFrame || recent.length >= REPEAT_FAILURES;
    if (!qualifies) return;
    if (this.otherSitesLoad(service, at)) this.emit(service);
    else if (!this.pending.has(service)) this.pending.set(service, at);
  }

  private otherSitesLoad(service: string, at: number): boolean {
    for (const [other, when] of this.lastSuccess) {
      if (other !== service && at - when <= OTHER_SITES_WINDOW_MS) return true;
    }
    return false;
  }

  private emit(service: string): void {
    const seen = this.failures.get(service) ?? [];
    if (seen.length === 0) return;
    // The tab to show it on: the latest page that failed, else the latest request's tab.
    const lead = [...seen].reverse().find((f) => f.failure.mainFrame) ?? seen[seen.length - 1];
    if (!lead) return;
    const errors = [...new Set(seen.map((f) => `${f.host}: ${f.name}`))];
    this.failures.delete(service);
    this.options.onUnreachable({
      owner: lead.failure.owner,
      tabId: lead.failure.tabId,
      tabUrl: lead.failure.tabUrl ?? (lead.failure.mainFrame ? lead.failure.url : undefined),
      url: lead.failure.url,
      errors,
    });
  }
}
