/**
 * 3. The popup's first render with a big log: popup.html opened in a tab of a browser whose
 * profile holds N events (seeded through Detour's own EventLog in an earlier launch, so the
 * background starts cold on a full log like after a browser restart). Time from navigation
 * start to the first meaningful content: the element the UI marks `data-ready`, or, when the
 * UI sets no such mark, the first non-empty <main>.
 *
 * The floor, opened alternately with the popup in the same browser: a page in the same extension
 * with one tiny script that asks the same background for the same 24 newest events and shows
 * their count. No popup that shows the log can be faster, so popup ÷ floor is Detour's own share.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { POPUP_LIMITS } from '../components/stores/popup-store';
import { extensionWorker, launchChromium } from './chromium';
import type { BenchEnv } from './env';
import { loadLogDriver, openProbePage, seedLog, send, setLogCap } from './extension-pages';
import { eventTemplates, seedEvents } from './log-events';
import { firstLoadGraph } from './measure-sizes';
import { measuredSamples, measuredValue, notAvailable, type Section } from './report';
import { summarize } from './stats';

interface FirstContent {
  /** ms after navigation start when an element with `data-ready` appeared. */
  readyAt: number | null;
  /** The popup's own `detour:popup:*` marks (ms after navigation start), when it sets them. */
  marks?: Record<string, number>;
  /** ms after navigation start when <main> first had text. */
  mainAt: number | null;
  /** ms after navigation start when an element with `data-interactive` appeared (the app mounted). */
  interactiveAt: number | null;
}
type ReadyWindow = Window & { __benchFirstContent: FirstContent };

/** Runs in every new document before its scripts: watches for the first meaningful content. */
function watchFirstContent(): void {
  if (!location.protocol.startsWith('chrome-extension')) return;
  const w = window as unknown as ReadyWindow;
  w.__benchFirstContent = { readyAt: null, mainAt: null, interactiveAt: null };
  const check = () => {
    const s = w.__benchFirstContent;
    if (s.readyAt === null && document.querySelector('[data-ready]')) s.readyAt = performance.now();
    if (s.mainAt === null && (document.querySelector('main')?.textContent ?? '').trim() !== '')
      s.mainAt = performance.now();
    if (s.interactiveAt === null && document.querySelector('[data-interactive]'))
      s.interactiveAt = performance.now();
    if (s.readyAt !== null && s.mainAt !== null && s.interactiveAt !== null) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['data-ready', 'data-interactive'],
  });
}

/** Whether the built popup sets a mark (`data-ready`, `data-interactive`) anywhere (then the bench waits for it). */
function popupSetsMark(dir: string, popup: string, mark: string): boolean {
  return firstLoadGraph(dir, popup).some(
    (f) => f.endsWith('.js') && readFileSync(join(dir, f), 'utf8').includes(mark),
  );
}

const FLOOR_PAGE = 'bench-floor.html';

/**
 * A copy of the build with the floor page added (the copy under test elsewhere stays untouched).
 * The script speaks @webext-core/messaging's wire format, as extension-pages.ts does.
 */
function writeFloorCopy(detourDir: string, into: string, recent: number): string {
  cpSync(detourDir, into, { recursive: true });
  writeFileSync(
    join(into, FLOOR_PAGE),
    '<!doctype html><html><head><meta charset="utf-8"><script type="module" src="/bench-floor.js"></script></head><body><main></main></body></html>\n',
  );
  writeFileSync(
    join(into, 'bench-floor.js'),
    `const main = document.querySelector('main');
chrome.runtime
  .sendMessage({ id: 1, timestamp: Date.now(), type: 'queryLog', data: { limit: ${recent}, offset: 0 } })
  .then((reply) => {
    main.textContent = String(reply?.res?.events?.length ?? reply?.err?.message);
    main.setAttribute('data-ready', '');
  });
`,
  );
  return into;
}

async function openPopupOnce(
  page: Page,
  url: string,
  waitForMark: boolean,
  waitForInteractive = false,
): Promise<FirstContent> {
  await page.goto(url, { waitUntil: 'load' });
  const deadline = Date.now() + 10_000;
  for (;;) {
    const s = await page.evaluate(() => ({
      ...(window as unknown as ReadyWindow).__benchFirstContent,
      marks: Object.fromEntries(
        performance
          .getEntriesByType('mark')
          .filter((m) => m.name.startsWith('detour:popup:'))
          .map((m) => [m.name.slice('detour:popup:'.length), m.startTime]),
      ),
    }));
    if (
      (waitForMark ? s.readyAt !== null : s.mainAt !== null) &&
      (!waitForInteractive || s.interactiveAt !== null)
    )
      return s;
    if (Date.now() > deadline) return s;
    await page.waitForTimeout(50);
  }
}

