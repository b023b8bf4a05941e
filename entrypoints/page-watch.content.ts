/**
 * Isolated-world watcher on the services' web apps: block pages and banners in the page's text,
 * and the MAIN-world fetch tap's findings relayed to the background. The page is observed fully
 * only in windows (core/watch/watch-windows): the load, a route change, the tab shown again, a
 * failed request to the service seen here by the tap or by the background; a cheap sweep covers
 * the time between. Sends only bounded excerpts
 * that pass the engine's keyword prefilter; the background classifies and decides.
 * `matches` is filled in wxt.config.ts from core/services (keeps the services table out of this
 * bundle); everything is registered through ctx so it stops when the extension reloads.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { BENCH_TRACE, type ReportTrace, traceNow } from '../core/bench-trace/bench-trace';
import { mightMatterForPage } from '../core/detection/page-triggers';
import { onPageWatchMessage, sendToBackground } from '../core/messaging/content-messenger';
import { readTapMessage, TAP_CUE_EVENT } from '../core/watch/fetch-tap';
import { AddedTextCollector, pageTextOutsideTheConversation, sendBudget } from '../core/watch/page-text';
import { WatchWindows } from '../core/watch/watch-windows';

export default defineContentScript({
  matches: [],
  runAt: 'document_idle',
  main(ctx) {
    // The bench's trace build only (core/bench-trace): what started the read that is reporting.
    let read: Pick<ReportTrace, 'source' | 'readAt'> = { source: 'idle', readAt: 0 };
    const reading = (source: ReportTrace['source']) => {
      if (BENCH_TRACE) read = { source, readAt: traceNow() };
    };
    const report = (channel: 'page-text' | 'fetch-tap', observation: Record<string, unknown>) => {
      if (ctx.isInvalid) return;
      const message = BENCH_TRACE
        ? { channel, observation, trace: { ...read, sentAt: traceNow() } satisfies ReportTrace }
        : { channel, observation };
      sendToBackground('reportObservation', message as never).catch(() => {
        // The worker was restarting or the extension reloaded: nothing to do in the page.
      });
    };

    const textBudget = sendBudget(10, 10_000);
    // An excerpt that finds the budget spent waits for the next token (one send a second), merged
    // with the others that wait, instead of being dropped: on a chat about what is "available" or
    // "supported" the prefilter fires on ordinary text and spent the budget, so a real banner that
    // came later was lost (bench/findings.md). The newest HELD_CHARS are kept (the background
    // takes 32 K characters a report).
    const HELD_CHARS = 16 * 1024;
    let held = '';
    let flushArmed = false;
    const flushHeld = () => {
      flushArmed = false;
      reading('flush');
      if (held && textBudget()) {
        report('page-text', { kind: 'page', body: held });
        held = '';
      }
      if (held) armFlush();
    };
    const armFlush = () => {
      if (flushArmed) return;
      flushArmed = true;
      ctx.setTimeout(flushHeld, 1_000);
    };
    const collector = new AddedTextCollector(
      mightMatterForPage,
      (excerpt) => {
        if (!held && textBudget()) {
          report('page-text', { kind: 'page', body: excerpt });
          return;
        }
        held = `${held}\n${excerpt}`.slice(-HELD_CHARS);
        armFlush();
      },
      {
        setTimeout: BENCH_TRACE
          ? (fn, ms) =>
              ctx.setTimeout(() => {
                reading('tick');
                fn();
              }, ms)
          : (fn, ms) => ctx.setTimeout(fn, ms),
      },
    );
    reading('idle');
    collector.checkDocument(pageTextOutsideTheConversation(document.body));

    const windows = new WatchWindows({
      document,
      sink: BENCH_TRACE
        ? {
            onMutations: (records) => {
              reading('mutation');
              collector.onMutations(records);
            },
            readNodes: (nodes) => {
              reading('look');
              collector.readNodes(nodes);
            },
            readText: (text) => {
              reading('look');
              collector.readText(text);
            },
          }
        : collector,
      timers: { setTimeout: (fn, ms) => ctx.setTimeout(fn, ms) },
    });
    windows.start();
    ctx.onInvalidated(() => windows.stop());
    ctx.addEventListener(document, 'visibilitychange', () => {
      if (document.visibilityState === 'visible') windows.arm('visible');
    });
    // Single-page route changes: the Navigation API where the browser has it, history otherwise;
    // the background also arms on the tab's URL change (tabs.onUpdated) in every browser.
    // The fetch tap's cue arrives before the page's own handlers run (core/watch/fetch-tap).
    ctx.addEventListener(window, TAP_CUE_EVENT as 'message', () => windows.arm('failedRequest'));
    const onRoute = () => windows.arm('route');
    const navigation = (window as { navigation?: EventTarget }).navigation;
    navigation?.addEventListener('navigate', onRoute);
    ctx.onInvalidated(() => navigation?.removeEventListener('navigate', onRoute));
    ctx.addEventListener(window, 'popstate', onRoute);
    const stopArming = onPageWatchMessage('armPageWatch', ({ data }) => {
      if (data?.reason === 'failedRequest' || data?.reason === 'route') windows.arm(data.reason);
    });
    ctx.onInvalidated(stopArming);

    // The fetch tap posts from the page's own world: anyone on the page could post the same.
    const tapBudget = sendBudget(10, 10_000);
    ctx.addEventListener(window, 'message', (event: MessageEvent) => {
      if (event.source !== window || event.origin !== location.origin) return;
      const tap = readTapMessage(event.data);
      if (!tap) return;
      // A failed request to the service: the page may show why in a moment.
      windows.arm('failedRequest');
      // A network failure (status 0) is no evidence of a block; only HTTP errors are reported.
      if (tap.status === 0 || !tapBudget()) return;
      report('fetch-tap', {
        kind: 'response',
        url: tap.url,
        status: tap.status,
        headers: tap.contentType ? { 'content-type': tap.contentType } : {},
        body: tap.body,
      });
    });
  },
});
