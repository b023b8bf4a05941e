/**
 * Launching Debian's Chromium the way users meet Detour: the production build loaded unpacked,
 * headless, every service host name mapped to the bench server. One fresh profile per launch
 * unless a profile is handed in (to keep a seeded log across launches).
 *
 * The same Chromium and flags as the tests (test/support/chromium-context.ts); the bench keeps the
 * raw Playwright context (CDP sessions, profiles), and launches a browser with no extension and
 * one with the control extension.
 */
import { execFileSync } from 'node:child_process';
import type { BrowserContext, Worker } from 'playwright-core';
import { findBrowser } from '../test/e2e/browsers';
import { launchChromiumContext } from '../test/support/chromium-context';

export interface LaunchOptions {
  /** Unpacked extension folder, or null for a browser with no extension. */
  extensionDir: string | null;
  hostResolverRules: string;
  /** Reuse this profile folder (the caller removes it); otherwise a fresh one is made and removed on close. */
  profileDir?: string;
}

export interface LaunchedBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

export async function launchChromium(options: LaunchOptions): Promise<LaunchedBrowser> {
  return launchChromiumContext({
    extensionDirs: options.extensionDir ? [options.extensionDir] : [],
    hostResolverRules: options.hostResolverRules,
    viewport: { width: 1280, height: 800 },
    ...(options.profileDir ? { profile: options.profileDir } : {}),
  });
}

/** The extension's worker (waiting for it to start) and its id. */
export async function extensionWorker(
  context: BrowserContext,
  timeoutMs = 10_000,
): Promise<{ worker: Worker; id: string }> {
  const worker =
    context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ??
    (await context.waitForEvent('serviceworker', { timeout: timeoutMs }));
  return { worker, id: worker.url().split('/')[2] as string };
}

/** The browser's own version line, e.g. "Chromium 156.0.8078.79" (the user agent says 156.0.0.0). */
export function chromiumVersion(): string {
  const line = execFileSync(findBrowser('chromium'), ['--version'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return /Chromium [\d.]+/.exec(line)?.[0] ?? line.trim().split('\n')[0] ?? 'unknown';
}
