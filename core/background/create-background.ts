/**
 * Wires the whole background from its ports: storage areas, settings, the network, the badge,
 * notifications and content-script registration. The worker (entrypoints/background.ts) passes
 * the browser's; tests pass fakeBrowser storage and recording ports, so they exercise the same
 * assembly the extension runs. Nothing here touches `browser`.
 */
import { PROBES } from '../catalog/probes';
import { checkReachability, type FetchLike } from '../catalog/reachability';
import {
  exitJudgement,
  snippetsAnswer,
  suggestionAnswers,
  toolConfigsAnswer,
} from '../catalog/way-forward-answers';
import { DataChannel } from '../data-updates/channel';
import { DATA_SIGNING_KEYS } from '../data-updates/keys';
import { BUILT_DATA, LIVE_INSTALLER } from '../data-updates/live-data';
import type { SigningKey } from '../data-updates/signature';
import { classifyObservation, warmClassifierLater } from '../detection';
import type { Observation, Verdict } from '../detection/observation';
import { EventLog } from '../log/event-log';
import { TabStates } from '../log/tab-states';
import { RateLimiter } from '../messaging/rate-limit';
import { ExitChecks, hostOf } from '../regions/exit-check';
import { guessRegion } from '../regions/guess-region';
import { REGIONS } from '../regions/regions';
import { findProduct, SERVICES } from '../services';
import { isServiceWatched, type Settings } from '../settings/schema';
import { RecentSnapshotWriter } from '../snapshot/recent-writer';
import type { KeyValueArea } from '../storage/key-value-area';
import { successMemoryIn, UnreachableWatch } from '../watch/unreachable-watch';
import { WINDOW_MS } from '../watch/watch-windows';
import { GrantedHosts, type HostPorts } from './granted-hosts';
import { createObserve } from './observe';
import { type BadgePort, BlockRecorder, type NotifyPort } from './recorder';
import { createRouter, type WayForward } from './router';
import { UnreachableRecorder } from './unreachable-recorder';

/**
 * When the recogniser's tables are built after a worker's first observation: once a failed
 * request's watch window is over, so that a banner shown in that
 * window does not wait behind the build.
 */
export const RECOGNISER_WARM_DELAY_MS = WINDOW_MS.failedRequest + 1_000;

export interface BackgroundDeps {
  local: KeyValueArea;
  session: KeyValueArea;
  settings: () => Promise<Settings>;
  badge: BadgePort;
  notify: NotifyPort;
  /** Content-script registration for granted hosts; `area` and `isKnownService` come from here. */
  hostPorts: Omit<HostPorts, 'area' | 'isKnownService'>;
  /** Our own extension id and origin, to tell our pages from web pages. */
  extension: { id: string; origin: string };
  /**
   * The network, for requests the person asked for or turned on ("Check now", "Update now",
   * the exit-country check). Absent: those answer as unavailable and no exit check runs.
   */
  fetch?: FetchLike;
  checkTimeoutMs?: number;
  /**
   * Signed data updates: the update addresses fixed at build time (none by default) and the keys
   * (the built-in ones unless a test gives its throwaway key).
   */
  data?: { mirrors: readonly string[]; keys?: readonly SigningKey[] };
  /** The engine; tests of the wiring may give a stand-in with its contract. */
  classify?: (observation: Observation) => Verdict;
  /** Build the built-in engine's tables ahead of need (see createObserve's afterFirst); default: when `classify` is the built-in one. */
  warmEngine?: boolean;
  /** Messages per tab: a burst and a refill window. */
  rateLimit?: { burst: number; windowMs: number };
  /** The popup's way forward; null: this background answers none (refused as unavailable). */
  wayForward?: WayForward | null;
  /** navigator.onLine where the background runs; absent: taken as online. */
  online?: () => boolean;
  now?: () => number;
  warn?: (message: string) => void;
  /** Runs a task later, in a task of its own (setTimeout 0 by default); tests run them by hand. */
  defer?: (task: () => void) => void;
  /** Runs a task once a failed request's watch window is over (RECOGNISER_WARM_DELAY_MS); default: `defer` when given. */
  deferLong?: (task: () => void) => void;
}

