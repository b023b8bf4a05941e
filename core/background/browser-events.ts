/**
 * What the background does with each browser event on the services' hosts, as plain functions of
 * the event's details; entrypoints/background.ts only registers them. Every observation goes
 * through the one observe path (./observe).
 *
 *   webRequest.onBeforeRequest (main_frame)  → a new document: the tab's blocks are forgotten
 *   webRequest.onBeforeRedirect (main_frame) → navigation observation (url = target, from = source)
 *   webRequest.onCompleted                   → response observation: status, URL, relevant headers
 *   webRequest.onErrorOccurred               → a network failure re-checks the exit country, marks a
 *                                              tab whose page failed, and feeds UnreachableWatch
 *   webRequest.onCompleted (any status)      → UnreachableWatch: the network carried a request
 *   webRequest.onHeadersReceived (Firefox)   → 4xx from API hosts: body prefix via filterResponseData
 *   tabs.onUpdated (url)                     → navigation observation (SPA routes, block pages)
 *   tabs.onUpdated (status complete)         → exit-country check when the user turned it on
 * A failed fetch/XMLHttpRequest or a route change also tells the tab's page-text watcher to look
 * closely for a while (./page-watch-arming).
 */
import type { Observation } from '../detection/observation';
import type { LogEvent } from '../log/event';
import { findProduct } from '../services';
import { classifyNetworkError, errorName } from '../watch/network-failure';
import { readBodyPrefix, type StreamFilterLike } from '../watch/response-body';
import {
  type HeaderLike,
  isNetworkFailure,
  navigationObservation,
  redirectObservation,
  responseObservation,
} from '../watch/web-request';
import type { Background } from './create-background';
import type { PageWatchArming } from './page-watch-arming';

/** How long after a service page started a hidden-URL "loading" event is taken as that page's own. */
const HIDDEN_LOADING_GRACE_MS = 10_000;

interface RequestDetails {
  requestId: string;
  tabId: number;
  url: string;
  type: string;
  /** Who made the request: Chromium gives the origin, Firefox the document's or worker's URL. */
  initiator?: string;
  originUrl?: string;
}
interface ResponseDetails extends RequestDetails {
  statusCode: number;
  responseHeaders?: HeaderLike[];
}

