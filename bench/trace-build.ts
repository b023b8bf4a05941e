/**
 * Builds the bench's trace build: Detour with the timing marks of core/bench-trace switched on
 * (WXT_BENCH_TRACE=on), into .output/chrome-mv3-benchtrace, so the production build in
 * .output/chrome-mv3 stays what users get. Measure it with
 * `npx tsx bench/run.ts --only banner --build .output/chrome-mv3-benchtrace`: each banner sample
 * is then split into the content script's read, the message's transit and the background's steps.
 */
import { build } from 'wxt';

process.env.WXT_BENCH_TRACE = 'on';
await build({ outDirTemplate: 'chrome-mv3-benchtrace' });
