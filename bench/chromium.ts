/**
 * Launching Debian's Chromium the way users meet Detour: the production build loaded unpacked,
 * headless, every service host name mapped to the bench server. One fresh profile per launch
 * unless a profile is handed in (to keep a seeded log across launches).
 *
 * Not test/e2e/browsers.ts's launcher: the bench needs the raw Playwright context (CDP sessions,
 * profiles), a browser with no extension and one with the control extension.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Worker } from 'playwright-core';
import { findBrowser } from '../test/e2e/browsers';

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
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'detour-bench-profile-'));
  const args = [
    '--headless=new',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-default-apps',
    '--disable-features=DisableLoadExtensionCommandLineSwitch',
    '--ignore-certificate-errors',
    `--host-resolver-rules=${options.hostResolverRules}`,
  ];
  if (options.extensionDir) {
    args.push(
      `--disable-extensions-except=${options.extensionDir}`,
      `--load-extension=${options.extensionDir}`,
    );
  }
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: findBrowser('chromium'),
    headless: true,
    args,
    viewport: { width: 1280, height: 800 },
  });
  const close = async () => {
    await context.close();
    if (!options.profileDir) rmSync(profileDir, { recursive: true, force: true });
  };
  return { context, close };
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
