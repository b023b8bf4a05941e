/**
 * The background's part in the page-text watcher's windows (core/watch/watch-windows): a failed
 * request to a service's host, as webRequest sees it, or a route change in a service's tab tells
 * that tab's content script to observe the page fully for a few seconds, because a refusal banner
 * tends to follow. webRequest sees what the page's own fetch tap cannot (requests from workers,
 * XMLHttpRequest network failures, Firefox's MV2 pages).
 *
 * At most one message per tab and reason per ARM_GAP_MS: a window lasts seconds, so a burst of
 * failing requests needs only the first.
 */
import { isNetworkFailure } from '../watch/web-request';

export const ARM_GAP_MS = 1_000;
export type ArmFromBackground = 'failedRequest' | 'route';

export interface PageWatchArmingDeps {
  /** Sends the arm message to the tab's top frame; rejects when no content script listens. */
  send(tabId: number, reason: ArmFromBackground): Promise<unknown>;
  now?: () => number;
}

export class PageWatchArming {
  private readonly last = new Map<number, { failedRequest: number; route: number }>();
  private readonly now: () => number;

  constructor(private readonly deps: PageWatchArmingDeps) {
    this.now = deps.now ?? Date.now;
  }

  /**
   * webRequest.onCompleted on the services' hosts: an HTTP error from the page's fetch or
   * XMLHttpRequest. Only those: a missing favicon or image (the bench page's favicon 404 kept a
   * window open through its stream) says nothing about the service refusing the user, and a
   * main-frame error is a new document, whose content script starts with a load window anyway.
   */
  completed(details: { tabId: number; type: string; statusCode: number }): void {
    if (details.tabId < 0 || details.type !== 'xmlhttprequest' || details.statusCode < 400) return;
    this.arm(details.tabId, 'failedRequest');
  }

  /** webRequest.onErrorOccurred: a fetch or XMLHttpRequest that got no response (not one the page cancelled). */
  failed(details: { tabId: number; type: string; error: string }): void {
    if (details.tabId < 0 || details.type !== 'xmlhttprequest' || !isNetworkFailure(details.error)) return;
    this.arm(details.tabId, 'failedRequest');
  }

  /** tabs.onUpdated with a new URL on a service's host (a single-page route change). */
  routeChanged(tabId: number): void {
    if (tabId < 0) return;
    this.arm(tabId, 'route');
  }

  forget(tabId: number): void {
    this.last.delete(tabId);
  }

  private arm(tabId: number, reason: ArmFromBackground): void {
    const now = this.now();
    const last = this.last.get(tabId) ?? { failedRequest: -Infinity, route: -Infinity };
    if (now - last[reason] < ARM_GAP_MS) return;
    last[reason] = now;
    this.last.set(tabId, last);
    this.deps.send(tabId, reason).catch(() => {
      // No content script in that tab (not a service page, not loaded yet): nothing to arm.
    });
  }
}
