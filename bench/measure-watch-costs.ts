/**
 * The page-text watcher's design choices, measured on the streaming page (not part of
 * `npm run bench`; bench/findings.md quotes its output). Run under the browser lock:
 *
 *   npx tsx bench/measure-watch-costs.ts [--rounds N] [--arms a,b] [--build NAME=DIR ...]
 *
 * 1. In-page costs, no extension, after the stream filled the page: one sweep of the notable
 *    places (core/watch/watch-windows NOTABLE_SELECTOR, body's children, the title), on the bench
 *    DOM and on one four times larger; one observe + disconnect pair.
 * 2. Streams, arms interleaved round by round, every run under the CPU profiler: extensions whose
 *    content script only observes (subtree; body's children only) or only sweeps every SWEEP_MS,
 *    and any Detour builds given with --build. Extension self time (chrome-extension:// frames)
 *    is the figure that load on a shared machine disturbs least; task time ÷ no extension is
 *    printed beside it.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CDPSession } from 'playwright-core';
import { NOTABLE_SELECTOR, SWEEP_MS, WINDOW_MS } from '../core/watch/watch-windows';
import { loadServedSignatures } from '../test/stand-in/signatures';
import { launchChromium } from './chromium';
import { type CpuProfile, selfTimeMs } from './cpu-profile';
import { startBenchServer } from './https-server';
import { STREAM_URL, type StreamOptions, startStream, waitForStreamEnd } from './measure-streaming';
import { summarize } from './stats';

const ROOT = resolve(import.meta.dirname, '..');

function arg(name: string): string[] {
  const out: string[] = [];
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) if (argv[i] === name && argv[i + 1]) out.push(argv[++i] as string);
  return out;
}

/** A one-script extension on the bench's chat host. */
function writeProbeExtension(dir: string, name: string, script: string): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({
      manifest_version: 3,
      name,
      version: '1.0.0',
      content_scripts: [{ matches: ['https://chatgpt.com/*'], js: ['probe.js'], run_at: 'document_idle' }],
    }),
  );
  writeFileSync(join(dir, 'probe.js'), script);
  return dir;
}

const SWEEP_SCRIPT = (selector: string, period: number) => `
const seen = new WeakSet(); const lengths = new WeakMap(); let title = document.title;
function look() {
  for (let c = document.body.firstElementChild; c; c = c.nextElementSibling) if (!seen.has(c)) seen.add(c);
  const r = document.querySelectorAll(${JSON.stringify(selector)});
  for (let i = 0; i < r.length; i++) { const n = (r[i].textContent || '').length; if (lengths.get(r[i]) !== n) lengths.set(r[i], n); }
  if (document.title !== title) title = document.title;
  setTimeout(look, ${period});
}
setTimeout(look, ${period});
`;

const IN_PAGE_COSTS = `(() => {
  const per = (n, f) => { const t0 = performance.now(); for (let i = 0; i < n; i++) f(); return ((performance.now() - t0) / n) * 1000; };
  const seen = new WeakSet(); const lengths = new WeakMap(); const selector = SELECTOR;
  const sweep = () => {
    for (let c = document.body.firstElementChild; c; c = c.nextElementSibling) if (!seen.has(c)) seen.add(c);
    const list = document.querySelectorAll(selector);
    for (let i = 0; i < list.length; i++) { const n = (list[i].textContent || '').length; if (lengths.get(list[i]) !== n) lengths.set(list[i], n); }
    return document.title;
  };
  const mo = new MutationObserver(() => {});
  const pair = () => { mo.observe(document.documentElement, { childList: true, subtree: true, characterData: true }); mo.disconnect(); };
  sweep();
  return { elements: document.getElementsByTagName('*').length, textChars: (document.body.textContent || '').length,
    sweepUs: per(300, sweep), observePairUs: per(2000, pair) };
})()`;

