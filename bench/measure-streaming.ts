/**
 * 1. The streaming chat page with Detour, with no extension, and with the control extension.
 * Main-thread script and task time of the page's renderer from CDP Performance.getMetrics
 * (which includes the isolated worlds of content scripts), arms interleaved round by round,
 * each run in a fresh browser. Detour's own time comes from separate profiled runs.
 */
import type { CDPSession, Page } from 'playwright-core';
import { WINDOW_MS } from '../core/watch/watch-windows';
import { launchChromium } from './chromium';
import { type CpuProfile, selfTimeMs } from './cpu-profile';
import { type BenchEnv, contentScriptsFor } from './env';
import { type FigureBase, measuredSamples, notAvailable, type Section } from './report';
import { pairedRatios } from './stats';

export const STREAM_URL = 'https://chatgpt.com/';
type Arm = 'none' | 'detour' | 'control';

export interface StreamOptions {
  tokens: number;
  durationMs: number;
  seed: number;
  bannerAtMs?: number;
  bannerText?: string;
  /** The page's request to its own host fails first, and its handler inserts the banner. */
  failBeforeBanner?: boolean;
}

interface BenchPageState {
  state: 'ready' | 'streaming' | 'done';
  startedAt: number | null;
  endedAt: number | null;
  tokens: number;
  longBlocks: number;
  bannerInsertedAt: number | null;
}
type StreamWindow = Window & { __bench: BenchPageState; __startStream(o: StreamOptions): void };

/**
 * Opens the streaming page and waits until content scripts had their chance to start, and until
 * Detour's page-load window is over (core/watch/watch-windows): a real answer streams after the
 * user asks, not in the page's first seconds. Every arm waits the same.
 */
export async function openStreamPage(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'load', timeout: 20_000 });
  // document_idle scripts run shortly after load; let them attach and their load window close.
  await page.waitForTimeout(500 + WINDOW_MS.load);
  await putInFront(page);
}

/**
 * A first install opens Detour's welcome tab, which takes the foreground. A tab behind it gets
 * few rendering frames, so the page did a sixth of its work and Detour looked far cheaper than
 * no extension at all. A person watching a stream has that tab in front: close the welcome tab
 * (as a person would) and bring the page forward, in every arm alike.
 */
export async function putInFront(page: Page): Promise<void> {
  for (const other of page.context().pages()) {
    if (other !== page && new URL(other.url(), 'about:blank').pathname.endsWith('/welcome.html'))
      await other.close();
  }
  await page.bringToFront();
}

export function startStream(page: Page, options: StreamOptions): Promise<void> {
  return page.evaluate((o) => (window as unknown as StreamWindow).__startStream(o), options);
}

export async function waitForStreamEnd(page: Page, options: StreamOptions): Promise<BenchPageState> {
  await page.waitForFunction(() => (window as unknown as StreamWindow).__bench.state === 'done', null, {
    polling: 250,
    timeout: options.durationMs + 60_000,
  });
  return page.evaluate(() => (window as unknown as StreamWindow).__bench);
}

async function metrics(cdp: CDPSession): Promise<{ scriptMs: number; taskMs: number; threadMs: number }> {
  const { metrics: list } = (await cdp.send('Performance.getMetrics')) as {
    metrics: Array<{ name: string; value: number }>;
  };
  const get = (name: string) => {
    const found = list.find((m) => m.name === name);
    if (!found) throw new Error(`Performance.getMetrics has no ${name}`);
    return found.value * 1000;
  };
  return { scriptMs: get('ScriptDuration'), taskMs: get('TaskDuration'), threadMs: get('ThreadTime') };
}

interface RunResult {
  scriptMs: number;
  taskMs: number;
  /** CPU time of the renderer's main thread (CDP ThreadTime). */
  threadMs: number;
  /** Isolated worlds an extension created in the page (0 for no extension). */
  extensionWorlds: number;
  /** Self time of chrome-extension:// frames, when profiled. */
  extensionSelfMs: number | null;
  tokens: number;
}

async function runOnce(
  env: BenchEnv,
  arm: Arm,
  options: StreamOptions,
  profile: boolean,
): Promise<RunResult> {
  const extensionDir = arm === 'detour' ? env.detourDir : arm === 'control' ? env.controlDir : null;
  const browser = await launchChromium({ extensionDir, hostResolverRules: env.server.hostResolverRules });
  try {
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    let extensionWorlds = 0;
    cdp.on('Runtime.executionContextCreated', (event: { context: { origin: string } }) => {
      if (event.context.origin.startsWith('chrome-extension://')) extensionWorlds++;
    });
    await cdp.send('Runtime.enable');
    // threadTicks: durations in the main thread's CPU time, so time the OS gave other processes
    // (other work on a shared 2-core machine) does not count as the page's.
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    await openStreamPage(page, STREAM_URL);
    if (profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
      await cdp.send('Profiler.start');
    }
    const before = await metrics(cdp);
    await startStream(page, options);
    const end = await waitForStreamEnd(page, options);
    const after = await metrics(cdp);
    let extensionSelfMs: number | null = null;
    if (profile) {
      const { profile: cpu } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
      extensionSelfMs = selfTimeMs(cpu, 'chrome-extension://');
    }
    return {
      scriptMs: after.scriptMs - before.scriptMs,
      taskMs: after.taskMs - before.taskMs,
      threadMs: after.threadMs - before.threadMs,
      extensionWorlds,
      extensionSelfMs,
      tokens: end.tokens,
    };
  } finally {
    await browser.close();
  }
}

