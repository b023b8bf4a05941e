/**
 * Tests only: the real background handlers (core/background/router) over fakeBrowser storage, with
 * the real engine, log, tab states, recorder and reachability check, answering the real message
 * protocol. Components under test talk to it exactly as the popup talks to the background.
 *
 * fakeBrowser gives every message an empty sender; the browser gives extension pages their own
 * id and URL, so this adapter adds that sender (and content scripts' tab senders in `report`).
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { GrantedHosts } from '../../core/background/granted-hosts';
import { BlockRecorder } from '../../core/background/recorder';
import { createHandlers } from '../../core/background/router';
import { checkReachability, type FetchLike } from '../../core/catalog/reachability';
import { exitJudgement, snippetsAnswer, suggestionAnswers } from '../../core/catalog/way-forward-answers';
import { classifyObservation } from '../../core/detection';
import type { Observation } from '../../core/detection/observation';
import { EventLog } from '../../core/log/event-log';
import { TabStates } from '../../core/log/tab-states';
import { onMessage, type ProtocolMap, type ReportObservationInput } from '../../core/messaging/protocol';
import { RateLimiter } from '../../core/messaging/rate-limit';
import { guessRegion } from '../../core/regions/guess-region';
import { findProduct, SERVICES } from '../../core/services';
import { readSettings } from '../../core/settings/items';
import { browserArea } from '../../core/storage/key-value-area';
import pkg from '../../package.json';

export interface TestBackgroundOptions {
  now: () => number;
  /** What "Check now" reaches instead of the network; tests give a local answerer. */
  fetch?: FetchLike;
  checkTimeoutMs?: number;
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
  const log = new EventLog({
    area: browserArea('local'),
    now: options.now,
    warn: () => {},
    limits: async () => {
      const settings = await readSettings();
      return { cap: settings.logCap, retentionDays: settings.retentionDays };
    },
  });
  const tabs = new TabStates(browserArea('session'), options.now);
  const recorder = new BlockRecorder({
    log,
    tabs,
    settings: () => readSettings(),
    badge: { show: async () => {} },
    notify: { blocked: async () => {} },
    now: options.now,
    warn: () => {},
  });
  const hosts = new GrantedHosts({
    area: browserArea('local'),
    hasPermission: async () => true,
    register: async () => {},
    unregister: async () => {},
    registeredIds: async () => [],
    isKnownService: (slug) => SERVICES.some((s) => s.slug === slug),
    files: { pageWatch: 'content-scripts/page-watch.js', fetchTap: 'content-scripts/fetch-tap.js' },
  });
  const fetch = options.fetch;
  const handlers = createHandlers({
    recorder,
    log,
    tabs,
    classify: classifyObservation,
    sender: { extensionId, extensionOrigin, productOf: (url) => findProduct(url) ?? hosts.productOf(url) },
    limiter: new RateLimiter(1000, 1000),
    hosts,
    now: options.now,
    checkReachability: fetch
      ? (service) =>
          checkReachability(service, { fetch, now: options.now, timeoutMs: options.checkTimeoutMs })
      : undefined,
    wayForward: {
      suggestions: suggestionAnswers,
      snippets: snippetsAnswer,
      judgeExitCountry: exitJudgement,
      guessRegion,
    },
  });

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
    stop() {
      for (const remove of removers) remove();
    },
  };
}
