/** How much of each measurement a run does: the full bench, or the quick smoke run. */

export interface BenchPlan {
  mode: 'full' | 'quick';
  /** Streaming page: tokens appended over durationMs. */
  tokens: number;
  durationMs: number;
  /** Rounds of the three interleaved arms (each round runs every arm once, in rotating order). */
  streamRounds: number;
  /** Extra Detour runs under the CPU profiler (kept out of the ratio runs: profiling costs time). */
  profileRuns: number;
  bannerRuns: number;
  popupEvents: number;
  popupLaunches: number;
  popupOpensPerLaunch: number;
  burstTabs: number;
  burstBlocksPerTab: number;
  burstRuns: number;
  /** Engine: calls per figure. */
  engineIterations: number;
  storageEvents: number;
  /** Log sizes at which one append is timed. */
  appendAt: number[];
  appendSamples: number;
}

export const FULL_PLAN: BenchPlan = {
  mode: 'full',
  tokens: 20_000,
  durationMs: 10_000,
  streamRounds: 7,
  profileRuns: 3,
  bannerRuns: 10,
  popupEvents: 10_000,
  // Even, so popup and floor each meet the just-started background equally often (first open):
  // six first opens each, since three made the first-open ratio swing 0.84–1.72 between runs of
  // one build (bench/findings.md); fewer opens per start keep the warm samples at 30 a page.
  popupLaunches: 12,
  popupOpensPerLaunch: 3,
  burstTabs: 20,
  burstBlocksPerTab: 50,
  burstRuns: 3,
  engineIterations: 50,
  storageEvents: 5_000,
  appendAt: [0, 1_000, 5_000],
  appendSamples: 15,
};

export const QUICK_PLAN: BenchPlan = {
  mode: 'quick',
  tokens: 2_000,
  durationMs: 1_000,
  streamRounds: 1,
  profileRuns: 1,
  bannerRuns: 2,
  popupEvents: 1_000,
  popupLaunches: 1,
  popupOpensPerLaunch: 2,
  burstTabs: 4,
  burstBlocksPerTab: 10,
  burstRuns: 1,
  engineIterations: 5,
  storageEvents: 1_000,
  appendAt: [0, 200, 1_000],
  appendSamples: 3,
};