export type Background = ReturnType<typeof createBackground>;

export function createBackground(deps: BackgroundDeps) {
  const now = deps.now ?? Date.now;
  const { settings } = deps;
  const warnings = deps.warn ? { warn: deps.warn } : {};
  const log = new EventLog({
    area: deps.local,
    ...(deps.now ? { now: deps.now } : {}),
    ...warnings,
    limits: async () => {
      const s = await settings();
      return { cap: s.logCap, retentionDays: s.retentionDays };
    },
  });
  // A stored signed data bundle (verified and validated again) replaces the built-in rules,
  // catalog and region lists. Without a network there is nothing to fetch from.
  const data = new DataChannel({
    area: deps.local,
    installer: LIVE_INSTALLER,
    keys: deps.data?.keys ?? DATA_SIGNING_KEYS,
    built: BUILT_DATA,
    mirrors: deps.fetch ? (deps.data?.mirrors ?? []) : [],
    fetch: deps.fetch ?? (() => Promise.reject(new TypeError('no network'))),
    now,
    ...warnings,
  });
  const catalogReady = data.ready.catch((err) =>
    console.warn('[detour] signed data not applied; using the built-in data', err),
  );
  // Only if the person opted in, and at most once a week.
  void data.checkWeeklyIfDue().catch((err) => console.warn('[detour] weekly data check failed', err));
  const tabs = new TabStates(deps.session, deps.now);
  // The popup's first paint reads this from storage.session instead of asking (core/snapshot);
  // the caller keeps it in step with the log (keepRecentSnapshot on storage.onChanged).
  const recentSnapshot = new RecentSnapshotWriter(deps.session, (limit) => log.query({}, 0, limit), now);
  let exitChecks: ExitChecks | null = null;
  const recorder = new BlockRecorder({
    log,
    tabs,
    settings,
    badge: deps.badge,
    notify: deps.notify,
    ...(deps.now ? { now: deps.now } : {}),
    ...warnings,
    // A block may mean the route changed: the exit country of that host is checked again at once.
    onBlocked: (_event, sighting) => {
      exitChecks?.trouble(sighting.url);
      exitChecks?.trouble(sighting.tabUrl);
    },
  });
  // A service that cannot be reached from this network: logged beside refusals, never as one.
  const unreachableRecorder = new UnreachableRecorder({
    log,
    tabs,
    settings,
    badge: deps.badge,
    notify: deps.notify,
    episodes: deps.local,
    ...(deps.now ? { now: deps.now } : {}),
    ...warnings,
  });
  const unreachable = new UnreachableWatch({
    memory: successMemoryIn(deps.session),
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.online ? { online: deps.online } : {}),
    onUnreachable: (sighting) => {
      void unreachableRecorder
        .record(sighting)
        .catch((err) => console.warn('[detour] unreachable event not recorded', err));
    },
    onRecovered: (service) => {
      void unreachableRecorder.recovered(service).catch(() => undefined);
    },
  });
  const known = new Set(SERVICES.map((s) => s.slug));
  const hosts = new GrantedHosts({
    ...deps.hostPorts,
    area: deps.local,
    isKnownService: (slug) => known.has(slug),
  });
  const productOf = (url: string) => findProduct(url) ?? hosts.productOf(url);
  const observe = createObserve({
    classify: deps.classify ?? classifyObservation,
    recorder,
    tabs,
    ...warnings,
    // The built-in engine's other tables, each in a task of its own after the one that classified
    // first (a page's own load, usually): a banner's report then finds them built.
    ...((deps.warmEngine ?? !deps.classify)
      ? {
          afterFirst: () =>
            warmClassifierLater(
              deps.defer ?? ((task) => setTimeout(task, 0)),
              deps.deferLong ?? deps.defer ?? ((task) => setTimeout(task, RECOGNISER_WARM_DELAY_MS)),
            ),
        }
      : {}),
  });

  const { fetch } = deps;
  if (fetch) {
    // Only with "Check my connection when I open an AI service" on; to the tab's own host.
    exitChecks = new ExitChecks({
      area: deps.session,
      fetch,
      settings,
      productOf,
      isWatched: async (service) => isServiceWatched(await settings(), service),
      regions: () => REGIONS,
      onNotServed: async (tab, answer) => {
        if (!answer.country) return;
        await recorder.recordWarning({
          tabId: tab.tabId,
          tabUrl: tab.url,
          owner: { service: answer.service, product: answer.product },
          country: answer.country,
          traceUrl: `https://${answer.host}/cdn-cgi/trace`,
        });
      },
      ...(deps.now ? { now: deps.now } : {}),
      ...warnings,
    });
  }
  const checks = exitChecks;

  /** "Check now", keeping what it learned of the exit country as the service's latest answer. */
  const checkNow = async (service: string, network: FetchLike) => {
    const report = await checkReachability(service, {
      fetch: network,
      ...(deps.now ? { now: deps.now } : {}),
      ...(deps.checkTimeoutMs !== undefined ? { timeoutMs: deps.checkTimeoutMs } : {}),
    });
    const spec = PROBES[service];
    const host = spec?.traceHost ?? hostOf(spec?.probes[0]?.url);
    if (host && checks) {
      const owner = productOf(`https://${host}/`) ?? { service, product: spec?.probes[0]?.product ?? '' };
      const failure =
        report.reason === 'checkTimeout' || report.reason === 'checkNetworkError' ? report.reason : null;
      await catalogReady;
      await checks
        .checkedNow(host, owner, report.exitCountry, failure)
        .catch((err) => console.warn('[detour] exit-country answer not kept', err));
    }
    return report;
  };

  // The popup's way forward comes from here, so the catalog never ships in the popup.
  const catalogWayForward: WayForward = {
    suggestions: async (input, at) => {
      await catalogReady;
      return suggestionAnswers(input, at);
    },
    snippets: async (input) => {
      await catalogReady;
      return snippetsAnswer(input);
    },
    toolConfigs: async (input) => {
      await catalogReady;
      return toolConfigsAnswer(input);
    },
    judgeExitCountry: async (input, at) => {
      await catalogReady;
      return exitJudgement(input, at);
    },
    guessRegion,
  };
  const wayForward = deps.wayForward === undefined ? catalogWayForward : deps.wayForward;

  const rate = deps.rateLimit ?? { burst: 20, windowMs: 10_000 };
  const router = createRouter({
    observe,
    log,
    tabs,
    sender: { extensionId: deps.extension.id, extensionOrigin: deps.extension.origin, productOf },
    limiter: new RateLimiter(rate.burst, rate.windowMs),
    hosts,
    ...(deps.now ? { now: deps.now } : {}),
    // User-triggered only (popup "Check now", options "Update now"): the only requests Detour makes.
    ...(fetch
      ? {
          checkReachability: (service: string) => checkNow(service, fetch),
        }
      : {}),
    data: {
      status: () => data.answer(),
      update: () => data.update(),
      setWeekly: (weekly: boolean) => data.setWeekly(weekly),
    },
    ...(checks
      ? {
          exitAnswer: async (url: string | null) => {
            await catalogReady;
            return checks.answerFor(url);
          },
        }
      : {}),
    ...(wayForward ? { wayForward } : {}),
  });

  return {
    router,
    observe,
    recorder,
    log,
    tabs,
    recentSnapshot,
    hosts,
    exitChecks: checks,
    unreachable,
    productOf,
    /** Our own origin (`chrome-extension://…/`, `moz-extension://…/`): our own requests are not the user's. */
    extensionOrigin: deps.extension.origin,
    catalogReady,
    data,
    /** A tab finished loading a page of a known service: its exit country may be checked. */
    async tabOpened(tabId: number, url: string) {
      await catalogReady;
      await checks?.tabOpened(tabId, url);
    },
    /** Browser start or install: granted hosts back in place, the log within its limits. */
    startup() {
      void hosts.restore().catch((err) => console.warn('[detour] granted hosts not restored', err));
      void log.enforceLimits().catch((err) => console.warn('[detour] log limits not applied', err));
    },
  };
}