const ARMS: Arm[] = ['none', 'detour', 'control'];

export async function measureStreaming(env: BenchEnv): Promise<Section> {
  const { plan } = env;
  const section: Section = {
    id: 'streaming',
    title: `1. Streaming chat page (${plan.tokens.toLocaleString('en-US')} tokens over ${plan.durationMs / 1000} s at ${STREAM_URL})`,
    figures: [],
    notes: [],
  };
  const ratioTarget = { op: '<=' as const, value: 1.01, on: 'median' as const };
  type Metric = 'scriptMs' | 'taskMs' | 'threadMs';
  const METRIC_NAMES: Record<Metric, string> = {
    taskMs: 'Task time',
    scriptMs: 'Script time',
    threadMs: 'Main-thread CPU time',
  };
  const ratios: Array<{ id: string; arm: Arm; base: Arm; metric: Metric; target?: boolean }> = [
    { id: 'stream.taskRatio', arm: 'detour', base: 'none', metric: 'taskMs', target: true },
    { id: 'stream.scriptRatio', arm: 'detour', base: 'none', metric: 'scriptMs', target: true },
    { id: 'stream.threadRatio', arm: 'detour', base: 'none', metric: 'threadMs' },
    { id: 'stream.taskRatioControl', arm: 'control', base: 'none', metric: 'taskMs' },
    { id: 'stream.scriptRatioControl', arm: 'control', base: 'none', metric: 'scriptMs' },
    { id: 'stream.scriptRatioDetourControl', arm: 'detour', base: 'control', metric: 'scriptMs' },
  ];
  const ratioBase = (r: (typeof ratios)[number]): FigureBase => ({
    id: r.id,
    label: `${METRIC_NAMES[r.metric]}, ${ARM_NAMES[r.arm]} / ${ARM_NAMES[r.base]}`,
    unit: 'ratio',
    ...(r.target ? { target: ratioTarget } : {}),
  });
  const self: FigureBase = {
    id: 'stream.detourSelf',
    label: "Detour's content scripts' own time (CPU profile self time of chrome-extension:// frames)",
    unit: 'ms',
  };
  const scripts = contentScriptsFor(env.manifest, STREAM_URL);
  if (scripts.length === 0 || !env.controlDir) {
    const why = `the build has no content script matching ${STREAM_URL} (content scripts not landed yet)`;
    section.figures = [...ratios.map(ratioBase), self].map((f) => notAvailable(f, why));
    return section;
  }

  const options: StreamOptions = { tokens: plan.tokens, durationMs: plan.durationMs, seed: 20_000 };
  const runs: Record<Arm, RunResult[]> = { none: [], detour: [], control: [] };
  for (let round = 0; round < plan.streamRounds; round++) {
    // Rotate the order so no arm always runs first (or right after a particular other arm).
    const order = ARMS.map((_, i) => ARMS[(i + round) % ARMS.length] as Arm);
    for (const arm of order) {
      const r = await runOnce(env, arm, options, false);
      runs[arm].push(r);
      env.progress(
        `stream round ${round + 1}/${plan.streamRounds} ${arm}: script ${r.scriptMs.toFixed(0)} ms, task ${r.taskMs.toFixed(0)} ms`,
      );
    }
  }
  const profiled: RunResult[] = [];
  for (let i = 0; i < plan.profileRuns; i++) profiled.push(await runOnce(env, 'detour', options, true));

  const missingWorld = runs.detour.filter((r) => r.extensionWorlds === 0).length;
  if (missingWorld > 0) {
    section.notes.push(
      `In ${missingWorld} of ${runs.detour.length} Detour runs no content-script world was created in the page: those runs measured nothing of Detour.`,
    );
  }
  const col = (arm: Arm, k: Metric) => runs[arm].map((r) => r[k]);
  for (const r of ratios) {
    section.figures.push(
      measuredSamples(ratioBase(r), pairedRatios(col(r.arm, r.metric), col(r.base, r.metric))),
    );
  }
  section.figures.push(
    measuredSamples(
      self,
      profiled.map((r) => r.extensionSelfMs ?? 0),
    ),
  );
  for (const arm of ARMS) {
    for (const metric of ['scriptMs', 'taskMs', 'threadMs'] as const) {
      section.figures.push(
        measuredSamples(
          { id: `stream.${arm}.${metric}`, label: `${METRIC_NAMES[metric]}, ${ARM_NAMES[arm]}`, unit: 'ms' },
          col(arm, metric),
        ),
      );
    }
  }
  section.notes.push(
    `Each round runs the three arms in rotating order, each in a fresh browser; ratios are taken within a round. Durations are in the main thread's CPU time (Performance.enable with timeDomain threadTicks), so other processes on the machine do not inflate them. ${plan.profileRuns} further Detour run(s) ran under the CPU profiler (100 µs sampling) for the content scripts' own time; those runs are not in the ratios.`,
  );
  return section;
}

const ARM_NAMES: Record<Arm, string> = {
  none: 'no extension',
  detour: 'Detour',
  control: 'control extension',
};
