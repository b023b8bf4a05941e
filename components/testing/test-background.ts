/**
 * Tests only: the real background (core/background/create-background, as the worker assembles it)
 * over fakeBrowser storage, with the real engine, log, tab states, recorder and reachability check,
 * answering the real message protocol. Components under test talk to it exactly as the popup
 * talks to the background.
 *
 * fakeBrowser gives every message an empty sender; the browser gives extension pages their own
 * id and URL, so this adapter adds that sender (and content scripts' tab senders in `report`).
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createBrowserEvents } from '../../core/background/browser-events';
import { createBackground } from '../../core/background/create-background';
import type { FetchLike } from '../../core/catalog/reachability';
import type { SigningKey } from '../../core/data-updates/signature';
import type { Observation } from '../../core/detection/observation';
import { onMessage, type ProtocolMap, type ReportObservationInput } from '../../core/messaging/protocol';
import { readSettings } from '../../core/settings/items';
import { keepRecentSnapshot } from '../../core/snapshot/recent-writer';
import { browserArea } from '../../core/storage/key-value-area';
import pkg from '../../package.json';

export interface TestBackgroundOptions {
  now: () => number;
  /** What "Check now" reaches instead of the network; tests give a local answerer. */
  fetch?: FetchLike;
  checkTimeoutMs?: number;
  /** Signed data updates: this test build's update addresses and keys (none and the built-in keys by default). */
  data?: { mirrors: string[]; keys: SigningKey[] };
}

export function startTestBackground(options: TestBackgroundOptions) {
  // fakeBrowser has no manifest; the built one carries package.json's version.
  (fakeBrowser.runtime as unknown as { getManifest: () => unknown }).getManifest = () => ({
    manifest_version: 3,
    name: 'Detour',
    version: pkg.version,
  });
  const extensionId = fakeBrowser.runtime.id;
  const extensionOrigin = `chrome-extension://${extensionId}/`;
  const bg = createBackground({
    local: browserArea('local'),
    session: browserArea('session'),
    settings: () => readSettings(),
    badge: { show: async () => {} },
    notify: { blocked: async () => {} },
    hostPorts: {
      hasPermission: async () => true,
      register: async () => {},
      unregister: async () => {},
      registeredIds: async () => [],
      files: { pageWatch: 'content-scripts/page-watch.js', fetchTap: 'content-scripts/fetch-tap.js' },
    },
    extension: { id: extensionId, origin: extensionOrigin },
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.checkTimeoutMs !== undefined ? { checkTimeoutMs: options.checkTimeoutMs } : {}),
    ...(options.data ? { data: options.data } : {}),
    rateLimit: { burst: 1000, windowMs: 1000 },
    now: options.now,
    warn: () => {},
  });
  const stopSnapshot = keepRecentSnapshot(bg.recentSnapshot, fakeBrowser.storage.onChanged, () => {});
  const handlers = bg.router;
  const { log, tabs } = bg;

  const pageSender = { id: extensionId, url: `${extensionOrigin}popup.html` };
  const removers = (Object.keys(handlers) as Array<keyof ProtocolMap>).map((type) =>
    onMessage(
      type,
      ({ data }) =>
        (handlers[type] as (input: unknown, sender: unknown) => Promise<unknown>)(data, pageSender) as never,
    ),
  );

  return {
    handlers,
    log,
    tabs,
    /** The background's own handlers of browser events (webRequest, tabs), as the worker registers them. */
    events: createBrowserEvents(bg),
    /** What a content script in a tab on `pageUrl` sends: goes through sender checks and the engine. */
    report(
      tabId: number,
      pageUrl: string,
      channel: ReportObservationInput['channel'],
      observation: Observation,
    ) {
      return handlers.reportObservation(
        { channel, observation },
        { id: extensionId, url: pageUrl, frameId: 0, tab: { id: tabId, url: pageUrl } },
      );
    },
    /** Settles when `popup.recent` holds the log as it is now. */
    snapshotWritten: () => bg.recentSnapshot.refresh(),
    stop() {
      stopSnapshot();
      for (const remove of removers) remove();
    },
  };
}
