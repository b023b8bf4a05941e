/**
 * The popup's first paint, run by a small classic script before the app's modules have loaded
 * (entrypoints/popup-first-paint.ts): starts the popup's first browser calls, paints the snapshot
 * from their answers (./paint-snapshot) and hands both to the app (./handoff), which takes over
 * the same reads and replaces the paint once it shows as much.
 */
import { type FirstReads, startFirstReadsRaw } from '../popup/first-reads';
import { offerFirstPaint } from './handoff';
import { paintSnapshot } from './paint-snapshot';

/**
 * Settles once the parser is done with the page. The script runs from <head>; the parser may yield
 * between the script and <body>, and the browser's answers can arrive in that gap (the bench saw
 * it on 2 of 27 opens). `interactive` comes before the app's module runs (modules are deferred).
 */
function parsed(): Promise<unknown> {
  return document.readyState === 'loading'
    ? new Promise((resolve) => document.addEventListener('readystatechange', resolve, { once: true }))
    : Promise.resolve();
}

/**
 * Paints into `into` once the reads are in; resolves whether it painted. It never paints over
 * anything: if the app got there first, the app's page stays.
 */
export async function paintFirstReads(reads: FirstReads, target: () => HTMLElement | null): Promise<boolean> {
  const [tab, stored, language] = await Promise.all([reads.tab, reads.session, reads.language]);
  await parsed();
  const into = target();
  if (!into || into.firstChild) return false;
  const painted = paintSnapshot({ stored, tab, language, now: Date.now() });
  if (!painted) return false;
  document.documentElement.lang = painted.locale;
  into.append(painted.root);
  // For the bench (bench/measure-popup.ts), beside the app's marks.
  performance.mark('detour:popup:first-paint');
  return true;
}

export function startFirstPaint(target: () => HTMLElement | null): void {
  // For the bench (bench/measure-popup.ts): when the first paint's script starts.
  performance.mark('detour:popup:first-paint-script');
  const skipped = (error: unknown) => {
    console.warn('[detour] first paint skipped', error);
    return false;
  };
  let reads: FirstReads;
  try {
    reads = startFirstReadsRaw();
  } catch (error) {
    // No browser API object to ask: the app starts its own reads and paints alone.
    skipped(error);
    return;
  }
  offerFirstPaint({ reads, painted: paintFirstReads(reads, target).catch(skipped) });
}