export async function measurePopup(env: BenchEnv): Promise<Section> {
  const { plan } = env;
  const section: Section = {
    id: 'popup',
    title: `3. Popup first render with ${plan.popupEvents.toLocaleString('en-US')} events in the log`,
    figures: [],
    notes: [],
  };
  const base = {
    id: 'popup.firstContent',
    label: 'popup.html: navigation start to first meaningful content',
    unit: 'ms',
    target: { op: '<=' as const, value: 150, on: 'p95' as const },
  };
  const popup = env.manifest.action?.default_popup;
  if (!popup) {
    section.figures.push(notAvailable(base, 'the manifest names no popup'));
    return section;
  }
  const profileDir = mkdtempSync(join(env.tmpDir, 'popup-profile-'));
  const extensionDir = writeFloorCopy(
    env.detourDir,
    join(env.tmpDir, 'detour-with-floor'),
    POPUP_LIMITS.recent,
  );
  try {
    const templates = eventTemplates();
    const seeding = await launchChromium({
      extensionDir,
      hostResolverRules: env.server.hostResolverRules,
      profileDir,
    });
    let seeded: number;
    try {
      const { id } = await extensionWorker(seeding.context);
      const probe = await openProbePage(seeding.context, id, env.manifest);
      await loadLogDriver(probe);
      await setLogCap(probe, plan.popupEvents);
      seeded = (await seedLog(probe, seedEvents(templates, plan.popupEvents, Date.now()), plan.popupEvents))
        .total;
    } finally {
      await seeding.close();
    }

    const waitForMark = popupSetsMark(env.detourDir, popup, 'data-ready');
    const waitForInteractive = popupSetsMark(env.detourDir, popup, 'data-interactive');
    const samples: number[] = [];
    const floorSamples: number[] = [];
    // The first open after a browser start, and the later ones (the background awake, the
    // renderer's code cache warm), apart: they answer different questions.
    const firstOpens: Record<'popup' | 'floor', number[]> = { popup: [], floor: [] };
    const warmOpens: Record<'popup' | 'floor', number[]> = { popup: [], floor: [] };
    // When the app has mounted with every control working (data-interactive), where the popup
    // paints first without the app.
    const interactive: Record<'first' | 'warm', number[]> = { first: [], warm: [] };
    const marks = new Map<string, number[]>();
    let seenByBackground: number | null = null;
    let backgroundError: string | null = null;
    for (let launch = 0; launch < plan.popupLaunches; launch++) {
      const b = await launchChromium({
        extensionDir,
        hostResolverRules: env.server.hostResolverRules,
        profileDir,
      });
      try {
        const { id } = await extensionWorker(b.context);
        // tsx keeps function names with a `__name` helper the page does not have: define it there.
        await b.context.addInitScript({
          content: `var __name = (f) => f;\n(${watchFirstContent.toString()})();`,
        });
        // Alternate popup and floor; which goes first (meeting the just-started background)
        // alternates by launch.
        const arms = launch % 2 === 0 ? (['popup', 'floor'] as const) : (['floor', 'popup'] as const);
        for (let i = 0; i < plan.popupOpensPerLaunch; i++) {
          for (const arm of arms) {
            const page = await b.context.newPage();
            const url = `chrome-extension://${id}/${arm === 'popup' ? popup : FLOOR_PAGE}`;
            const s = await openPopupOnce(
              page,
              url,
              arm === 'floor' || waitForMark,
              arm === 'popup' && waitForInteractive,
            );
            await page.close();
            const at = arm === 'floor' || waitForMark ? s.readyAt : s.mainAt;
            if (at === null) {
              throw new Error(
                arm === 'floor'
                  ? 'the floor page got no answer from the background within 10 s'
                  : waitForMark
                    ? 'the popup never set its data-ready mark within 10 s'
                    : 'the popup showed no content (<main> stayed empty) within 10 s',
              );
            }
            env.progress(`${arm} open ${launch + 1}.${i + 1}: ${at.toFixed(0)} ms`);
            (arm === 'popup' ? samples : floorSamples).push(at);
            (i === 0 && arm === arms[0] ? firstOpens : warmOpens)[arm].push(at);
            if (arm === 'popup' && s.interactiveAt !== null)
              interactive[i === 0 && arm === arms[0] ? 'first' : 'warm'].push(s.interactiveAt);
            if (arm === 'popup' && s.marks) {
              const phase = i === 0 && arm === arms[0] ? 'first' : 'warm';
              for (const [name, ms] of Object.entries(s.marks)) {
                const list = marks.get(`${phase}:${name}`) ?? [];
                list.push(ms);
                marks.set(`${phase}:${name}`, list);
              }
              marks.set(`${phase}:ready`, [...(marks.get(`${phase}:ready`) ?? []), at]);
            }
          }
        }
        if (seenByBackground === null && backgroundError === null) {
          const probe = await openProbePage(b.context, id, env.manifest);
          try {
            seenByBackground = (await send(probe, 'queryLog', { limit: 1 })).total;
          } catch (error) {
            backgroundError = (error as Error).message;
          }
          await probe.close();
        }
      } finally {
        await b.close();
      }
    }
    section.figures.push(
      measuredSamples(
        {
          ...base,
          notes: waitForMark
            ? 'until the element the UI marks data-ready appeared'
            : 'the built popup sets no data-ready mark: until <main> first had text',
        },
        samples,
      ),
      measuredSamples(
        {
          id: 'popup.floor',
          label: 'floor: an extension page with one script asking the same background for the same events',
          unit: 'ms',
          notes:
            'opened alternately with the popup in the same browsers: what any popup that shows the log needs at least',
        },
        floorSamples,
      ),
      measuredValue(
        {
          id: 'popup.overFloor',
          label: 'popup ÷ floor (medians)',
          unit: 'ratio',
          notes: `p95: popup ${summarize(samples).p95.toFixed(0)} ms, floor ${summarize(floorSamples).p95.toFixed(0)} ms`,
        },
        summarize(samples).median / summarize(floorSamples).median,
      ),
      measuredSamples(
        {
          id: 'popup.warmOpen',
          label: 'popup.html opened again (not the first open after a browser start)',
          unit: 'ms',
          target: { op: '<=', value: 50, on: 'p95' },
        },
        warmOpens.popup,
      ),
      measuredSamples(
        { id: 'popup.floorWarmOpen', label: 'floor page opened again', unit: 'ms' },
        warmOpens.floor,
      ),
      ...(firstOpens.popup.length > 0 && firstOpens.floor.length > 0
        ? [
            measuredValue(
              {
                id: 'popup.firstOpenOverFloor',
                label: 'first open after a browser start: popup ÷ floor (medians)',
                unit: 'ratio',
                target: { op: '<=', value: 1.2, on: 'value' },
                notes: `popup first opens ${firstOpens.popup.map((x) => x.toFixed(0)).join(', ')} ms; floor first opens ${firstOpens.floor.map((x) => x.toFixed(0)).join(', ')} ms`,
              },
              summarize(firstOpens.popup).median / summarize(firstOpens.floor).median,
            ),
          ]
        : []),
      ...(waitForInteractive
        ? [
            measuredSamples(
              {
                id: 'popup.interactiveWarmOpen',
                label: 'popup opened again: until the app has mounted (data-interactive)',
                unit: 'ms',
                notes:
                  'every control works and the tab and recent events are shown; data-ready may come earlier, from the first paint',
              },
              interactive.warm,
            ),
            measuredSamples(
              {
                id: 'popup.interactiveFirstOpen',
                label: 'first open after a browser start: until the app has mounted (data-interactive)',
                unit: 'ms',
              },
              interactive.first,
            ),
          ]
        : []),
      measuredValue({ id: 'popup.seededEvents', label: 'Events seeded into the log', unit: 'count' }, seeded),
      seenByBackground !== null
        ? measuredValue(
            { id: 'popup.logTotal', label: 'Events the background reports (queryLog total)', unit: 'count' },
            seenByBackground,
          )
        : notAvailable(
            { id: 'popup.logTotal', label: 'Events the background reports (queryLog total)', unit: 'count' },
            backgroundError ?? 'not asked',
          ),
    );
    if (marks.size > 0) {
      const order = [
        'first-paint-script',
        'first-paint',
        'script',
        'tab',
        'snapshot',
        'page',
        'render',
        'ready',
        'interactive',
      ];
      const line = (phase: string) =>
        order
          .filter((n) => marks.has(`${phase}:${n}`))
          .map((n) => {
            const list = marks.get(`${phase}:${n}`) ?? [];
            // The first paint draws only when the snapshot lets it: say on how many opens it did.
            const opens = marks.get(`${phase}:ready`)?.length ?? 0;
            const count = n === 'first-paint' ? ` (${list.length} of ${opens} opens)` : '';
            return `${n} ${summarize(list).median.toFixed(0)} ms${count}`;
          })
          .join(', ');
      section.notes.push(
        `Where the popup's time goes (medians after navigation start; first-paint-script = the first paint's script starts, first-paint = it painted the snapshot, script = the app's module starts, tab = tabs.query answered, snapshot = storage.session answered, page = the page's module starts, render = the app's first render starts once the language choice is read, ready = data-ready, interactive = data-interactive): first opens ${line('first')}; warm opens ${line('warm')}.`,
      );
    }
    section.notes.push(
      'The popup paints first from the snapshot the background keeps in storage.session (core/snapshot), then asks the background; data-ready marks the first paint with the tab and the recent events.',
      `${plan.popupLaunches} browser start(s) on the seeded profile, ${plan.popupOpensPerLaunch} popup opens each, alternating with the floor page (the first open after each start meets a cold background; popup or floor goes first by turns). The popup is opened as a tab at its extension URL.`,
    );
  } finally {
    rmSync(profileDir, { recursive: true, force: true });
    rmSync(extensionDir, { recursive: true, force: true });
  }
  return section;
}
