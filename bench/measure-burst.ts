/**
 * 4. Burst: many tabs report many blocks at once. Each tab (a page on chatgpt.com, where Detour's
 * fetch tap runs) makes its API calls at the same moment, each to a distinct URL answered with a
 * real region-block 403. Expected: every call is a sighting of its own (distinct URL), all land
 * in one row per dedupe key (same service, rule and page origin) with `count` adding up.
 * Time until settled: from the first call to the last write of the log.
 */
import type { Page } from 'playwright-core';
import { SAME_SIGHTING_MS } from '../core/background/recorder';
import { classifyObservation } from '../core/detection';
import type { LogEvent } from '../core/log/event';
import { dedupeKey } from '../core/log/log-writer';
import { loadServedSignatures } from '../test/stand-in/signatures';
import { extensionWorker, launchChromium } from './chromium';
import { type BenchEnv, contentScriptsFor } from './env';
import { logWrites, openProbePage, pageClock, send, watchLogWrites } from './extension-pages';
import { measuredSamples, measuredValue, notAvailable, type Section } from './report';

const BURST_URL = 'https://chatgpt.com/bench/burst.html';
const QUIET_MS = 2_000;
const NOTHING_MS = 5_000;

async function allEvents(probe: Page): Promise<LogEvent[]> {
  const out: LogEvent[] = [];
  for (;;) {
    const page = await send(probe, 'queryLog', { offset: out.length, limit: 1000 });
    out.push(...page.events);
    if (page.events.length === 0 || out.length >= page.total) return out;
  }
}

interface BurstRun {
  sent: number;
  counted: number;
  rows: number;
  settledMs: number;
  statuses: number[];
}

async function runOnce(env: BenchEnv, tabs: number, blocks: number): Promise<BurstRun> {
  const b = await launchChromium({
    extensionDir: env.detourDir,
    hostResolverRules: env.server.hostResolverRules,
  });
  try {
    const { id } = await extensionWorker(b.context);
    const probe = await openProbePage(b.context, id, env.manifest);
    const pages: Page[] = [];
    for (let t = 0; t < tabs; t++) {
      const page = await b.context.newPage();
      await page.goto(`${BURST_URL}?tab=${t}`, { waitUntil: 'load' });
      pages.push(page);
    }
    await pages[0]?.waitForTimeout(500);
    await watchLogWrites(probe);
    await Promise.all(
      pages.map((p, t) =>
        p.evaluate((o) => (window as unknown as { __startBurst(o: object): Promise<void> }).__startBurst(o), {
          tab: t,
          blocks,
        }),
      ),
    );
    // Settled: no log write for QUIET_MS (or nothing written at all for NOTHING_MS).
    const waitStart = Date.now();
    let writes: number[] = [];
    for (;;) {
      await probe.waitForTimeout(250);
      writes = await logWrites(probe);
      const last = writes[writes.length - 1];
      const now = await pageClock(probe);
      const quiet = last === undefined ? Date.now() - waitStart > NOTHING_MS : now - last > QUIET_MS;
      if (quiet || Date.now() - waitStart > 60_000) break;
    }
    const starts = await Promise.all(
      pages.map((p) =>
        p.evaluate(
          () => (window as unknown as { __burst: { startedAt: number; statuses: number[] } }).__burst,
        ),
      ),
    );
    const firstStart = Math.min(...starts.map((s) => s.startedAt));
    const events = await allEvents(probe);
    return {
      sent: tabs * blocks,
      counted: events.reduce((sum, e) => sum + e.count, 0),
      rows: events.length,
      settledMs: writes.length > 0 ? (writes[writes.length - 1] as number) - firstStart : Number.NaN,
      statuses: starts.flatMap((s) => s.statuses),
    };
  } finally {
    await b.close();
  }
}

export async function measureBurst(env: BenchEnv): Promise<Section> {
  const { plan } = env;
  const sent = plan.burstTabs * plan.burstBlocksPerTab;
  const section: Section = {
    id: 'burst',
    title: `4. Burst: ${plan.burstTabs} tabs report ${plan.burstBlocksPerTab} blocks each at once`,
    figures: [],
    notes: [],
  };
  const countedBase = {
    id: 'burst.counted',
    label: `Sightings counted in the log (sum of count), of ${sent} blocked calls`,
    unit: 'count',
    // Detour counts a sighting per tab and rule per 5 s (core/background/recorder.ts, SAME_SIGHTING_MS):
    // 50 calls of one tab at once are one sighting. Every tab's must be there, none may be lost.
    target: { op: '>=' as const, value: plan.burstTabs, on: 'value' as const },
  };
  const settledBase = { id: 'burst.settledMs', label: 'First call → last log write', unit: 'ms' };
  if (contentScriptsFor(env.manifest, BURST_URL).length === 0) {
    const why = `the build has no content script on ${BURST_URL} (content scripts not landed yet)`;
    section.figures.push(notAvailable(countedBase, why), notAvailable(settledBase, why));
    return section;
  }
  // What the log should hold, from the engine and the log's own dedupe key.
  const body = loadServedSignatures().openaiRegion403.body;
  const verdict = classifyObservation({
    kind: 'response',
    url: 'https://api.openai.com/v1/bench-burst/tab-0/call-0',
    status: 403,
    body,
  });
  if (verdict.verdict !== 'block') throw new Error('the engine does not call the burst response a block');
  const expectedRows = new Set(
    Array.from({ length: plan.burstTabs }, () =>
      dedupeKey({
        service: verdict.service,
        ruleId: verdict.ruleId,
        kind: 'response',
        url: 'https://api.openai.com/v1/bench-burst',
        tabUrl: BURST_URL,
      }),
    ),
  ).size;

  const runs: BurstRun[] = [];
  for (let i = 0; i < plan.burstRuns; i++) {
    const r = await runOnce(env, plan.burstTabs, plan.burstBlocksPerTab);
    runs.push(r);
    env.progress(
      `burst ${i + 1}/${plan.burstRuns}: ${r.counted}/${r.sent} counted in ${r.rows} row(s), settled after ${r.settledMs.toFixed(0)} ms`,
    );
  }
  const worst = runs.reduce((a, r) => (r.counted < a.counted ? r : a));
  section.figures.push(
    measuredValue(countedBase, worst.counted),
    measuredValue(
      {
        id: 'burst.rows',
        label: 'Rows in the log',
        unit: 'count',
        target: { op: '==', value: expectedRows, on: 'value' },
      },
      worst.rows,
    ),
    runs.some((r) => Number.isFinite(r.settledMs))
      ? measuredSamples(
          settledBase,
          runs.filter((r) => Number.isFinite(r.settledMs)).map((r) => r.settledMs),
        )
      : notAvailable(settledBase, 'nothing was written to the log'),
  );
  const non403 = worst.statuses.filter((s) => s !== 403).length;
  if (non403 > 0) section.notes.push(`${non403} of the calls did not get their 403.`);
  section.notes.push(
    `Each call goes to a distinct URL, all from pages on chatgpt.com. Detour's rules decide what counts: the background counts one sighting per tab and rule within ${SAME_SIGHTING_MS / 1000} s (an API 403 is often also shown as page text), the fetch tap sends at most 10 reports per page per 10 s and the background takes 20 per tab per 10 s; the log then merges sightings of one service, rule and page origin within 10 min into one row (${expectedRows} here). So every tab must count at least once (target), and at most ${sent} can. The counted figure is the worst of ${plan.burstRuns} run(s).`,
  );
  return section;
}