export function createBrowserEvents(bg: Background, arming?: PageWatchArming) {
  /** Requests whose body the Firefox filter is reading: onCompleted leaves them to it. */
  const filtered = new Set<string>();
  /** Main-frame requests that were redirected: their next onBeforeRequest is the same navigation. */
  const redirected = new Set<string>();
  const lastUrl = new Map<number, string>();
  /** When each tab last started loading a page on a service host. */
  const pageStarted = new Map<number, number>();

  const observe = (
    obs: Observation,
    kind: LogEvent['kind'],
    tabId: number,
    ownerUrl: string,
    tabUrl?: string,
  ) => {
    const owner = bg.productOf(ownerUrl);
    if (!owner) return;
    void bg.observe(obs, { kind, url: ownerUrl, tabId, tabUrl, owner });
  };

  /**
   * Detour's own requests ("Check now", the exit-country check) are not the user meeting a
   * refusal: a check's answer is shown where it was asked, and logging it too would count the
   * same block twice. Another extension's or app's request to a service still counts.
   */
  const own = bg.extensionOrigin.replace(/\/$/, '');
  const fromDetour = (details: RequestDetails) =>
    [details.initiator, details.originUrl].some((by) => by === own || by?.startsWith(`${own}/`) === true);

  return {
    beforeRequest(details: RequestDetails): undefined {
      if (details.tabId >= 0 && details.type === 'main_frame') {
        lastUrl.set(details.tabId, details.url);
        pageStarted.set(details.tabId, Date.now());
        // A redirect hop is not a new document: forgetting the tab here would wipe the block
        // the redirect itself just recorded (claude.ai → /app-unavailable-in-region).
        if (redirected.delete(details.requestId)) return undefined;
        void bg.recorder.navigated(details.tabId, details.url);
      }
      return undefined;
    },

    beforeRedirect(details: RequestDetails & { redirectUrl: string; statusCode: number }): void {
      if (details.type !== 'main_frame' || fromDetour(details)) return;
      redirected.add(details.requestId);
      const target = details.redirectUrl;
      observe(
        redirectObservation(details),
        'navigation',
        details.tabId,
        findProduct(target) ? target : details.url,
        details.url,
      );
    },

    completed(details: ResponseDetails): void {
      // The network carried this request, whatever its status: evidence that sites load.
      void bg.unreachable.succeeded({
        url: details.url,
        service: bg.productOf(details.url)?.service ?? null,
        mainFrame: details.type === 'main_frame',
        tabId: details.tabId,
      });
      arming?.completed(details);
      if (filtered.delete(details.requestId) || fromDetour(details)) return;
      const tabUrl = details.type === 'main_frame' ? details.url : undefined;
      observe(responseObservation(details), 'response', details.tabId, details.url, tabUrl);
    },

    errorOccurred(details: RequestDetails & { error: string }): void {
      // A failed request is no evidence of a region block; forget any body read in progress.
      filtered.delete(details.requestId);
      arming?.failed(details);
      // But a network failure in a tab may mean the route changed: re-check the exit country at once.
      if (details.tabId >= 0 && isNetworkFailure(details.error)) bg.exitChecks?.trouble(details.url);
      redirected.delete(details.requestId);
      const owner = bg.productOf(details.url);
      if (!owner) return;
      const mainFrame = details.type === 'main_frame';
      const cls = classifyNetworkError(details.error);
      // The tab's own page never arrived: the popup must not call that tab "no block seen".
      if (mainFrame && details.tabId >= 0 && cls !== 'aborted' && cls !== 'blocked' && cls !== 'unknown') {
        void bg.tabs.pageFailed(details.tabId, errorName(details.error), details.url).catch(() => undefined);
      }
      void bg.unreachable.failed({
        url: details.url,
        tabId: details.tabId,
        mainFrame,
        error: details.error,
        owner,
        ...(mainFrame ? { tabUrl: details.url } : {}),
      });
    },

    /** Firefox: read the start of a 4xx body from an API host, passing every byte through. */
    headersReceived(
      details: ResponseDetails,
      filterResponseData: (requestId: string) => StreamFilterLike,
    ): Record<string, never> {
      if (details.statusCode < 400 || fromDetour(details)) return {};
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
        observe(responseObservation({ ...details, body }), 'response', details.tabId, details.url);
      });
      return {};
    },

    tabUpdated(tabId: number, change: { status?: string; url?: string }, tab: { url?: string }): void {
      const onService = !!tab.url && !!bg.productOf(tab.url);
      if (change.status === 'complete' && tab.url && onService) {
        void bg
          .tabOpened(tabId, tab.url)
          .catch((err) => console.warn('[detour] exit-country check failed', err));
      }
      // Both browsers reset a tab's badge when a new document commits, which may come after
      // Detour showed what the tab holds (a failed page's error page commits late under load);
      // show it again. Firefox reports the URL in the same change as `complete` (an error page's
      // does), so this comes before the URL's own handling, which returns.
      if (change.status === 'complete' && onService) void bg.recorder.refreshBadge(tabId);
      if (change.url) {
        const previous = lastUrl.get(tabId);
        lastUrl.set(tabId, change.url);
        if (bg.productOf(change.url)) {
          arming?.routeChanged(tabId);
          observe(navigationObservation(change.url, previous), 'navigation', tabId, change.url, change.url);
          return;
        }
      }
      // Left the services' hosts (the URL is hidden from us there): nothing of ours on this page.
      // A URL the browser hides (no permission for it) right after a service page started loading
      // is most likely that page's own late "loading" event (tab events and webRequest events are
      // not ordered): clearing on it would wipe what the page's failure just recorded. On a busy
      // machine Firefox delivered that event more than 3 s late (the stress run lost a tab's
      // badge), hence the wider bound; leaving a service that soon keeps its card until the next
      // navigation, the smaller harm.
      const justStarted = !tab.url && Date.now() - (pageStarted.get(tabId) ?? 0) < HIDDEN_LOADING_GRACE_MS;
      if (change.status === 'loading' && !onService && !justStarted) {
        lastUrl.delete(tabId);
        void bg.recorder.navigated(tabId, null);
      }
    },

    tabRemoved(tabId: number): void {
      lastUrl.delete(tabId);
      pageStarted.delete(tabId);
      arming?.forget(tabId);
      void bg.recorder.tabClosed(tabId);
    },
  };
}
