/**
 * The background worker: the only writer of the log. It builds the background from the browser's
 * ports (core/background/create-background.ts) and registers browser listeners; what each event
 * does is in core/background/browser-events.ts, what each message does in core/background/router.ts.
 */
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { badgeAdapter, hostPortsAdapter, notifyAdapter } from '../core/background/browser-adapters';
import { createBrowserEvents } from '../core/background/browser-events';
import { createBackground } from '../core/background/create-background';
import { NotifyGate } from '../core/background/notify-gate';
import { PageWatchArming } from '../core/background/page-watch-arming';
import { BENCH_TRACE, TraceLog } from '../core/bench-trace/bench-trace';
import { BUILD_MIRRORS } from '../core/data-updates/mirrors';
import { classifyObservation } from '../core/detection';
import type { Observation } from '../core/detection/observation';
import { openWelcomePageOnInstall } from '../core/first-run/open-on-install';
import { followLanguageSetting, messages } from '../core/language/browser-messages';
import { sendToPageWatch } from '../core/messaging/content-messenger';
import { onMessage, type ProtocolMap } from '../core/messaging/protocol';
import { matchPatterns } from '../core/services';
import { readSettings, type Settings, watchSettings } from '../core/settings';
import { writeFirstPaintText, writeFirstPaintTextIfMissing } from '../core/snapshot/first-paint-text-writer';
import { keepRecentSnapshot } from '../core/snapshot/recent-writer';
import { browserArea } from '../core/storage/key-value-area';
import type { StreamFilterLike } from '../core/watch/response-body';

export default defineBackground(() => {
  // The bench's trace build only: marks of the background's work, read by bench/measure-banner.ts.
  const trace = BENCH_TRACE ? new TraceLog() : null;
  if (trace) {
    (globalThis as { __detourBenchTrace?: unknown }).__detourBenchTrace = trace.entries;
    trace.watchLag();
  }
  openWelcomePageOnInstall();
  const local = browserArea('local');
  if (trace) trace.wrap(local, 'local', ['get', 'set', 'remove']);

  let settingsNow: Promise<Settings> | null = null;
  const settings = () => {
    settingsNow ??= readSettings();
    return settingsNow;
  };
  watchSettings((next) => {
    settingsNow = Promise.resolve(next);
  });

  const session = browserArea('session');
  if (trace) trace.wrap(session, 'session', ['get', 'set', 'remove']);
  const bg = createBackground({
    local,
    session,
    settings: trace ? () => trace.call('settings', settings) : settings,
    badge: trace ? trace.wrap(badgeAdapter(), 'badge', ['show']) : badgeAdapter(),
    notify: notifyAdapter(new NotifyGate(local)),
    hostPorts: hostPortsAdapter(),
    extension: { id: browser.runtime.id, origin: browser.runtime.getURL('/') },
    fetch: (url, init) => fetch(url, { ...init, credentials: 'omit' }),
    online: () => navigator.onLine !== false,
    data: { mirrors: BUILD_MIRRORS },
    ...(trace
      ? {
          classify: (observation: Observation) =>
            trace.call('classify', () => classifyObservation(observation)),
          warmEngine: true,
          defer: (task: () => void) => setTimeout(() => trace.call('warm', task), 0),
        }
      : {}),
  });
  if (trace) {
    trace.wrap(bg.tabs, 'tabs', ['get', 'documentOf', 'record', 'navigate', 'pageFailed']);
    trace.wrap(bg.log, 'log', ['append', 'query']);
    void bg.hosts.ready.then(() => trace.mark('hosts.ready'));
  }
  // The popup's first paint shows its few messages in the language in use, from storage.session.
  const writeText = () =>
    writeFirstPaintText(session, messages).catch((err) =>
      console.warn('[detour] first-paint text not written', err),
    );
  // Written at once in the language in use when there is none yet (a browser start; most people
  // follow the browser's), and again once the choice is applied: the popup draws from it only when
  // its language matches its own choice.
  void writeFirstPaintTextIfMissing(session, messages).catch((err) =>
    console.warn('[detour] first-paint text not written', err),
  );
  // Badge titles and notifications speak the language chosen in the options; on a change, the
  // titles of open tabs on the services' sites are redrawn at once.
  void followLanguageSetting(() => {
    void writeText();
    void browser.tabs
      .query({})
      .then((open) => {
        for (const tab of open) {
          if (tab.id !== undefined && tab.url && bg.productOf(tab.url)) void bg.recorder.refreshBadge(tab.id);
        }
      })
      .catch((err) => console.warn('[detour] badge titles not redrawn', err));
  })
    .catch((err) => console.warn('[detour] language choice not applied', err))
    .then(writeText);
  // Every worker start (browser start, or waking after idle): index and newest events in memory
  // before the popup asks, instead of on its first question.
  void bg.log.warm().catch((err) => console.warn('[detour] event log not read ahead', err));

  for (const type of Object.keys(bg.router) as Array<keyof ProtocolMap>) {
    const handle = ({ data, sender }: { data: unknown; sender: unknown }) =>
      (bg.router[type] as (d: unknown, s: unknown) => Promise<never>)(data, sender);
    onMessage(type, trace ? (message) => trace.message(type, message, handle) : handle);
  }

  // The popup's first paint reads popup.recent from storage.session (core/snapshot).
  keepRecentSnapshot(bg.recentSnapshot, browser.storage.onChanged);

  // A failed request or a route change: the tab's page-text watcher looks closely for a while.
  const arming = new PageWatchArming({
    send: (tabId, reason) => sendToPageWatch('armPageWatch', { reason }, { tabId, frameId: 0 }),
  });
  const events = createBrowserEvents(bg, arming);
  if (trace) {
    trace.wrap(events, 'event', [
      'beforeRequest',
      'beforeRedirect',
      'completed',
      'errorOccurred',
      'tabUpdated',
    ]);
  }
  const watchedUrls = matchPatterns(['webApp', 'api', 'blockPage']);
  const webRequest = browser.webRequest;
  webRequest.onBeforeRequest.addListener((d) => events.beforeRequest(d), {
    urls: watchedUrls,
    types: ['main_frame'],
  });
  webRequest.onBeforeRedirect.addListener((d) => events.beforeRedirect(d), {
    urls: watchedUrls,
    types: ['main_frame'],
  });
  webRequest.onCompleted.addListener((d) => events.completed(d), { urls: watchedUrls }, ['responseHeaders']);
  webRequest.onErrorOccurred.addListener((d) => events.errorOccurred(d), { urls: watchedUrls });

  // Firefox only: response bodies through filterResponseData.
  const filterResponseData = (
    webRequest as unknown as { filterResponseData?: (requestId: string) => StreamFilterLike }
  ).filterResponseData;
  if (typeof filterResponseData === 'function') {
    webRequest.onHeadersReceived.addListener(
      (d) => events.headersReceived(d, filterResponseData),
      { urls: matchPatterns(['api']) },
      ['blocking', 'responseHeaders'] as never,
    );
  }

  browser.tabs.onUpdated.addListener((tabId, change, tab) => events.tabUpdated(tabId, change, tab));
  browser.tabs.onRemoved.addListener((tabId) => events.tabRemoved(tabId));

  browser.notifications.onClicked.addListener((id) => {
    if (id.startsWith('detour-block-')) void browser.runtime.openOptionsPage();
  });

  browser.runtime.onStartup.addListener(() => bg.startup());
  browser.runtime.onInstalled.addListener(() => bg.startup());
});
