/**
 * Talking to Detour from one of its own pages, the way its popup does: protocol messages in
 * @webext-core/messaging's wire format, and the bench's log driver (Detour's EventLog bundled).
 */
import { join } from 'node:path';
import { build } from 'esbuild';
import type { BrowserContext, Page } from 'playwright-core';
import type { NewLogEvent } from '../core/log/log-writer';
import { META_KEY } from '../core/log/stored-format';
import type { ProtocolMap } from '../core/messaging/protocol';
import type { DetourManifest } from './env';

/**
 * Opens a quiet page in the extension's origin (one of its icons: chrome.* is there, but no UI
 * that polls the background on its own).
 */
export async function openProbePage(
  context: BrowserContext,
  extensionId: string,
  manifest: DetourManifest,
): Promise<Page> {
  const icon = Object.values(manifest.icons ?? {})[0];
  if (!icon) throw new Error('the manifest has no icon to open as a quiet extension page');
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/${icon}`);
  return page;
}

interface WireReply {
  res?: unknown;
  err?: { message?: string };
}

export async function send<K extends keyof ProtocolMap>(
  page: Page,
  type: K,
  data: Parameters<ProtocolMap[K]>[0],
): Promise<Awaited<ReturnType<ProtocolMap[K]>>> {
  const reply = await page.evaluate(
    async (message) => {
      const { chrome } = globalThis as unknown as {
        chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
      };
      return (await chrome.runtime.sendMessage({ id: Date.now(), timestamp: Date.now(), ...message })) as
        | WireReply
        | undefined;
    },
    { type, data },
  );
  if (!reply) throw new Error(`no reply to ${type}: the background has no handler for it`);
  if (reply.err) throw new Error(`Detour answered ${type} with an error: ${reply.err.message ?? 'unknown'}`);
  return reply.res as Awaited<ReturnType<ProtocolMap[K]>>;
}

let driverSource: Promise<string> | null = null;

/** Detour's EventLog (core/log) bundled for an extension page. */
function logDriverSource(): Promise<string> {
  driverSource ??= build({
    entryPoints: [join(import.meta.dirname, 'in-extension', 'log-driver.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    alias: { 'wxt/browser': join(import.meta.dirname, 'in-extension', 'browser-shim.ts') },
    logLevel: 'silent',
  }).then((r) => r.outputFiles[0]?.text ?? '');
  return driverSource;
}

interface LogDriver {
  seed(events: NewLogEvent[], cap: number): Promise<{ total: number }>;
  timeAppends(
    events: NewLogEvent[],
    cap: number,
  ): Promise<{ coldMs: number; warmMs: number[]; total: number }>;
  bytesInUse(): Promise<number>;
  setLogCap(cap: number): Promise<void>;
}
type DriverWindow = { __detourBenchLog: LogDriver };

/** Loads the log driver into an extension page (CDP evaluation: the page's CSP does not apply). */
export async function loadLogDriver(page: Page): Promise<void> {
  await page.evaluate(await logDriverSource());
}

export function seedLog(page: Page, events: NewLogEvent[], cap: number): Promise<{ total: number }> {
  return page.evaluate(([e, c]) => (globalThis as unknown as DriverWindow).__detourBenchLog.seed(e, c), [
    events,
    cap,
  ] as const);
}

export function timeAppends(page: Page, events: NewLogEvent[], cap: number) {
  return page.evaluate(
    ([e, c]) => (globalThis as unknown as DriverWindow).__detourBenchLog.timeAppends(e, c),
    [events, cap] as const,
  );
}

export function bytesInUse(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as DriverWindow).__detourBenchLog.bytesInUse());
}

export function setLogCap(page: Page, cap: number): Promise<void> {
  return page.evaluate((c) => (globalThis as unknown as DriverWindow).__detourBenchLog.setLogCap(c), cap);
}

type LogWritesWindow = Window & { __benchLogWrites: number[] };

/**
 * Records, in an extension page, when each write that leaves events in the log happens (its
 * index, log.meta, with a total above zero: the background also writes an empty index when it
 * starts), on the clock pages share: performance.timeOrigin + now.
 */
export async function watchLogWrites(probe: Page): Promise<void> {
  await probe.evaluate((metaKey) => {
    const w = window as unknown as LogWritesWindow;
    w.__benchLogWrites = [];
    type Change = { newValue?: { total?: unknown } };
    const { chrome } = globalThis as unknown as {
      chrome: {
        storage: { onChanged: { addListener(f: (c: Record<string, Change>, area: string) => void): void } };
      };
    };
    chrome.storage.onChanged.addListener((changes, area) => {
      const total = area === 'local' ? changes[metaKey]?.newValue?.total : undefined;
      if (typeof total === 'number' && total > 0)
        w.__benchLogWrites.push(performance.timeOrigin + performance.now());
    });
  }, META_KEY);
}

export function logWrites(probe: Page): Promise<number[]> {
  return probe.evaluate(() => (window as unknown as LogWritesWindow).__benchLogWrites);
}

/** The clock pages share: performance.timeOrigin + now, read in `page`. */
export function pageClock(page: Page): Promise<number> {
  return page.evaluate(() => performance.timeOrigin + performance.now());
}
