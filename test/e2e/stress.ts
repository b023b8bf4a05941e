/**
 * Stress mode for the browser suites (DETOUR_STRESS=1, `npm run test:stress`): every core is
 * kept busy by a worker thread for the whole run, so the browsers, the extension and the
 * stand-in all compete for CPU as on a loaded machine. Races that a quiet machine hides (a
 * report delivered late, a worker stopped mid-write) show here. Without the variable it does
 * nothing.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/** A thread that computes until it is terminated. */
const BUSY_LOOP = `
let x = 0;
for (;;) x = (x * 1103515245 + 12345) % 2147483648;
`;

export function startBusyThreads(count: number): () => Promise<void> {
  const workers = Array.from({ length: count }, () => new Worker(BUSY_LOOP, { eval: true }));
  return async () => {
    await Promise.all(workers.map((worker) => worker.terminate()));
  };
}

/** Vitest global setup: starts the busy threads when DETOUR_STRESS=1, stops them at the end. */
export default function setup(): (() => Promise<void>) | undefined {
  if (process.env.DETOUR_STRESS !== '1') return undefined;
  const count = availableParallelism();
  console.log(`[stress] ${count} busy threads, one per core, for this run`);
  return startBusyThreads(count);
}
