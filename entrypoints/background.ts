/**
 * The background: the only writer of the log. Wires browser events and messages to core/background.
 * Every verdict comes from the one engine (core/detection); every event goes through
 * BlockRecorder (service checks, dedupe, storage before acknowledgement, badge, notification).
 *
 *   webRequest.onBeforeRequest (main_frame)  → a new document: the tab's blocks are forgotten
 *   webRequest.onBeforeRedirect (main_frame) → navigation observation (url = target, from = source)
 *   webRequest.onCompleted                   → response observation: status, URL, relevant headers
 *   webRequest.onHeadersReceived (Firefox)   → 4xx from API hosts: body prefix via filterResponseData
 *   tabs.onUpdated (url)                     → navigation observation (SPA routes, block pages)
 *   tabs.onUpdated (status complete)         → exit-country check when the user turned it on (issue 10)
 *   webRequest.onErrorOccurred / onCompleted → UnreachableWatch: a service that cannot be reached
 *                                              from this network while other sites load
 *   runtime messages                         → core/background/router (validated, sender-checked)
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { badgeAdapter, hostPortsAdapter, notifyAdapter } from '../core/background/browser-adapters';
import { GrantedHosts } from '../core/background/granted-hosts';
import { NotifyGate } from '../core/background/notify-gate';
import { BlockRecorder } from '../core/background/recorder';
import { createHandlers } from '../core/background/router';
import { UnreachableRecorder } from '../core/background/unreachable-recorder';
import {
  CATALOG,
  checkReachability,
  fetchCatalogUpdate,
  PROBES,
  REGIONS,
  validateCatalogUpdate,
} from '../core/catalog';
import {
  applyStoredUpdate,
  CATALOG_UPDATE_KEY,
  mergeStoredUpdate,
  readStoredUpdate,
} from '../core/catalog/stored-update';
import { exitJudgement, snippetsAnswer, suggestionAnswers } from '../core/catalog/way-forward-answers';
import { classifyObservation } from '../core/detection';
import type { Observation } from '../core/detection/observation';
import type { LogEvent } from '../core/log/event';
import { EventLog } from '../core/log/event-log';
import { TabStates } from '../core/log/tab-states';
import { onMessage, type ProtocolMap } from '../core/messaging/protocol';
import { RateLimiter } from '../core/messaging/rate-limit';
import { ExitChecks, hostOf } from '../core/regions/exit-check';
import { guessRegion } from '../core/regions/guess-region';
import { findProduct, matchPatterns, SERVICES } from '../core/services';
import { readSettings, type Settings, watchSettings } from '../core/settings';
import { isServiceWatched } from '../core/settings/schema';
import { browserArea } from '../core/storage/key-value-area';
import { classifyNetworkError, errorName } from '../core/watch/network-failure';
import { readBodyPrefix, type StreamFilterLike } from '../core/watch/response-body';
import { UnreachableWatch } from '../core/watch/unreachable-watch';
import {
  isNetworkFailure,
  navigationObservation,
  redirectObservation,
  responseObservation,
} from '../core/watch/web-request';

export default defineBackground(() => {
  const local = browserArea('local');
  const session = browserArea('session');

  let settingsNow: Promise<Settings> | null = null;
  const settings = () => {
    settingsNow ??= readSettings();
    return settingsNow;
  };
  watchSettings((next) => {
    settingsNow = Promise.resolve(next);
  });

  const log = new EventLog({
    area: local,
    limits: async () => {
      const s = await settings();
      return { cap: s.logCap, retentionDays: s.retentionDays };
    },
  });
  // Every worker start (browser start, or waking after idle): index and newest events in memory
  // before the popup asks, instead of on its first question.
  void log.warm().catch((err) => console.warn('[detour] event log not read ahead', err));
  // A stored catalog update (validated again) replaces the bundled catalog and region lists.
  const catalogReady = applyStoredUpdate(local).catch((err) =>
    console.warn('[detour] catalog update not applied; using the bundled catalog', err),
  );
  const tabs = new TabStates(session);
  const recorder = new BlockRecorder({
    log,
    tabs,
    settings,
    badge: badgeAdapter(),
    notify: notifyAdapter(new NotifyGate(local)),
    // A block may mean the route changed: the exit country of that host is checked again at once.
    onBlocked: (_event, sighting) => {
      exitChecks.trouble(sighting.url);
      exitChecks.trouble(sighting.tabUrl);
    },
  });
  const unreachableRecorder = new UnreachableRecorder({
    log,
    tabs,
    settings,
    badge: badgeAdapter(),
    notify: notifyAdapter(new NotifyGate(local)),
    episodes: local,
  });
  const unreachableWatch = new UnreachableWatch({
    online: () => (typeof navigator === 'undefined' ? true : navigator.onLine !== false),
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
  const hosts = new GrantedHosts(hostPortsAdapter(local, (slug) => known.has(slug)));
  const productOf = (url: string) => findProduct(url) ?? hosts.productOf(url);
  const fetchOmit = (url: string, init: RequestInit) => fetch(url, { ...init, credentials: 'omit' });

  // Issue 10: only with "Check my connection when I open an AI service" on; to the tab's own host.
  const exitChecks = new ExitChecks({
    area: session,
    fetch: fetchOmit,
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
  });

  /** "Check now", keeping what it learned of the exit country as the service's latest answer. */
  const checkNow = async (service: string) => {
    const report = await checkReachability(service, { fetch: fetchOmit });
    const spec = PROBES[service];
    const host = spec?.traceHost ?? hostOf(spec?.probes[0]?.url);
    if (host) {
      const owner = productOf(`https://${host}/`) ?? { service, product: spec?.probes[0]?.product ?? '' };
      const failure =
        report.reason === 'checkTimeout' || report.reason === 'checkNetworkError' ? report.reason : null;
      await catalogReady;
      await exitChecks
        .checkedNow(host, owner, report.exitCountry, failure)
        .catch((err) => console.warn('[detour] exit-country answer not kept', err));
    }
    return report;
  };

  const handlers = createHandlers({
    recorder,
    log,
    tabs,
    classify: classifyObservation,
    sender: {
      extensionId: browser.runtime.id,
      extensionOrigin: browser.runtime.getURL('/'),
      productOf,
    },
    limiter: new RateLimiter(20, 10_000),
    hosts,
    // User-triggered only (popup "Check now", options "Update now"): the only requests Detour makes.
    checkReachability: checkNow,
    exitAnswer: async (url) => {
      await catalogReady;
      return exitChecks.answerFor(url);
    },
    // The popup's way forward comes from here, so the catalog never ships in the popup (issue 7).
    wayForward: {
      suggestions: async (input, at) => {
        await catalogReady;
        return suggestionAnswers(input, at);
      },
      snippets: async (input) => {
        await catalogReady;
        return snippetsAnswer(input);
      },
      judgeExitCountry: async (input, at) => {
        await catalogReady;
        return exitJudgement(input, at);
      },
      guessRegion,
    },
    updateCatalog: async () => {
      const url = (await settings()).catalogUpdateUrl;
      if (!url) return { ok: false, message: 'updateNoUrl' };
      const fetched = await fetchCatalogUpdate(url, { fetch: fetchOmit });
      if (!fetched.ok) return { ok: false, message: fetched.reason };
      const checked = validateCatalogUpdate(fetched.text, { platforms: CATALOG, regions: REGIONS });
      if (!checked.ok) return { ok: false, message: checked.reason };
      // Stored for core/catalog to prefer over the bundled data (validated again when read);
      // a part this update does not carry stays as stored. In use from now on.
      const previous = await readStoredUpdate(local);
      await local.set({ [CATALOG_UPDATE_KEY]: mergeStoredUpdate(previous, checked, Date.now()) });
      await applyStoredUpdate(local);
      const version = checked.platforms?.version ?? checked.regions?.version;
      return {
        ok: true,
        message: 'updateApplied',
        ...(version !== undefined ? { version: String(version) } : {}),
      };
    },
  });
  for (const type of Object.keys(handlers) as Array<keyof ProtocolMap>) {
    onMessage(type, ({ data, sender }) =>
      (handlers[type] as (d: unknown, s: unknown) => Promise<never>)(data, sender),
    );
  }

  // ---- What the browser sees on the services' hosts ----------------------------------------
  const watchedUrls = matchPatterns(['webApp', 'api', 'blockPage']);
  const apiUrls = matchPatterns(['api']);
  /** Requests whose body the Firefox filter is reading: onCompleted leaves them to it. */
  const filtered = new Set<string>();
  /** Main-frame requests that were redirected: their next onBeforeRequest is the same navigation. */
  const redirected = new Set<string>();
  const lastUrl = new Map<number, string>();
  /** When each tab last started loading a page on a service host. */
  const pageStarted = new Map<number, number>();

  const classifyAndRecord = async (
    obs: Observation,
    kind: LogEvent['kind'],
    tabId: number,
    ownerUrl: string,
    tabUrl?: string,
  ) => {
    const owner = productOf(ownerUrl);
    if (!owner) return;
    let verdict: ReturnType<typeof classifyObservation>;
    try {
      verdict = classifyObservation(obs);
    } catch (err) {
      console.warn('[detour] classifier failed', err);
      return;
    }
    if (verdict.verdict !== 'block') return;
    const tab = tabUrl ?? (tabId >= 0 ? ((await tabs.get(tabId)).url ?? undefined) : undefined);
    await recorder.record(verdict, {
      kind,
      url: obs.url ?? ownerUrl,
      status: obs.status,
      tabId,
      tabUrl: tab,
      owner,
    });
  };

  browser.webRequest.onBeforeRequest.addListener(
    (details) => {
      if (details.tabId >= 0 && details.type === 'main_frame') {
        lastUrl.set(details.tabId, details.url);
        pageStarted.set(details.tabId, Date.now());
        // A redirect hop is not a new document: forgetting the tab here would wipe the block
        // the redirect itself just recorded (claude.ai → /app-unavailable-in-region).
        if (redirected.delete(details.requestId)) return undefined;
        void recorder.navigated(details.tabId, details.url);
      }
      return undefined;
    },
    { urls: watchedUrls, types: ['main_frame'] },
  );

  browser.webRequest.onBeforeRedirect.addListener(
    (details) => {
      if (details.type !== 'main_frame') return;
      redirected.add(details.requestId);
      const obs = redirectObservation(details);
      const target = details.redirectUrl;
      void classifyAndRecord(
        obs,
        'navigation',
        details.tabId,
        findProduct(target) ? target : details.url,
        details.url,
      );
    },
    { urls: watchedUrls, types: ['main_frame'] },
  );

  browser.webRequest.onCompleted.addListener(
    (details) => {
      // The network carried this request, whatever its status: evidence for UnreachableWatch.
      unreachableWatch.succeeded({
        url: details.url,
        service: productOf(details.url)?.service ?? null,
        mainFrame: details.type === 'main_frame',
        tabId: details.tabId,
      });
      if (filtered.delete(details.requestId)) return;
      const obs = responseObservation(details);
      const tabUrl = details.type === 'main_frame' ? details.url : undefined;
      void classifyAndRecord(obs, 'response', details.tabId, details.url, tabUrl);
    },
    { urls: watchedUrls },
    ['responseHeaders'],
  );

  browser.webRequest.onErrorOccurred.addListener(
    (details) => {
      // A failed request is no evidence of a region block; forget any body read in progress.
      filtered.delete(details.requestId);
      // But a network failure in a tab may mean the route changed: re-check the exit country at once.
      if (details.tabId >= 0 && isNetworkFailure(details.error)) exitChecks.trouble(details.url);
      redirected.delete(details.requestId);
      const owner = productOf(details.url);
      if (!owner) return;
      const mainFrame = details.type === 'main_frame';
      const cls = classifyNetworkError(details.error);
      // The tab's own page never arrived: the popup must not call that tab "no block seen".
      if (mainFrame && details.tabId >= 0 && cls !== 'aborted' && cls !== 'blocked' && cls !== 'unknown') {
        void tabs.pageFailed(details.tabId, errorName(details.error), details.url).catch(() => undefined);
      }
      unreachableWatch.failed({
        url: details.url,
        tabId: details.tabId,
        mainFrame,
        error: details.error,
        owner,
        tabUrl: mainFrame ? details.url : undefined,
      });
    },
    { urls: watchedUrls },
  );

  // Firefox: read the start of 4xx bodies from the API hosts, passing every byte through.
  const filterResponseData = (
    browser.webRequest as unknown as { filterResponseData?: (requestId: string) => StreamFilterLike }
  ).filterResponseData;
  if (typeof filterResponseData === 'function') {
    browser.webRequest.onHeadersReceived.addListener(
      (details) => {
        if (details.statusCode < 400) return {};
        let filter: StreamFilterLike;
        try {
          filter = filterResponseData(details.requestId);
        } catch {
          return {};
        }
        filtered.add(details.requestId);
        const contentType = details.responseHeaders?.find(
          (h) => h.name.toLowerCase() === 'content-type',
        )?.value;
        readBodyPrefix(filter, contentType, (body) => {
          const obs = responseObservation({ ...details, body });
          void classifyAndRecord(obs, 'response', details.tabId, details.url);
        });
        return {};
      },
      { urls: apiUrls },
      ['blocking', 'responseHeaders'] as never,
    );
  }

  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status === 'complete' && tab.url && productOf(tab.url)) {
      const url = tab.url;
      void catalogReady
        .then(() => exitChecks.tabOpened(tabId, url))
        .catch((err) => console.warn('[detour] exit-country check failed', err));
    }
    if (change.url) {
      const previous = lastUrl.get(tabId);
      lastUrl.set(tabId, change.url);
      if (productOf(change.url)) {
        void classifyAndRecord(
          navigationObservation(change.url, previous),
          'navigation',
          tabId,
          change.url,
          change.url,
        );
        return;
      }
    }
    // Chrome resets a tab's badge when a new document commits; show what the tab holds again.
    if (change.status === 'complete' && tab.url && productOf(tab.url)) {
      void recorder.refreshBadge(tabId);
    }
    // Left the services' hosts (the URL is hidden from us there): nothing of ours on this page.
    // A URL the browser hides (no permission for it) right after a service page started loading is
    // most likely that page's own late "loading" event (tab events and webRequest events are not
    // ordered): clearing on it would wipe what the page's failure just recorded.
    const justStarted = !tab.url && Date.now() - (pageStarted.get(tabId) ?? 0) < 3_000;
    if (change.status === 'loading' && (!tab.url || !productOf(tab.url)) && !justStarted) {
      lastUrl.delete(tabId);
      void recorder.navigated(tabId, null);
    }
  });

  browser.tabs.onRemoved.addListener((tabId) => {
    lastUrl.delete(tabId);
    pageStarted.delete(tabId);
    void recorder.tabClosed(tabId);
  });

  browser.notifications.onClicked.addListener((id) => {
    if (id.startsWith('detour-block-')) void browser.runtime.openOptionsPage();
  });

  const startup = () => {
    void hosts.restore().catch((err) => console.warn('[detour] granted hosts not restored', err));
    void log.enforceLimits().catch((err) => console.warn('[detour] log limits not applied', err));
  };
  browser.runtime.onStartup.addListener(startup);
  browser.runtime.onInstalled.addListener(startup);
});
