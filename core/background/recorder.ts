/**
 * BlockRecorder: the one path from a verdict to the log, the tab's state, the badge and a
 * notification. Every watcher (webRequest, navigation, content-script reports, Firefox body
 * filter) ends here, so the rules "service must match (or be relayed by a gateway)", "service
 * watched", "dedupe" and "acknowledge after storage" hold for all of them.
 */
import type { Verdict } from '../detection/observation';
import type { LogEvent } from '../log/event';
import type { EventLog } from '../log/event-log';
import { stripUrl } from '../log/sanitize';
import type { TabState, TabStates } from '../log/tab-states';
import type { RefusalReason } from '../messaging/protocol';
import { isGateway, type ServiceProduct } from '../services';
import { isServiceWatched, type Settings } from '../settings/schema';

/**
 * One block is often seen by two watchers at once: a redirect by onBeforeRedirect and by the
 * tab's URL change, an API 403 by the fetch tap, by Firefox's body filter and again as the error
 * text the page shows. In a tab, one rule in one document is one sighting: the log is handed an
 * idempotency key for it and counts it once however late the second watcher reports, and across
 * a stopped worker. Within this window the recorder also remembers it in memory, which lets a
 * richer second channel amend how the first one logged it.
 */
export const SAME_SIGHTING_MS = 5_000;
/** How young a sighting may be and still belong to the page a navigation event announces. */
export const NEW_PAGE_GRACE_MS = 2_000;

/**
 * How long a gateway's own refusal in a tab waits for the upstream's refusal it may be showing.
 * The page's text and the fetch tap's report of the response travel apart: in Chromium the
 * text of LobeChat's error card arrived 1 ms before the 400 it renders. Within this wait the
 * two are one refusal, logged as the upstream's.
 */
export const RELAY_WAIT_MS = 1_000;

/** The service that speaks for a Cloudflare country ban served on another service's host. */
export const CLOUDFLARE_SERVICE = 'cloudflare';

export interface Sighting {
  kind: LogEvent['kind'];
  /** What was requested or shown (stripped before storage). */
  url: string;
  status?: number;
  /** The tab, or -1 for requests not tied to a tab. */
  tabId: number;
  /** The page the tab shows, when known. */
  tabUrl?: string;
  /** The known service the URL belongs to (from core/services or a granted host). */
  owner: ServiceProduct;
}

export interface BadgePort {
  show(tabId: number, state: TabState, settings: Settings): Promise<void>;
}
export interface NotifyPort {
  /** Called for every new or counted block; the port decides whether to show one (once a day). */
  blocked(event: LogEvent, settings: Settings): Promise<void>;
}

export interface RecorderDeps {
  log: EventLog;
  tabs: TabStates;
  settings: () => Promise<Settings>;
  badge: BadgePort;
  notify: NotifyPort;
  now?: () => number;
  warn?: (message: string) => void;
  /** Told of every block stored (new or counted): the exit-country check re-checks that host at once. */
  onBlocked?: (event: LogEvent, sighting: Sighting) => void;
}

/** A tab whose service does not serve the country its connection leaves from. */
export interface WarningSighting {
  tabId: number;
  /** The page the tab shows. */
  tabUrl: string;
  owner: ServiceProduct;
  /** ISO alpha-2 from the service's own trace. */
  country: string;
  /** The trace URL asked (the evidence's origin). */
  traceUrl: string;
}

/** One rule id per country: a route that moves from CN to RU is a second warning, not a count. */
export const exitWarningRuleId = (country: string) => `exit-not-served-${country.toUpperCase()}`;

/**
 * The gateway that relayed this refusal, when the sighting's owner is a gateway (core/services
 * `GATEWAY_SERVICES`) and the verdict names another service: OpenRouter answering with Gemini's
 * "User location is not supported", LobeChat passing on Anthropic's 403. Null otherwise: on any
 * other owner's host, another service's refusal is a quote, an answer or a forgery, never the
 * owner refusing. (Whether a gateway's page is relaying or only quoting is the engine's call: it
 * names the upstream only for an error response or text that says it relays one.)
 */
export function relayOf(verdict: Verdict & { verdict: 'block' }, owner: ServiceProduct): string | null {
  if (verdict.service === owner.service || verdict.service === CLOUDFLARE_SERVICE) return null;
  return isGateway(owner.service) ? owner.service : null;
}

/** The recorder's memory of the refusal a gateway last relayed in a tab (cleared with the tab's sightings). */
const relayedKey = (tabId: number, gateway: string) => `${tabId}|relayed-by|${gateway}`;

export type RecordResult =
  | { recorded: true; event: LogEvent; deduped: boolean }
  | { recorded: false; reason: RefusalReason };

export class BlockRecorder {
  private readonly now: () => number;
  private readonly warn: (message: string) => void;
  private readonly sightings = new Map<string, { at: number; result: Promise<RecordResult> }>();
  /** Gateways' own refusals waiting for the upstream's they may be showing, by relayedKey. */
  private readonly relayWaiters = new Map<string, Set<() => void>>();

