/**
 * 1. The streaming chat page with Detour, with no extension, and with the control extension.
 * Main-thread script and task time of the page's renderer from CDP Performance.getMetrics
 * (which includes the isolated worlds of content scripts), arms interleaved round by round,
 * each run in a fresh browser. Detour's own time comes from separate profiled runs.
 */
import type { CDPSession, Page } from 'playwright-core';
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

/** Opens the streaming page and waits until content scripts had their chance to start. */
export async function openStreamPage(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'load', timeout: 20_000 });
  // document_idle scripts run shortly after load; let them attach before measuring.
  await page.waitForTimeout(500);
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

async function metrics(cdp: CDPSession): Promise<{ scriptMs: number; taskMs: number }> {
  const { metrics: list } = (await cdp.send('Performance.getMetrics')) as {
    metrics: Array<{ name: string; value: number }>;
  };
  const get = (name: string) => {
    const found = list.find((m) => m.name === name);
    if (!found) throw new Error(`Performance.getMetrics has no ${name}`);
    return found.value * 1000;
  };
  return { scriptMs: get('ScriptDuration'), taskMs: get('TaskDuration') };
}

interface RunResult {
  scriptMs: number;
  taskMs: number;
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
    await cdp.send('Performance.enable');
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
  const ratioTarget = { op: '<=' as const, value: 1.03, on: 'median' as const };
  const figureIds = [
    { id: 'stream.taskRatio', label: 'Task time, Detour / no extension', unit: 'ratio', target: ratioTarget },
    {
      id: 'stream.scriptRatio',
      label: 'Script time, Detour / no extension',
      unit: 'ratio',
      target: ratioTarget,
    },
    { id: 'stream.taskRatioControl', label: 'Task time, control extension / no extension', unit: 'ratio' },
    {
      id: 'stream.scriptRatioDetourControl',
      label: 'Script time, Detour / control extension',
      unit: 'ratio',
    },
    {
      id: 'stream.detourSelf',
      label: "Detour's content scripts' own time (CPU profile self time)",
      unit: 'ms',
    },
  ];
  const scripts = contentScriptsFor(env.manifest, STREAM_URL);
  if (scripts.length === 0 || !env.controlDir) {
    const why = `the build has no content script matching ${STREAM_URL} (content scripts not landed yet)`;
    section.figures = figureIds.map((f) => notAvailable(f, why));
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
  const col = (arm: Arm, k: 'scriptMs' | 'taskMs') => runs[arm].map((r) => r[k]);
  const [taskRatio, scriptRatio, controlRatio, detourControl, self] = figureIds as [
    FigureBase,
    FigureBase,
    FigureBase,
    FigureBase,
    FigureBase,
  ];
  section.figures.push(
    measuredSamples(taskRatio, pairedRatios(col('detour', 'taskMs'), col('none', 'taskMs'))),
    measuredSamples(scriptRatio, pairedRatios(col('detour', 'scriptMs'), col('none', 'scriptMs'))),
    measuredSamples(controlRatio, pairedRatios(col('control', 'taskMs'), col('none', 'taskMs'))),
    measuredSamples(detourControl, pairedRatios(col('detour', 'scriptMs'), col('control', 'scriptMs'))),
    measuredSamples(
      self,
      profiled.map((r) => r.extensionSelfMs ?? 0),
    ),
  );
  for (const arm of ARMS) {
    section.figures.push(
      measuredSamples(
        { id: `stream.${arm}.scriptMs`, label: `Script time, ${ARM_NAMES[arm]}`, unit: 'ms' },
        col(arm, 'scriptMs'),
      ),
      measuredSamples(
        { id: `stream.${arm}.taskMs`, label: `Task time, ${ARM_NAMES[arm]}`, unit: 'ms' },
        col(arm, 'taskMs'),
      ),
    );
  }
  section.notes.push(
    `Each round runs the three arms in rotating order, each in a fresh browser; ratios are taken within a round. ${plan.profileRuns} further Detour run(s) ran under the CPU profiler (100 µs sampling) for the content scripts' own time; those runs are not in the ratios.`,
  );
  return section;
}

const ARM_NAMES: Record<Arm, string> = {
  none: 'no extension',
  detour: 'Detour',
  control: 'control extension',
};
