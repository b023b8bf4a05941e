/**
 * Summaries of repeated measurements: median and spread, never a single run.
 */

export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
  /** First and third quartiles (linear interpolation between closest ranks). */
  q1: number;
  q3: number;
  /** Nearest-rank 95th percentile: with fewer than 20 samples this is the maximum. */
  p95: number;
}

function at(sorted: readonly number[], i: number): number {
  const x = sorted[i];
  if (x === undefined) throw new Error(`no sample at rank ${i}`);
  return x;
}

function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = at(sorted, Math.floor(position));
  const above = at(sorted, Math.ceil(position));
  return below + (above - below) * (position - Math.floor(position));
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('summarize: no samples');
  if (samples.some((x) => !Number.isFinite(x))) throw new Error('summarize: a sample is not a finite number');
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    min: at(sorted, 0),
    max: at(sorted, sorted.length - 1),
    q1: quantile(sorted, 0.25),
    q3: quantile(sorted, 0.75),
    p95: at(sorted, Math.max(0, Math.ceil(0.95 * sorted.length) - 1)),
  };
}

/** Pairwise ratios of two arms measured in the same rounds (round i of `arm` over round i of `base`). */
export function pairedRatios(arm: readonly number[], base: readonly number[]): number[] {
  if (arm.length !== base.length) throw new Error('pairedRatios: arms have different numbers of rounds');
  return arm.map((x, i) => {
    const b = at(base, i);
    if (b <= 0) throw new Error(`pairedRatios: base round ${i} is ${b}`);
    return x / b;
  });
}

export { seededRandom } from '../test/support/seeded-random';