  constructor(private readonly deps: RecorderDeps) {
    this.now = deps.now ?? Date.now;
    this.warn = deps.warn ?? ((m) => console.warn(`[detour] ${m}`));
  }

  /**
   * Logs a block verdict seen at `sighting`. A verdict for another service than the one that owns
   * the URL is refused (a page cannot log a block for a service it is not), with two exceptions:
   * a Cloudflare country ban on a watched host, logged as that host's service; and a refusal a
   * gateway relays (see `relayOf`), logged as the upstream's. Whether it is watched is the
   * owner's setting either way: the user watches the site they use.
   */
  async record(verdict: Verdict, sighting: Sighting): Promise<RecordResult> {
    if (verdict.verdict !== 'block') return { recorded: false, reason: 'clean' };
    const { owner } = sighting;
    const relayedBy = relayOf(verdict, owner);
    if (verdict.service !== owner.service && verdict.service !== CLOUDFLARE_SERVICE && !relayedBy) {
      return { recorded: false, reason: 'serviceMismatch' };
    }
    const settings = await this.deps.settings();
    if (!isServiceWatched(settings, owner.service)) return { recorded: false, reason: 'serviceNotWatched' };
    const product = verdict.service === owner.service || relayedBy ? verdict.product : owner.product;
    // In a tab, the rule alone identifies the sighting (an API 403 is also rendered as page text);
    // without a tab, the URL does.
    const sightingKey =
      sighting.tabId >= 0
        ? `${sighting.tabId}|${verdict.ruleId}`
        : `-|${stripUrl(sighting.url)}|${verdict.ruleId}`;
    if (sighting.tabId >= 0 && verdict.service === owner.service && isGateway(owner.service)) {
      // A gateway shows the refusal it relays in its own words (LobeChat's "你的所在地区不支持此模型
      // 服务" over Google's 400): one refusal, logged as the upstream's, whichever report came first.
      const relayed = await this.relayedSoon(relayedKey(sighting.tabId, owner.service));
      if (relayed && this.now() - relayed.at <= SAME_SIGHTING_MS) {
        const first = await relayed.result;
        if (first.recorded) {
          this.remember(sightingKey, relayed.result);
          return { ...first, deduped: true };
        }
      }
    }
    const previous = this.sightings.get(sightingKey);
    if (previous && this.now() - previous.at <= SAME_SIGHTING_MS) {
      const first = await previous.result;
      if (first.recorded && first.event.kind === 'page' && sighting.kind === 'response') {
        // Same block, seen first as the text the page rendered, then as the response itself:
        // the log should say what the service answered (status, API URL), not how the page showed it.
        const amended = await this.deps.log
          .amend(first.event.id, { kind: 'response', url: sighting.url, status: sighting.status, product })
          .catch(() => null);
        if (amended) {
          const upgraded: RecordResult = { recorded: true, event: amended, deduped: first.deduped };
          previous.result = Promise.resolve(upgraded);
          return { ...upgraded, deduped: true };
        }
      }
      if (first.recorded && sighting.tabId >= 0) {
        // A navigation event handled between two reports may have cleared the tab: show it again.
        const shown = await this.deps.tabs.get(sighting.tabId);
        if (!shown.events.some((event) => event.id === first.event.id)) {
          const state = await this.deps.tabs.record(sighting.tabId, first.event, sighting.tabUrl);
          await this.deps.badge.show(sighting.tabId, state, settings);
        }
      }
      return first.recorded ? { ...first, deduped: true } : first;
    }
    const result = this.store(verdict, sighting, product, settings, relayedBy);
    this.remember(sightingKey, result);
    if (relayedBy && sighting.tabId >= 0) {
      const key = relayedKey(sighting.tabId, relayedBy);
      this.remember(key, result);
      for (const wake of this.relayWaiters.get(key) ?? []) wake();
    }
    return result;
  }

  /** The refusal a gateway relayed in a tab just now, waiting up to RELAY_WAIT_MS for one. */
  private async relayedSoon(key: string): Promise<{ at: number; result: Promise<RecordResult> } | undefined> {
    const known = this.sightings.get(key);
    if (known) return known;
    await new Promise<void>((resolve) => {
      const waiters = this.relayWaiters.get(key) ?? new Set<() => void>();
      const wake = () => {
        clearTimeout(timer);
        waiters.delete(wake);
        if (waiters.size === 0) this.relayWaiters.delete(key);
        resolve();
      };
      const timer = setTimeout(wake, RELAY_WAIT_MS);
      waiters.add(wake);
      this.relayWaiters.set(key, waiters);
    });
    return this.sightings.get(key);
  }

