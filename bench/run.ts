/**
 * `npm run bench` (after `wxt build`): measures what Detour costs in real headless Chromium with
 * the production build, on pages served locally at the services' real host names, and writes
 * bench/results.md and bench/results.json. `-- --quick` runs each measurement once with small
 * sizes (the smoke run the e2e suite uses) and writes to bench/tmp/quick/ unless `--out DIR`.
 * `--only streaming,sizes` runs a subset (while working on one measurement); `--build DIR`
 * measures another Chromium build (e.g. a copy kept from before a fix); `--render` rewrites
 * results.md from results.json and bench/findings.md without measuring again.
 * See bench/README.md for what each figure means.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadServedSignatures } from '../test/stand-in/signatures';
import { chromiumVersion } from './chromium';
import { writeControlExtension } from './control-extension';
import { type BenchEnv, readManifest } from './env';
import { startBenchServer } from './https-server';
import { currentLoad, describeMachine, gitCommit } from './machine';
import { measureBanner } from './measure-banner';
import { measureBurst } from './measure-burst';
import { measureEngine } from './measure-engine';
import { measurePopup } from './measure-popup';
import { measureSizes } from './measure-sizes';
import { measureStorage } from './measure-storage';
import { measureStreaming } from './measure-streaming';
import { FULL_PLAN, QUICK_PLAN } from './plan';
import { type BenchResults, notAvailable, renderMarkdown, type Section } from './report';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

interface Measurement {
  id: string;
  title: string;
  run(env: BenchEnv): Promise<Section>;
}

const MEASUREMENTS: Measurement[] = [
  { id: 'streaming', title: '1. Streaming chat page', run: measureStreaming },
  { id: 'banner', title: '2. Banner detection latency', run: measureBanner },
  { id: 'popup', title: '3. Popup first render', run: measurePopup },
  { id: 'burst', title: '4. Burst', run: measureBurst },
  { id: 'engine', title: '5. Engine throughput', run: measureEngine },
  { id: 'sizes', title: '6. Sizes', run: measureSizes },
  { id: 'storage', title: '7. Storage', run: measureStorage },
];

interface BenchArgs {
  quick: boolean;
  out: string | null;
  only: string[] | null;
  /** Another Chromium build to measure (e.g. a copy from before a fix); default .output/chrome-mv3. */
  build: string | null;
  /** Only re-render results.md from results.json (e.g. after writing bench/findings.md). */
  render: boolean;
}

function parseArgs(argv: string[]): BenchArgs {
  const out: BenchArgs = { quick: false, out: null, only: null, build: null, render: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--quick') out.quick = true;
    else if (arg === '--out') out.out = argv[++i] ?? null;
    else if (arg === '--only') out.only = (argv[++i] ?? '').split(',').filter(Boolean);
    else if (arg === '--build') out.build = argv[++i] ?? null;
    else if (arg === '--render') out.render = true;
    else
      throw new Error(
        `bench: unknown argument ${arg} (known: --quick, --out DIR, --only a,b, --build DIR, --render)`,
      );
  }
  if (out.only) {
    const unknown = out.only.filter((id) => !MEASUREMENTS.some((m) => m.id === id));
    if (unknown.length > 0) {
      throw new Error(
        `bench: unknown measurement ${unknown.join(', ')} (known: ${MEASUREMENTS.map((m) => m.id).join(', ')})`,
      );
    }
  }
  return out;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const plan = args.quick ? QUICK_PLAN : FULL_PLAN;
  const outDir = resolve(
    args.out ?? (args.quick ? join(ROOT, 'bench', 'tmp', 'quick') : join(ROOT, 'bench')),
  );
  const findingsPath = join(ROOT, 'bench', 'findings.md');
  const findings = () =>
    plan.mode === 'full' && existsSync(findingsPath) ? [readFileSync(findingsPath, 'utf8').trim()] : [];
  if (args.render) {
    const results = JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as BenchResults;
    results.findings = findings();
    writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(join(outDir, 'results.md'), renderMarkdown(results));
    return 0;
  }
  const built = resolve(args.build ?? join(ROOT, '.output', 'chrome-mv3'));
  if (!existsSync(join(built, 'manifest.json'))) {
    throw new Error(
      `bench: no Chromium build at ${built}; run \`npm run bench\` (it builds first) or \`npx wxt build\`.`,
    );
  }
  const tmpDir = join(ROOT, 'bench', 'tmp', `run-${process.pid}`);
  rmSync(tmpDir, { recursive: true, force: true });
  mkdirSync(tmpDir, { recursive: true });
  const detourDir = join(tmpDir, 'detour');
  cpSync(built, detourDir, { recursive: true });
  const manifest = readManifest(detourDir);
  const controlMatches = writeControlExtension(detourDir, join(tmpDir, 'control'));
  const signatures = loadServedSignatures();
  const server = await startBenchServer({ apiBlockBody: signatures.openaiRegion403.body });
  const started = Date.now();
  const env: BenchEnv = {
    root: ROOT,
    plan,
    server,
    detourDir,
    manifest,
    controlDir: controlMatches.length > 0 ? join(tmpDir, 'control') : null,
    tmpDir,
    progress: (message) =>
      console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`),
  };
  let failures = 0;
  try {
    const machine = describeMachine(chromiumVersion());
    const sections: Section[] = [];
    for (const m of MEASUREMENTS) {
      if (args.only && !args.only.includes(m.id)) continue;
      env.progress(`${m.title}…`);
      try {
        sections.push(await m.run(env));
      } catch (error) {
        failures++;
        console.error(error);
        const reason = `the measurement failed: ${(error as Error).message.split('\n')[0]}`;
        sections.push({
          id: m.id,
          title: m.title,
          figures: [notAvailable({ id: `${m.id}.failed`, label: m.title, unit: '' }, reason)],
          notes: [],
        });
      }
    }
    const results: BenchResults = {
      generatedAt: new Date().toISOString(),
      mode: plan.mode,
      commit: gitCommit(ROOT),
      machine,
      loadAtEnd: currentLoad(),
      durationSeconds: (Date.now() - started) / 1000,
      parameters: { ...plan },
      sections,
      findings: findings(),
    };
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(join(outDir, 'results.md'), renderMarkdown(results));
    env.progress(`wrote ${join(outDir, 'results.md')} and results.json`);
  } finally {
    await server.close();
    rmSync(tmpDir, { recursive: true, force: true });
  }
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