/** The extension's frames with the most self time, for finding where it goes. */
function topFrames(profile: CpuProfile, prefix: string): string {
  const byNode = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i] as number;
    byNode.set(id, (byNode.get(id) ?? 0) + (deltas[i + 1] ?? 0));
  }
  const byFrame = new Map<string, number>();
  for (const node of profile.nodes) {
    if (!node.callFrame.url.startsWith(prefix)) continue;
    const f = node.callFrame as {
      functionName: string;
      url: string;
      lineNumber?: number;
      columnNumber?: number;
    };
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}:${f.columnNumber}`;
    byFrame.set(key, (byFrame.get(key) ?? 0) + (byNode.get(node.id) ?? 0));
  }
  return [...byFrame]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([k, us]) => `    ${(us / 1000).toFixed(1)} ms ${k}`)
    .join('\n');
}

async function metrics(cdp: CDPSession): Promise<{ taskMs: number; scriptMs: number }> {
  const { metrics: list } = (await cdp.send('Performance.getMetrics')) as {
    metrics: Array<{ name: string; value: number }>;
  };
  const get = (n: string) => (list.find((m) => m.name === n)?.value ?? Number.NaN) * 1000;
  return { taskMs: get('TaskDuration'), scriptMs: get('ScriptDuration') };
}

async function main(): Promise<void> {
  const rounds = Number(arg('--rounds')[0] ?? 4);
  const tmp = join(ROOT, 'bench', 'tmp', `watch-costs-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  const dirs: Record<string, string | null> = {
    none: null,
    subtree: writeProbeExtension(
      join(tmp, 'subtree'),
      'observer: subtree, does nothing',
      'new MutationObserver(() => {}).observe(document.documentElement, { childList: true, subtree: true, characterData: true });\n',
    ),
    bodyChildren: writeProbeExtension(
      join(tmp, 'body'),
      "observer: body's children only, does nothing",
      'new MutationObserver(() => {}).observe(document.body, { childList: true });\n',
    ),
    sweep: writeProbeExtension(join(tmp, 'sweep'), 'sweep only', SWEEP_SCRIPT(NOTABLE_SELECTOR, SWEEP_MS)),
  };
  for (const spec of arg('--build')) {
    const [name, dir] = spec.split('=');
    if (name && dir) dirs[name] = resolve(dir);
  }
  const only = arg('--arms')[0]?.split(',');
  const arms = Object.keys(dirs).filter((a) => !only || only.includes(a) || a === 'none');
  const signatures = loadServedSignatures();
  const server = await startBenchServer({ apiBlockBody: signatures.openaiRegion403.body });
  try {
    // 1. In-page costs.
    {
      const b = await launchChromium({ extensionDir: null, hostResolverRules: server.hostResolverRules });
      try {
        const page = await b.context.newPage();
        await page.goto(STREAM_URL, { waitUntil: 'load' });
        for (const tokens of [20_000, 80_000]) {
          const o: StreamOptions = { tokens, durationMs: 500, seed: 20_000 };
          await startStream(page, o);
          await waitForStreamEnd(page, o);
          // A plain string: tsx would wrap named functions in a helper the page does not have.
          const r = (await page.evaluate(
            IN_PAGE_COSTS.replace('SELECTOR', JSON.stringify(NOTABLE_SELECTOR)),
          )) as {
            elements: number;
            textChars: number;
            sweepUs: number;
            observePairUs: number;
          };
          console.log(
            `in-page after a ${tokens}-token stream (page total so far): ${r.elements} elements, ${r.textChars} chars; one sweep ${r.sweepUs.toFixed(1)} µs; observe+disconnect ${r.observePairUs.toFixed(2)} µs`,
          );
        }
      } finally {
        await b.close();
      }
    }

    // 2. Streams.
    const options: StreamOptions = { tokens: 20_000, durationMs: 10_000, seed: 20_000 };
    const runs: Record<string, Array<{ selfMs: number; taskMs: number; scriptMs: number }>> = {};
    for (let round = 0; round < rounds; round++) {
      const order = arms.map((_, i) => arms[(i + round) % arms.length] as string);
      for (const arm of order) {
        const b = await launchChromium({
          extensionDir: dirs[arm] ?? null,
          hostResolverRules: server.hostResolverRules,
        });
        try {
          const page = await b.context.newPage();
          const cdp = await b.context.newCDPSession(page);
          await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
          await page.goto(STREAM_URL, { waitUntil: 'load', timeout: 20_000 });
          await page.waitForTimeout(500 + WINDOW_MS.load);
          await cdp.send('Profiler.enable');
          await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
          await cdp.send('Profiler.start');
          const before = await metrics(cdp);
          await startStream(page, options);
          await waitForStreamEnd(page, options);
          const after = await metrics(cdp);
          const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
          const r = {
            selfMs: selfTimeMs(profile, 'chrome-extension://'),
            taskMs: after.taskMs - before.taskMs,
            scriptMs: after.scriptMs - before.scriptMs,
          };
          if (process.argv.includes('--top')) console.log(topFrames(profile, 'chrome-extension://'));
          const list = runs[arm] ?? [];
          list.push(r);
          runs[arm] = list;
          console.log(
            `round ${round + 1} ${arm}: self ${r.selfMs.toFixed(1)} ms, task ${r.taskMs.toFixed(0)} ms, script ${r.scriptMs.toFixed(0)} ms`,
          );
        } finally {
          await b.close();
        }
      }
    }
    const none = runs.none ?? [];
    for (const arm of arms) {
      const list = runs[arm] ?? [];
      const self = summarize(list.map((r) => r.selfMs));
      const ratios = list.map((r, i) => r.taskMs / (none[i]?.taskMs ?? Number.NaN));
      const ratio = summarize(ratios);
      console.log(
        `${arm.padEnd(14)} self median ${self.median.toFixed(1)} ms (${self.min.toFixed(1)}–${self.max.toFixed(1)}); task ÷ none median ${ratio.median.toFixed(3)} (${ratio.min.toFixed(3)}–${ratio.max.toFixed(3)}), n = ${list.length}`,
      );
    }
  } finally {
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