  private async store(
    verdict: Verdict & { verdict: 'block' },
    sighting: Sighting,
    product: string,
    settings: Settings,
    relayedBy: string | null,
  ): Promise<RecordResult> {
    const { owner } = sighting;
    let appended: Awaited<ReturnType<EventLog['append']>>;
    try {
      const document =
        sighting.tabId >= 0 ? await this.deps.tabs.documentOf(sighting.tabId, sighting.tabUrl) : undefined;
      appended = await this.deps.log.append({
        sighting: document === undefined ? undefined : `${sighting.tabId}|${document}|${verdict.ruleId}`,
        service: relayedBy ? verdict.service : owner.service,
        product,
        kind: sighting.kind,
        ruleId: verdict.ruleId,
        url: sighting.url,
        status: sighting.status,
        evidence: verdict.evidence,
        tabUrl: sighting.tabUrl,
        country: verdict.country,
        via: verdict.via,
        ...(verdict.via === 'recogniser'
          ? { matched: (verdict.basis ?? []).map((word) => word.slice(0, 80)) }
          : {}),
        ...(relayedBy ? { relayedBy } : {}),
        at: this.now(),
      });
    } catch (err) {
      this.warn(`could not store an event (${String(err)})`);
      return { recorded: false, reason: 'storageError' };
    }
    try {
      this.deps.onBlocked?.(appended.event, sighting);
    } catch (err) {
      this.warn(`block listener failed (${String(err)})`);
    }
    if (sighting.tabId >= 0) {
      try {
        const state = await this.deps.tabs.record(sighting.tabId, appended.event, sighting.tabUrl);
        await this.deps.badge.show(sighting.tabId, state, settings);
      } catch (err) {
        // The log has the event; a badge that fails (tab already closed) is not worth failing for.
        this.warn(`tab ${sighting.tabId} state not updated (${String(err)})`);
      }
    }
    try {
      await this.deps.notify.blocked(appended.event, settings);
    } catch (err) {
      this.warn(`notification failed (${String(err)})`);
    }
    return { recorded: true, event: appended.event, deduped: appended.deduped };
  }

  private remember(key: string, result: Promise<RecordResult>): void {
    const now = this.now();
    for (const [k, s] of this.sightings) if (now - s.at > SAME_SIGHTING_MS) this.sightings.delete(k);
    this.sightings.set(key, { at: now, result });
  }

  /**
   * Logs an exit-country warning as its own kind (`warning`, never a block) and shows it on the
   * tab: the badge's warning state, unless the tab also has a block (blocked wins). Deduped by the
   * log like any event (same service, country and page origin within 10 minutes: count + 1). No
   * notification: a warning is shown where the person is looking, in the badge and the popup.
   */
  async recordWarning(sighting: WarningSighting): Promise<RecordResult> {
    const settings = await this.deps.settings();
    const { owner } = sighting;
    if (!isServiceWatched(settings, owner.service)) return { recorded: false, reason: 'serviceNotWatched' };
    const country = sighting.country.toUpperCase();
    if (!/^[A-Z]{2}$/.test(country)) return { recorded: false, reason: 'invalidInput' };
    let appended: Awaited<ReturnType<EventLog['append']>>;
    try {
      appended = await this.deps.log.append({
        service: owner.service,
        product: owner.product,
        kind: 'warning',
        ruleId: exitWarningRuleId(country),
        url: sighting.traceUrl,
        evidence: `loc=${country}`,
        tabUrl: sighting.tabUrl,
        country,
        at: this.now(),
      });
    } catch (err) {
      this.warn(`could not store a warning (${String(err)})`);
      return { recorded: false, reason: 'storageError' };
    }
    if (sighting.tabId >= 0) {
      try {
        const state = await this.deps.tabs.record(sighting.tabId, appended.event, sighting.tabUrl);
        await this.deps.badge.show(sighting.tabId, state, settings);
      } catch (err) {
        this.warn(`tab ${sighting.tabId} state not updated (${String(err)})`);
      }
    }
    return { recorded: true, event: appended.event, deduped: appended.deduped };
  }

  /** A new document in the tab: forget what it showed before and clear its badge. */
  async navigated(tabId: number, url: string | null): Promise<void> {
    // A new document on a service's host is a new sighting: the same block seen again after a
    // reload counts again. A tab whose URL is hidden from Detour (it left the services' hosts) does
    // not clear them: Firefox also reports a new tab's about:blank "loading" that way, and that
    // event is not ordered with the page's own reports, so it can arrive between two reports of one
    // block; coming back to the service is a navigation with a URL, which clears them.
    // Browser events and the page's own reports travel apart: a navigation event can be handled
    // just after the first report of the very page it announces (a redirect's hop, Firefox's
    // unordered tab events). A sighting that young belongs to the page now showing, not to the
    // one before, so it is kept; the page's next report of it puts it back on the tab.
    if (url !== null) {
      const now = this.now();
      for (const [key, seen] of this.sightings) {
        if (key.startsWith(`${tabId}|`) && now - seen.at > NEW_PAGE_GRACE_MS) this.sightings.delete(key);
      }
    }
    const state = await this.deps.tabs.navigate(tabId, url);
    await this.deps.badge.show(tabId, state, await this.deps.settings());
  }

  /** Show the tab's badge again from its stored state (the browser may have reset it). */
  async refreshBadge(tabId: number): Promise<void> {
    const state = await this.deps.tabs.get(tabId);
    await this.deps.badge.show(tabId, state, await this.deps.settings());
  }

  async tabClosed(tabId: number): Promise<void> {
    await this.deps.tabs.remove(tabId);
  }
}
