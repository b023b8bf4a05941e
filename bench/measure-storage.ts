/**
 * 7. The log in storage: bytes used with N events, and the time of one append as the log grows.
 * Appends run Detour's own EventLog (core/log) over the real storage.local in an extension page
 * of the production build, so the storage layout and write pattern are the background's.
 */
import { extensionWorker, launchChromium } from './chromium';
import type { BenchEnv } from './env';
import { bytesInUse, loadLogDriver, openProbePage, seedLog, timeAppends } from './extension-pages';
import { eventTemplates, seedEvents } from './log-events';
import { measuredSamples, measuredValue, notAvailable, type Section } from './report';

export async function measureStorage(env: BenchEnv): Promise<Section> {
  const { plan } = env;
  const section: Section = {
    id: 'storage',
    title: '7. Storage: the log’s size and the cost of one append',
    figures: [],
    notes: [],
  };
  const templates = eventTemplates();
  const sizes = [...plan.appendAt].sort((a, b) => a - b);
  const largest = Math.max(...sizes, plan.storageEvents);
  const cap = Math.max(largest + plan.appendSamples * sizes.length + sizes.length, 100);
  // Timestamps rise through the whole run: the seeded stretch first, then the timed appends.
  const events = seedEvents(templates, largest + (plan.appendSamples + 1) * sizes.length, Date.now());
  let used = 0;
  const take = (n: number) => {
    const out = events.slice(used, used + n);
    used += n;
    return out;
  };

  const browser = await launchChromium({
    extensionDir: env.detourDir,
    hostResolverRules: env.server.hostResolverRules,
  });
  try {
    const { id } = await extensionWorker(browser.context);
    const page = await openProbePage(browser.context, id, env.manifest);
    await loadLogDriver(page);
    let total = 0;
    const warmAt = new Map<number, number[]>();
    for (const size of sizes) {
      if (size > total) total = (await seedLog(page, take(size - total), cap)).total;
      if (total === plan.storageEvents) {
        const bytes = await bytesInUse(page);
        section.figures.push(
          measuredValue(
            {
              id: 'storage.bytes',
              label: `storage.local bytes in use with ${total.toLocaleString('en-US')} events`,
              unit: 'bytes',
            },
            bytes,
          ),
          measuredValue(
            { id: 'storage.bytesPerEvent', label: 'Bytes per event', unit: 'count' },
            bytes / total,
          ),
        );
      }
      const r = await timeAppends(page, take(plan.appendSamples + 1), cap);
      warmAt.set(size, r.warmMs);
      section.figures.push(
        measuredValue(
          {
            id: `storage.append.cold.${size}`,
            label: `First append at ${size.toLocaleString('en-US')} events (log just opened)`,
            unit: 'ms',
          },
          r.coldMs,
        ),
        measuredSamples(
          {
            id: `storage.append.${size}`,
            label: `One append at ${size.toLocaleString('en-US')} events`,
            unit: 'ms',
          },
          r.warmMs,
        ),
      );
      total = r.total;
    }
    const smallest = warmAt.get(sizes[0] as number);
    const biggest = warmAt.get(sizes[sizes.length - 1] as number);
    if (smallest && biggest) {
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
      section.figures.push(
        measuredValue(
          {
            id: 'storage.appendGrowth',
            label: `Append time at ${sizes[sizes.length - 1]?.toLocaleString('en-US')} / at ${sizes[0]} events (medians)`,
            unit: 'ratio',
            target: { op: '<=', value: 1.5, on: 'value' },
            notes:
              'the issue asks that the cost not grow with the log; 1.5 leaves room for noise, an O(n) layout would be far above it',
          },
          median(biggest) / median(smallest),
        ),
      );
    }
    if (!section.figures.some((f) => f.id === 'storage.bytes')) {
      section.figures.push(
        notAvailable(
          { id: 'storage.bytes', label: 'storage.local bytes in use', unit: 'bytes' },
          `the plan never had ${plan.storageEvents} events in the log`,
        ),
      );
    }
    section.notes.push(
      `Events are the engine's verdicts on the block fixtures, spaced 11 minutes apart so none is deduped. Each size is reached in one batched write; the appends timed there go one at a time, each awaited until storage.local has it (EventLog.append resolves after the write).`,
    );
  } finally {
    await browser.close();
  }
  return section;
}
